#!/usr/bin/env python3
"""Sums a clang -ftime-trace file into where the compile time went.

    bench/big_org/trace_summary.py TRACE.json [TOP]

Prints clang's own totals per phase; self time (an event's duration minus the events nested in
it, so nothing counts twice) per kind of event, then per library and per header whose parsing
the event happened in (the rest: the main file, end-of-file instantiations, code generation);
then the classes parsed and the templates instantiated that took longest, inclusive of what they
set off (arguments dropped: every `sfcpp::field<...>` counts as one). Events shorter than
-ftime-trace-granularity are folded into their parent.
"""

import collections
import json
import re
import sys


def library(path):
    for pattern, name in ((r"/bigorg/", "generated bigorg/ headers"), (r"/sfcpp/", "sfcpp/"),
                          (r"/boost/(asio|beast)/", "boost/asio + boost/beast"), (r"/boost/json/", "boost/json"),
                          (r"/boost/url/", "boost/url"), (r"/boost/describe/|/boost/mp11/", "boost/describe + mp11"),
                          (r"/openssl/", "openssl"), (r"/boost/", "boost (other)"),
                          (r"/c\+\+/|/include/[^/]+\.h$|/bits/", "standard library + libc")):
        if re.search(pattern, path):
            return name
    return "other"


def template_name(detail):
    out, depth = [], 0
    for ch in detail:
        if ch == "<":
            depth += 1
            if depth == 1:
                out.append("<...>")
        elif ch == ">":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def main(argv):
    if len(argv) not in (2, 3):
        sys.stderr.write("usage: trace_summary.py TRACE.json [TOP]\n")
        return 1
    top = int(argv[2]) if len(argv) == 3 else 12
    with open(argv[1], encoding="utf-8") as f:
        events = [e for e in json.load(f)["traceEvents"] if e.get("ph") == "X"]
    totals = {e["name"][6:]: e["dur"] for e in events if e["name"].startswith("Total ")}
    main_tid = next(e["tid"] for e in events if e["name"] == "ExecuteCompiler")
    timed = sorted((e for e in events if e["tid"] == main_tid and not e["name"].startswith("Total ")),
                   key=lambda e: (e["ts"], -e["dur"]))

    # Self time: subtract each event's duration from the innermost event enclosing it. The header
    # an event belongs to: the innermost Source event enclosing it (its own, for a Source).
    self_time = [e["dur"] for e in timed]
    header_of = [None] * len(timed)
    stack = []
    for i, e in enumerate(timed):
        while stack and timed[stack[-1]]["ts"] + timed[stack[-1]]["dur"] <= e["ts"]:
            stack.pop()
        if stack:
            self_time[stack[-1]] -= e["dur"]
            header_of[i] = header_of[stack[-1]]
        if e["name"] == "Source":
            header_of[i] = e.get("args", {}).get("detail", "")
        stack.append(i)

    # Inclusive time of a template or class: its outermost occurrences only (an instantiation
    # nested in one of the same name is already inside that one's duration).
    by_lib, by_header, by_template, by_class, by_name = (collections.Counter() for _ in range(5))
    open_until = {}  # key -> end of the outermost occurrence being counted
    for e, t, header in zip(timed, self_time, header_of):
        detail = e.get("args", {}).get("detail", "")
        by_name[e["name"]] += t
        if header is not None:
            by_lib[library(header)] += t
            by_header[header] += t
        else:
            by_lib["(not inside a header) " + e["name"]] += t
        if e["name"] == "Source":
            continue
        if e["name"] in ("InstantiateClass", "InstantiateFunction"):
            key, counter = e["name"][11:].lower() + " " + template_name(detail), by_template
        elif e["name"] == "ParseClass":
            key, counter = detail, by_class
        else:
            continue
        if open_until.get(key, -1) <= e["ts"]:
            counter[key] += e["dur"]
            open_until[key] = e["ts"] + e["dur"]

    wall = totals.get("ExecuteCompiler", max(e["dur"] for e in timed))
    s = lambda us: "%7.2f s %5.1f%%" % (us / 1e6, 100.0 * us / wall)
    print("clang's totals (nested phases overlap):")
    for name, us in sorted(totals.items(), key=lambda kv: -kv[1])[:top]:
        print("  %s  %s" % (s(us), name))
    for title, counter in (("self time by kind of event:", by_name),
                           ("time inside each library's headers (parsing, classes, instantiations"
                            " done there; nested headers excluded), and the rest by event:", by_lib),
                           ("top headers, the same measure:", by_header),
                           ("top classes parsed, inclusive:", by_class),
                           ("top template instantiations, inclusive (arguments dropped):", by_template)):
        print(title)
        for name, us in counter.most_common(top):
            print("  %s  %s" % (s(us), name))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
