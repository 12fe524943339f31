#!/usr/bin/env python3
"""Error breakdown for the held-out corpus (Python 3.9+, standard library only).

    python3 tests/corpus/heldout/analyze.py FINDINGS.jsonl

Complements tests/corpus/evaluate.py (which gives the per-kind figures): groups the misses by
kind and written form (meta.jsonl) and by style, and the false positives by what they overlap
(a label of the same kind with other bounds, a label of another kind, a hard negative by category,
or nothing).  Prints counts only, never values.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(x) for x in f if x.strip()]


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    meta = load(os.path.join(HERE, "meta.jsonl"))
    negs = load(os.path.join(HERE, "negatives.jsonl"))
    found = {(int(o["line"]), int(o["start"]), int(o["end"]), o["kind"]) for o in load(argv[1])}
    gold, style = {}, {}
    for m in meta:
        style[m["line"]] = m["style"]
        for s in m["spans"]:
            gold[(m["line"], s["start"], s["end"], s["kind"])] = s["fmt"]
    by_line_f, by_line_g, by_line_n = defaultdict(list), defaultdict(list), defaultdict(list)
    for f in found:
        by_line_f[f[0]].append(f)
    for g in gold:
        by_line_g[g[0]].append(g)
    for n in negs:
        by_line_n[n["line"]].append(n)

    def ov(a, b):
        return min(a[2], b[2]) > max(a[1], b[1])

    fn_cause, fn_fmt, fn_style, tot_fmt, tot_style = Counter(), Counter(), Counter(), Counter(), Counter()
    for g, fmt in gold.items():
        k = g[3]
        key_fmt = (k, fmt.split("/")[0] if k != "cn_address" else "/".join(fmt.split("/")[:2]))
        tot_fmt[key_fmt] += 1
        tot_style[(k, style[g[0]])] += 1
        if g in found:
            continue
        hits = [f for f in by_line_f[g[0]] if ov(f, g)]
        if not hits:
            cause = "not found"
        elif any(f[3] == k for f in hits):
            f = next(f for f in hits if f[3] == k)
            cause = ("span too long" if f[1] <= g[1] and f[2] >= g[2] else
                     "span too short" if f[1] >= g[1] and f[2] <= g[2] else "span shifted")
            if len([h for h in hits if h[3] == k]) > 1:
                cause = "split in pieces"
        else:
            cause = "found as " + "+".join(sorted({f[3] for f in hits}))
        fn_cause[(k, cause)] += 1
        fn_fmt[key_fmt] += 1
        fn_style[(k, style[g[0]])] += 1

    fp_cause = Counter()
    for f in found - set(gold):
        k = f[3]
        gl = [g for g in by_line_g[f[0]] if ov(f, g)]
        nl = [n for n in by_line_n[f[0]] if ov(f, (0, n["start"], n["end"]))]
        if any(g[3] == k for g in gl):
            cause = "wrong bounds on a labelled " + k
        elif gl:
            cause = "inside a labelled " + "+".join(sorted({g[3] for g in gl}))
        elif nl:
            cause = "hard negative: " + "+".join(sorted({n["category"] for n in nl}))
        else:
            cause = "unlabelled text"
        fp_cause[(k, cause)] += 1

    print("### Misses (false negatives) by cause")
    print()
    print("| kind | cause | count |")
    print("|---|---|---:|")
    for (k, c), n in sorted(fn_cause.items(), key=lambda x: (x[0][0], -x[1])):
        print(f"| `{k}` | {c} | {n} |")
    print()
    print("### Misses by written form (forms with a miss)")
    print()
    print("| kind | form | labelled | missed |")
    print("|---|---|---:|---:|")
    for key in sorted(fn_fmt, key=lambda x: (x[0], -fn_fmt[x])):
        print(f"| `{key[0]}` | {key[1]} | {tot_fmt[key]} | {fn_fmt[key]} |")
    print()
    print("### Misses by style (styles with a miss)")
    print()
    print("| kind | style | labelled | missed |")
    print("|---|---|---:|---:|")
    for key in sorted(fn_style, key=lambda x: (x[0], -fn_style[x])):
        print(f"| `{key[0]}` | {key[1]} | {tot_style[key]} | {fn_style[key]} |")
    print()
    print("### False positives by cause")
    print()
    print("| reported kind | cause | count |")
    print("|---|---|---:|")
    for (k, c), n in sorted(fp_cause.items(), key=lambda x: (x[0][0], -x[1])):
        print(f"| `{k}` | {c} | {n} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
