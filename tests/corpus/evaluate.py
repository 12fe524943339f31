#!/usr/bin/env python3
"""Score scanner findings against yinsi's labelled PII corpus.

Python 3.9+ standard library only.

    yinsi scan --format jsonl < tests/corpus/texts.txt > findings.jsonl
    python3 tests/corpus/evaluate.py findings.jsonl \
        --require cn_id:0.99:0.98,cn_mobile:0.99:0.98,cn_name::0.90

Findings: one JSON object per line, {"line": N, "start": B, "end": B, "kind": "cn_mobile"}, where
`line` is 1-based over tests/corpus/texts.txt and start/end are UTF-8 byte offsets within that line
(end exclusive).  Extra keys (confidence, text, ...) are ignored; duplicate findings count once.

Matching:
  exact    a finding is a true positive iff (line, start, end, kind) equals a labelled span.
  relaxed  one-to-one matching of findings to labelled spans of the same kind on the same line
           whose byte ranges overlap (largest overlap first).
Precision with no findings and recall with no labels are reported as "-" and count as 1.0 for
--require.  Targets apply to the exact figures unless --match relaxed is given.  The kind "all"
names the micro-average over every kind.

Exit status: 0 all targets met (or none given), 1 a target missed, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["cn_id", "cn_mobile", "cn_landline", "bank_card", "email", "cn_name", "cn_address"]


def die(msg: str) -> "NoReturn":  # noqa: F821
    print(f"evaluate.py: error: {msg}", file=sys.stderr)
    sys.exit(2)


def norm_kind(k: str) -> str:
    k = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(k)).lower()  # CnMobile -> cn_mobile
    return k.replace("-", "_")


def load_corpus(path: str):
    texts, gold = [], []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
                text = obj["text"]
                spans = obj["spans"]
            except (ValueError, KeyError, TypeError) as e:
                die(f"{path}:{n}: not a corpus record ({e})")
            line_no = len(texts) + 1
            texts.append(text.encode("utf-8"))
            for s in spans:
                gold.append((line_no, int(s["start"]), int(s["end"]), norm_kind(s["kind"])))
    return texts, gold


def load_findings(path: str, texts):
    found, dupes, invalid, misaligned, bad_records = set(), 0, [], 0, 0
    f = sys.stdin if path == "-" else open(path, encoding="utf-8")
    with f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
                item = (int(obj["line"]), int(obj["start"]), int(obj["end"]), norm_kind(obj["kind"]))
            except (ValueError, KeyError, TypeError):
                bad_records += 1
                if bad_records <= 3:
                    print(f"warning: {path}:{n}: skipping unparsable finding: {raw.strip()[:120]}", file=sys.stderr)
                continue
            line, start, end, _ = item
            if not (1 <= line <= len(texts)) or not (0 <= start < end <= len(texts[line - 1])):
                invalid.append(item)
            else:
                b = texts[line - 1]
                if any(0 < i < len(b) and (b[i] & 0xC0) == 0x80 for i in (start, end)):
                    misaligned += 1
            if item in found:
                dupes += 1
            found.add(item)
    if bad_records:
        print(f"warning: {bad_records} unparsable finding line(s) skipped", file=sys.stderr)
    if dupes:
        print(f"warning: {dupes} duplicate finding(s) counted once", file=sys.stderr)
    if invalid:
        print(f"warning: {len(invalid)} finding(s) outside their line (counted as false positives), "
              f"first: {invalid[0]}", file=sys.stderr)
    if misaligned:
        print(f"warning: {misaligned} finding(s) start or end inside a UTF-8 character", file=sys.stderr)
    return found


def load_negatives(path: str):
    negs = []
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for raw in f:
                if raw.strip():
                    o = json.loads(raw)
                    negs.append((int(o["line"]), int(o["start"]), int(o["end"]), o["category"]))
    return negs


def relaxed_match(gold, found):
    """One-to-one overlap matching within (line, kind). Returns set of matched gold and found items."""
    by_key_g, by_key_f = defaultdict(list), defaultdict(list)
    for g in gold:
        by_key_g[(g[0], g[3])].append(g)
    for f in found:
        by_key_f[(f[0], f[3])].append(f)
    mg, mf = set(), set()
    for key, fs in by_key_f.items():
        gs = by_key_g.get(key, [])
        pairs = []
        for f in fs:
            for g in gs:
                ov = min(f[2], g[2]) - max(f[1], g[1])
                if ov > 0:
                    pairs.append((-ov, g, f))
        pairs.sort()
        for _, g, f in pairs:
            if g not in mg and f not in mf:
                mg.add(g)
                mf.add(f)
    return mg, mf


def ratio(num: int, den: int):
    return None if den == 0 else num / den


def fmt(x) -> str:
    return "-" if x is None else f"{x:.4f}"


def f1(p, r):
    if p is None or r is None or p + r == 0:
        return None
    return 2 * p * r / (p + r)


def parse_require(spec: str):
    targets = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        bits = part.split(":")
        if len(bits) != 3:
            die(f"--require entry {part!r} is not kind:precision:recall")
        kind = norm_kind(bits[0])
        if kind not in KINDS and kind != "all":
            die(f"--require names unknown kind {bits[0]!r} (known: {', '.join(KINDS)}, all)")
        vals = []
        for b in bits[1:]:
            if b.strip() == "":
                vals.append(None)
                continue
            try:
                v = float(b)
            except ValueError:
                die(f"--require entry {part!r}: {b!r} is not a number")
            if not 0.0 <= v <= 1.0:
                die(f"--require entry {part!r}: {b!r} is not in [0, 1]")
            vals.append(v)
        targets.append((kind, vals[0], vals[1]))
    return targets


def snippet(texts, item, ctx: int = 24) -> str:
    line, start, end, _ = item
    b = texts[line - 1] if 1 <= line <= len(texts) else b""
    pre = b[max(0, start - ctx):start].decode("utf-8", "replace")
    mid = b[start:end].decode("utf-8", "replace")
    post = b[end:end + ctx].decode("utf-8", "replace")
    return f"…{pre}⟦{mid}⟧{post}…".replace("|", "\\|")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("findings", help="findings JSONL from `yinsi scan --format jsonl` ('-' for stdin)")
    ap.add_argument("--corpus", default=os.path.join(HERE, "corpus.jsonl"), help="labelled corpus (default: %(default)s)")
    ap.add_argument("--negatives", default=None,
                    help="hard-negative sidecar (default: negatives.jsonl beside the corpus, if present)")
    ap.add_argument("--require", default="", metavar="SPEC",
                    help="targets, e.g. cn_id:0.99:0.98,cn_mobile:0.99:0.98,cn_name::0.90 (empty = no target)")
    ap.add_argument("--match", choices=["exact", "relaxed"], default="exact", help="figures the targets apply to")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N",
                    help="list up to N false positives and N false negatives per kind")
    args = ap.parse_args(argv)

    targets = parse_require(args.require)
    if not os.path.exists(args.corpus):
        die(f"corpus not found: {args.corpus}")
    if args.findings != "-" and not os.path.exists(args.findings):
        die(f"findings not found: {args.findings}")
    texts, gold_list = load_corpus(args.corpus)
    gold = set(gold_list)
    found = load_findings(args.findings, texts)
    neg_path = args.negatives if args.negatives is not None else os.path.join(os.path.dirname(args.corpus), "negatives.jsonl")
    negs = load_negatives(neg_path)

    kinds = list(KINDS) + sorted({f[3] for f in found} - set(KINDS))
    tp = gold & found
    mg, mf = relaxed_match(gold, found)

    rows = {}
    for k in kinds + ["all"]:
        sel = (lambda x: True) if k == "all" else (lambda x, k=k: x[3] == k)
        g = sum(1 for x in gold if sel(x))
        fo = sum(1 for x in found if sel(x))
        t = sum(1 for x in tp if sel(x))
        rg = sum(1 for x in mg if sel(x))
        p, r = ratio(t, fo), ratio(t, g)
        rows[k] = dict(gold=g, found=fo, tp=t, fp=fo - t, fn=g - t, p=p, r=r, f1=f1(p, r),
                       rp=ratio(rg, fo), rr=ratio(rg, g))

    out = []
    out.append(f"## yinsi scanner vs corpus ({len(texts)} lines, {len(gold)} labelled spans, {len(found)} findings)")
    out.append("")
    out.append("| kind | gold | found | TP | FP | FN | precision | recall | F1 | relaxed P | relaxed R |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k in kinds + ["all"]:
        x = rows[k]
        name = "**all (micro)**" if k == "all" else f"`{k}`"
        out.append(f"| {name} | {x['gold']} | {x['found']} | {x['tp']} | {x['fp']} | {x['fn']} | {fmt(x['p'])} | "
                   f"{fmt(x['r'])} | {fmt(x['f1'])} | {fmt(x['rp'])} | {fmt(x['rr'])} |")
    out.append("")
    out.append("Exact = same line, byte range and kind. Relaxed = same line and kind, overlapping bytes (one-to-one).")

    # findings overlapping a label of a different kind
    confusion = Counter()
    gold_by_line = defaultdict(list)
    for g in gold:
        gold_by_line[g[0]].append(g)
    for f in found - mf:
        for g in gold_by_line.get(f[0], []):
            if g[3] != f[3] and min(f[2], g[2]) > max(f[1], g[1]):
                confusion[(f[3], g[3])] += 1
                break
    if confusion:
        out.append("")
        out.append("### Findings that overlap a label of another kind")
        out.append("")
        out.append("| reported kind | labelled kind | count |")
        out.append("|---|---|---:|")
        for (fk, gk), c in sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"| `{fk}` | `{gk}` | {c} |")

    if negs:
        found_by_line = defaultdict(list)
        for f in found:
            found_by_line[f[0]].append(f)
        per_cat, hit_cat, hit_kinds = Counter(), Counter(), defaultdict(Counter)
        for line, s, e, cat in negs:
            per_cat[cat] += 1
            hits = [f for f in found_by_line.get(line, []) if min(f[2], e) > max(f[1], s)]
            if hits:
                hit_cat[cat] += 1
                for f in hits:
                    hit_kinds[cat][f[3]] += 1
        out.append("")
        out.append(f"### Hard negatives hit by a finding ({sum(hit_cat.values())} of {len(negs)})")
        out.append("")
        out.append("| category | negatives | hit | hit rate | reported as |")
        out.append("|---|---:|---:|---:|---|")
        for cat in sorted(per_cat):
            kinds_s = ", ".join(f"`{k}` {c}" for k, c in sorted(hit_kinds[cat].items())) or ""
            out.append(f"| {cat} | {per_cat[cat]} | {hit_cat[cat]} | {hit_cat[cat] / per_cat[cat]:.4f} | {kinds_s} |")

    if args.show_errors > 0:
        out.append("")
        out.append("### Errors (exact matching)")
        for k in kinds:
            fps = sorted(x for x in found - tp if x[3] == k)[: args.show_errors]
            fns = sorted(x for x in gold - tp if x[3] == k)[: args.show_errors]
            if not fps and not fns:
                continue
            out.append("")
            out.append(f"#### `{k}`")
            out.append("")
            for x in fps:
                out.append(f"- FP line {x[0]} [{x[1]},{x[2]}): {snippet(texts, x)}")
            for x in fns:
                out.append(f"- FN line {x[0]} [{x[1]},{x[2]}): {snippet(texts, x)}")

    failed = []
    for kind, pt, rt in targets:
        x = rows[kind]
        p, r = (x["p"], x["r"]) if args.match == "exact" else (x["rp"], x["rr"])
        p = 1.0 if p is None else p
        r = 1.0 if r is None else r
        if pt is not None and p < pt:
            failed.append(f"{kind}: precision {p:.4f} < {pt}")
        if rt is not None and r < rt:
            failed.append(f"{kind}: recall {r:.4f} < {rt}")
    if targets:
        out.append("")
        out.append(f"### Targets ({args.match} matching)")
        out.append("")
        if failed:
            out.extend(f"- MISSED {m}" for m in failed)
        else:
            out.append(f"- all {len(targets)} target(s) met")

    print("\n".join(out))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
