#!/usr/bin/env python3
"""A crawler that does not crawl: it reads the fixture's truth and reports it, honestly or with
one lie, so the protocol tests can prove how the harness treats each kind of bad crawler.
usage: lying-crawler.py MODE URL OUT   (MODE: honest, missing, invented, duplicate, nojson,
wrongshape, crash, hang, stdout)"""
import json
import sys
import time
import urllib.request

mode, url, out = sys.argv[1], sys.argv[2], sys.argv[3]
if mode == "hang":
    time.sleep(600)
if mode == "crash":
    print("boom: the lying crawler crashed on purpose", file=sys.stderr)
    sys.exit(3)
origin = url.rstrip("/")
truth = json.load(urllib.request.urlopen(origin + "/__truth.json"))
pages = [{"url": origin + p["path"], "status": p["status"], **({"error": p["error"]} if "error" in p else {})} for p in truth["pages"]]
if mode == "missing":
    pages = pages[:-1]
elif mode == "invented":
    pages.append({"url": origin + "/invented/page", "status": 200})
elif mode == "duplicate":
    pages.append(dict(pages[0]))
document = {"pages": pages, "stats": {"requests": len(pages), "durationMs": 12.5}}
if mode == "wrongshape":
    document = {"visited": [p["url"] for p in pages]}
text = "this is not JSON" if mode == "nojson" else json.dumps(document)
if mode == "stdout":
    # No {out} in the template: the result goes to stdout, and durationMs is left out.
    del document["stats"]["durationMs"]
    print(json.dumps(document))
else:
    with open(out, "w") as f:
        f.write(text)
