"""A crawler that costs a known amount of CPU before it crawls: it spins until it has used
300 ms of CPU, then runs examples/python-crawler/crawler.py with the same arguments. The bench's
load-CPU probe must see those 300 ms, and CPU per page must not count them."""
import os
import runpy
import sys
import time

while time.process_time() < 0.3:
    pass

crawler = os.path.join(os.path.dirname(__file__), '..', '..', 'examples', 'python-crawler', 'crawler.py')
sys.argv = [crawler, *sys.argv[1:]]
runpy.run_path(crawler, run_name='__main__')
