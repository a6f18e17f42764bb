# Python's json.loads (simple-salesforce's decode path) on the file bench/decode.cpp wrote.
#   python3 decode.py FILE    prints the best time and `RESULT python_json_loads_mbps <MB/s>`
import json
import platform
import sys
import time

with open(sys.argv[1], "rb") as f:
    data = f.read()
text = data.decode("utf-8")
first = json.loads(text)
assert len(first["records"]) == first["totalSize"]

# Best of at least 5 runs and 2 seconds, like bench/harness.hpp.
best, total, runs = float("inf"), 0.0, 0
while runs < 5 or total < 2.0:
    t0 = time.perf_counter()
    v = json.loads(text)
    s = time.perf_counter() - t0
    assert len(v["records"]) == first["totalSize"]
    del v
    best, total, runs = min(best, s), total + s, runs + 1
mbps = len(data) / best / 1e6
print(f"Python {platform.python_version()} json.loads: {len(data) / 1e6:.1f} MB in {best * 1e3:.1f} ms, {mbps:.1f} MB/s")
print(f"RESULT python_json_loads_mbps {mbps:.2f}")
