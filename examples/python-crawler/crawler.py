#!/usr/bin/env python3
"""A small, real crawler for crawlbench, standard library only.

W threads fetch pages; the main thread (the coordinator) alone owns the frontier and the seen
set, so nothing needs a lock. Output: the crawl protocol's JSON, written to --out.
"""
import argparse, concurrent.futures as cf, http.client, json, os, re, socket, ssl, threading, time, zlib
from collections import deque
from html.parser import HTMLParser

# ---- URLs: what WHATWG `new URL(href, base)` gives for http(s), minus query, fragment, credentials.
# urllib.parse.urljoin differs (keeps `%2e` segments, treats `\` as a path char, no escaping).
DEFAULT_PORT = {"http": 80, "https": 443}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
PATH_ESCAPE = set(' "#<>?`{}')  # WHATWG path percent-encode set (Node 20 leaves `^` alone)
DOTS = {".": ".", "%2e": ".", "..": "..", ".%2e": "..", "%2e.": "..", "%2e%2e": ".."}
C0_SPACE = "".join(map(chr, range(0x21)))  # stripped around an href, as WHATWG does

def _escape_path(path):  # existing %XX stays as it is: WHATWG never decodes or re-encodes it
    return "".join(ch if 0x20 < ord(ch) < 0x7F and ch not in PATH_ESCAPE
                   else "".join("%%%02X" % b for b in ch.encode("utf-8")) for ch in path)

def _remove_dots(path):
    """Resolve `.`/`..` segments (also spelled %2e) the WHATWG way: a trailing one keeps the `/`."""
    segs, parts = [], path.split("/")[1:]
    for i, seg in enumerate(parts):
        kind, last = DOTS.get(seg.lower()), i == len(parts) - 1
        if kind == "..":
            if segs: segs.pop()
            if last: segs.append("")
        elif kind == ".":
            if last: segs.append("")
        else:
            segs.append(seg)
    return "/" + "/".join(segs)

def _authority(rest):
    """Split `//host:port/path...` (slashes already stripped) into (host, port, remainder) or None."""
    auth, rest = re.match(r"([^/?#]*)(.*)", rest, re.S).groups()
    auth = auth.rsplit("@", 1)[-1]             # drop credentials
    host, port = re.match(r"(\[[^\]]*\]|[^:]*):?(.*)", auth, re.S).groups()  # `[v6]:port` too
    try: host = host.lower() if host.isascii() else host.encode("idna").decode()  # IDNA2003: near enough
    except UnicodeError: return None
    if not host or any(c in host for c in " <>^|%\\"): return None
    if port:
        if not port.isdigit() or int(port) > 65535: return None
        port = int(port)
    return host, port, rest

def normalize(href, base):
    """Resolve href against the normalized absolute `base`; None when not an http(s) URL."""
    href = href.strip(C0_SPACE).replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    bscheme, brest = base.split("://", 1)
    bslash = brest.find("/")
    bauth, bpath = (brest[:bslash], brest[bslash:]) if bslash >= 0 else (brest, "/")
    scheme, m = bscheme, SCHEME.match(href)
    if m:
        scheme, rest = m.group(1).lower(), href[m.end():]
        if scheme not in DEFAULT_PORT: return None        # mailto:, tel:, javascript:, data:
        # `http:foo` and `http:/x` are relative to an http base; otherwise an authority follows
        href = rest if scheme == bscheme and not rest.startswith("//") else "//" + rest.lstrip("/")
    if href.startswith("//"):                              # another host (maybe another scheme)
        parsed = _authority(href.lstrip("/"))
        if parsed is None: return None
        host, port, path = parsed
        netloc = host if port in ("", DEFAULT_PORT[scheme]) else "%s:%d" % (host, port)
        return scheme + "://" + netloc + _clean_path(path)
    if href.startswith("/"):
        path = href
    elif href == "" or href[0] in "?#":
        path = bpath                                       # same page (query/fragment dropped)
    else:
        path = bpath[: bpath.rfind("/") + 1] + href        # merge with the base's directory
    return bscheme + "://" + bauth + _clean_path(path)

def _clean_path(path):
    path = re.split(r"[?#]", path, maxsplit=1)[0] or "/"
    return _escape_path(_remove_dots(path))

def origin_of(url):
    scheme, rest = url.split("://", 1)
    return scheme + "://" + rest.split("/", 1)[0]

# ---- Links: html.parser skips comments and keeps <script> text as data, so neither yields links.
class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs, self.base = [], None
    def handle_starttag(self, tag, attrs):   # also called for `<a href=/x/>` (startendtag)
        if tag not in ("a", "base"): return
        href = next((v or "" for k, v in attrs if k == "href"), None)  # the first href wins
        if href is None: return  # an <a> without href is no link; a bare `href` is "" (this page)
        if tag == "a": self.hrefs.append(href)
        elif self.base is None: self.base = href

def extract_links(html, page_url, origin):
    p = LinkParser()
    p.feed(html); p.close()
    base = normalize(p.base, page_url) if p.base is not None else None
    found = {}  # a dict keeps document order and drops duplicates
    for href in p.hrefs:
        url = normalize(href, base or page_url)
        if url and origin_of(url) == origin: found[url] = True
    return list(found)

# ---- Fetching: http.client never follows redirects; one keep-alive connection per thread.
class Fetch(Exception):
    """A failed attempt: the error kind, the status if headers came, the body bytes read so far."""
    def __init__(self, kind, status=0, got=0): self.kind, self.status, self.got = kind, status, got

def error_kind(exc):
    """Map a Python exception onto the protocol's error kinds (the order matters: subclasses first)."""
    if isinstance(exc, (socket.timeout, TimeoutError)): return "timeout"
    if isinstance(exc, ssl.SSLCertVerificationError): return "tls"
    if isinstance(exc, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError,
                        http.client.IncompleteRead, ssl.SSLEOFError, ssl.SSLZeroReturnError)):
        return "reset"  # ConnectionResetError covers RemoteDisconnected: closed before a response
    if isinstance(exc, ConnectionRefusedError): return "refused"
    if isinstance(exc, socket.gaierror): return "dns"
    return "network"

local = threading.local()  # each worker thread keeps one keep-alive connection to the origin

def connection(opts, scheme, netloc):
    if getattr(local, "conn", None) is None:
        timeout = opts.timeout_ms / 1000
        if scheme == "https":
            ctx = ssl.create_default_context(cafile=opts.ca or None)  # --ca "": system roots
            local.conn = http.client.HTTPSConnection(netloc, timeout=timeout, context=ctx)
        else:
            local.conn = http.client.HTTPConnection(netloc, timeout=timeout)
    return local.conn

def drop_connection():
    if getattr(local, "conn", None): local.conn.close()
    local.conn = None

def fetch_once(opts, url):
    """One GET. Returns (status, response, body); raises Fetch on errors."""
    scheme, rest = url.split("://", 1)
    netloc, path = rest.split("/", 1)
    deadline = time.monotonic() + opts.timeout_ms / 1000
    def remaining():  # one deadline for connect, headers and the whole body (a trickle times out)
        left = deadline - time.monotonic()
        if left <= 0: raise socket.timeout()
        return left
    conn, status, body = connection(opts, scheme, netloc), 0, bytearray()
    try:
        if conn.sock is None:
            try: conn.connect()
            except ssl.SSLError: raise Fetch("tls")
        sock = conn.sock  # kept: with `Connection: close`, getresponse hands the socket to resp
        sock.settimeout(remaining())
        conn.request("GET", "/" + path, headers={"Accept-Encoding": "gzip, deflate", "User-Agent": "crawlbench-python"})
        resp = conn.getresponse()
        status = resp.status
        length = resp.getheader("Content-Length")
        if length and length.isdigit() and int(length) > opts.max_body_bytes: raise Fetch("too-large", status)
        coding = (resp.getheader("Content-Encoding") or "").lower()
        # decode as we go, so --max-body-bytes applies to decoded bytes (47: gzip header, 15: zlib)
        inflate = zlib.decompressobj(47 if coding == "gzip" else 15) if coding in ("gzip", "deflate") else None
        while resp.length != 0:   # read1: one recv at a time, so the deadline is checked often
            sock.settimeout(remaining())
            chunk = resp.read1(65536)
            if not chunk: break
            try: body += inflate.decompress(chunk) if inflate else chunk
            except zlib.error: raise Fetch("decode", status, len(body))
            if len(body) > opts.max_body_bytes: raise Fetch("too-large", status, len(body))
        if resp.length:  # EOF before Content-Length was reached: the connection broke off
            raise Fetch("reset", status, len(body))
        resp.close()     # marks the response done, so the connection can carry the next request
        if resp.will_close: drop_connection()
        return status, resp, bytes(body)
    except Fetch:
        drop_connection(); raise
    except (OSError, http.client.HTTPException) as exc:  # ssl.SSLError and socket errors are OSErrors
        drop_connection(); raise Fetch(error_kind(exc), status, len(body))

RETRIED = ("reset", "refused", "network")

def visit(opts, url, origin):
    """Fetch with retries; returns (record, found URLs, requests sent). Runs on a worker thread."""
    start, requests, nbytes, error, resp, body = time.monotonic(), 0, 0, None, None, b""
    for attempt in range(opts.retries + 1):
        if attempt: time.sleep(min(0.05 * 2 ** (attempt - 1), 1.0))  # backoff 50·2^n ms, cap 1 s
        requests += 1
        try:
            status, resp, body = fetch_once(opts, url)
            error, nbytes = None, nbytes + len(body)
            if not (status >= 500 or status == 429): break
        except Fetch as e:
            status, error, resp, body, nbytes = e.status, e.kind, None, b"", nbytes + e.got
            if e.kind not in RETRIED: break
    # bytes and ms add up every attempt, as the reference crawler counts them
    rec = {"url": url, "status": status, "bytes": nbytes, "ms": round((time.monotonic() - start) * 1000, 3), "links": 0}
    found = []
    if error:
        rec["error"] = error
    elif status in (301, 302, 303, 307, 308) and resp.getheader("Location") is not None:
        target = normalize(resp.getheader("Location"), url)
        if target:
            rec["redirectTo"] = target
            if origin_of(target) == origin: found = [target]
    elif 200 <= status < 300 and "text/html" in (resp.getheader("Content-Type") or "").lower():
        charset = re.search(r"charset=([\w-]+)", resp.getheader("Content-Type"), re.I)
        try: html = body.decode(charset.group(1) if charset else "utf-8", "replace")
        except LookupError: html = body.decode("utf-8", "replace")
        found = extract_links(html, url, origin)
    rec["links"] = len(found)
    return rec, found, requests

# ---- The coordinator: the only owner of the frontier and the seen set.
def crawl(opts):
    start = normalize(opts.url, opts.url)
    if start is None: raise SystemExit("crawler.py: --url must be an http(s) URL")
    origin = origin_of(start)
    frontier, seen, pages, requests = deque([start]), {start}, [], 0
    t0 = time.perf_counter()
    with cf.ThreadPoolExecutor(max_workers=opts.workers) as pool:
        running = set()
        while frontier or running:
            while frontier and len(running) < opts.workers:  # never more than W in flight
                running.add(pool.submit(visit, opts, frontier.popleft(), origin))
            done, running = cf.wait(running, return_when=cf.FIRST_COMPLETED)
            for fut in done:
                rec, found, n = fut.result()
                pages.append(rec); requests += n
                for url in found:
                    if url not in seen and len(seen) < opts.max_pages:
                        seen.add(url); frontier.append(url)
    duration = (time.perf_counter() - t0) * 1000
    return {"pages": pages, "stats": {"requests": requests, "durationMs": round(duration, 3)}}

class Args(argparse.ArgumentParser):
    def error(self, message):  # one line on stderr, exit 2
        self.exit(2, "crawler.py: %s\n" % message)

def main():
    ap = Args(description="A small crawlbench crawler (Python standard library).")
    ap.add_argument("--url", required=True)
    ap.add_argument("--workers", type=int, default=10)
    ap.add_argument("--timeout-ms", type=int, default=10000)
    ap.add_argument("--retries", type=int, default=2)
    ap.add_argument("--max-pages", type=int, default=100000)
    ap.add_argument("--max-body-bytes", type=int, default=10 * 1024 * 1024)
    ap.add_argument("--ca", default="", help='PEM CA file; "" = system roots')
    ap.add_argument("--out", required=True)
    opts = ap.parse_args()
    if opts.workers < 1: ap.error("--workers must be at least 1")
    result = crawl(opts)
    with open(opts.out + ".tmp", "w") as f: json.dump(result, f)
    os.replace(opts.out + ".tmp", opts.out)  # atomic: a reader never sees half a file
    print("%d pages, %d requests, %.0f ms" % (len(result["pages"]), result["stats"]["requests"],
                                              result["stats"]["durationMs"]))

if __name__ == "__main__":
    main()
