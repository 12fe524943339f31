#!/usr/bin/env bash
# Speed and memory of `yinsi mask` (issue 4), against a peer doing the same job.
#
#   bash benches/scan/run.sh            # prints a Markdown table
#
# 1. Throughput: tests/corpus/texts.txt repeated to >= 100 MB, `yinsi mask` with every kind, one
#    thread (pinned to one CPU with taskset when it exists). Best of 3 runs; MB/s by wall-clock
#    time and by CPU time (user + sys), which is what a loaded machine distorts least.
# 2. Memory: peak RSS (/usr/bin/time -f %M) of `yinsi mask` streaming 1 GB from a pipe.
# 3. Peer: Presidio analyzer + anonymizer with pattern recognizers only (benches/scan/presidio_peer.py),
#    installed from PyPI into a venv, run offline, on the first MB (at most) of the same corpus; scrubadub if
#    Presidio cannot be installed. Prints the ratio.
# 4. The floor: 100 MB of generated text without any value (ASCII log words; Chinese characters).
# Targets (issue 4): >= 200 MB/s, peak RSS < 50 MB. The script reports them; it fails only when
# something cannot be measured.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo build --release --locked -p yinsi-cli --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/yinsi"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
CORPUS=tests/corpus/texts.txt
PIN=()
command -v taskset >/dev/null && PIN=(taskset -c 0)
[ -x /usr/bin/time ] || { echo "benches/scan: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }

# --- 1. throughput on >= 100 MB -------------------------------------------------------------
BIG="$WORK/big.txt"
while [ "$(stat -c %s "$BIG" 2>/dev/null || echo 0)" -lt 100000000 ]; do cat "$CORPUS" >> "$BIG"; done
SIZE=$(stat -c %s "$BIG")
best_wall=""; best_cpu=""
for _ in 1 2 3; do
    /usr/bin/time -f "%e %U %S" -o "$WORK/t" "${PIN[@]}" "$BIN" mask --kinds all "$BIG" > /dev/null
    read -r wall user sys < "$WORK/t"
    cpu=$(python3 -c "print($user + $sys)")
    best_wall=$(python3 -c "print(min(x for x in [$wall, ${best_wall:-1e9}]))")
    best_cpu=$(python3 -c "print(min(x for x in [$cpu, ${best_cpu:-1e9}]))")
done
mbps_wall=$(python3 -c "print(f'{$SIZE / 1e6 / $best_wall:.1f}')")
mbps_cpu=$(python3 -c "print(f'{$SIZE / 1e6 / max($best_cpu, 1e-9):.1f}')")
"$BIN" scan "$BIG" > "$WORK/counts"
values=$(awk '$1 == "total" {print $2}' "$WORK/counts")

# --- 2. peak RSS streaming 1 GB -------------------------------------------------------------
REPEAT=$(( (1000000000 + $(stat -c %s "$CORPUS") - 1) / $(stat -c %s "$CORPUS") ))
for ((i = 0; i < REPEAT; i++)); do cat "$CORPUS"; done | /usr/bin/time -f "%M %e" -o "$WORK/rss" "$BIN" mask --kinds all > /dev/null
read -r rss_kb stream_secs < "$WORK/rss"
stream_mb=$(python3 -c "print(f'{$REPEAT * $(stat -c %s "$CORPUS") / 1e6:.0f}')")

# --- 3. the peer ----------------------------------------------------------------------------
SLICE="$WORK/slice.txt"
head -c 1000000 "$CORPUS" | head -n -1 > "$SLICE"
VENV="${YINSI_BENCH_VENV:-${TMPDIR:-/tmp}/yinsi-scan-bench-venv}"
peer="none"; peer_mbps=""
if [ ! -x "$VENV/bin/python" ]; then python3 -m venv "$VENV"; fi
if "$VENV/bin/python" -c "import presidio_analyzer, presidio_anonymizer" 2>/dev/null \
    || "$VENV/bin/pip" install -q presidio-analyzer presidio-anonymizer >/dev/null 2>&1; then
    read -r pbytes psecs pfound < <(HF_HUB_OFFLINE=1 "${PIN[@]}" "$VENV/bin/python" benches/scan/presidio_peer.py "$SLICE" 2>/dev/null)
    peer="Presidio $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("presidio-analyzer"))') (analyzer + anonymizer, pattern recognizers)"
    peer_mbps=$(python3 -c "print(f'{$pbytes / 1e6 / $psecs:.2f}')")
elif "$VENV/bin/pip" install -q scrubadub >/dev/null 2>&1; then
    psecs=$("$VENV/bin/python" - "$SLICE" <<'PY'
import sys, time, scrubadub
text = open(sys.argv[1], encoding="utf-8").read().split("\n")
s = scrubadub.Scrubber()
t = time.perf_counter()
for line in text:
    s.clean(line)
print(f"{time.perf_counter() - t:.3f}")
PY
)
    pbytes=$(stat -c %s "$SLICE")
    peer="scrubadub"
    peer_mbps=$(python3 -c "print(f'{$pbytes / 1e6 / $psecs:.2f}')")
fi
yinsi_slice=$( { /usr/bin/time -f "%e" "${PIN[@]}" "$BIN" mask --kinds all "$SLICE" > /dev/null; } 2>&1 )

# --- 4. text without values: the scanner's floor ---------------------------------------------
# 100 MB of generated log words (ASCII) and of common Chinese characters, no value in either.
python3 - "$WORK" <<'PY'
import random, sys
rng = random.Random(7)
words = "hello world status ok callback from user trace level info warn svc retry done".split()
han = "你好我的快递一直没到麻烦尽快处理谢谢已签收如有疑问请拨打短信发送成功"
for name, line in [("ascii", lambda: " ".join(rng.choice(words) for _ in range(30))[:178]),
                   ("han", lambda: "".join(rng.choice(han) for _ in range(60)))]:
    block = "".join(line() + "\n" for _ in range(20000)).encode()
    with open(f"{sys.argv[1]}/{name}.txt", "wb") as f:
        for _ in range(100_000_000 // len(block) + 1):
            f.write(block)
PY
floor() {
    local best=""
    for _ in 1 2 3; do
        /usr/bin/time -f "%e" -o "$WORK/t" "${PIN[@]}" "$BIN" mask --kinds all "$1" > /dev/null
        best=$(python3 -c "print(min($(cat "$WORK/t"), ${best:-1e9}))")
    done
    python3 -c "print(f'{$(stat -c %s "$1") / 1e6 / max($best, 1e-9):.0f}')"
}
ascii_mbps=$(floor "$WORK/ascii.txt")
han_mbps=$(floor "$WORK/han.txt")

verdict() { python3 -c "print('met' if $1 else 'MISSED')"; }
echo "## yinsi mask: speed and memory"
echo
echo "| measure | value | target |"
echo "|---|---:|---|"
echo "| input | $(python3 -c "print(f'{$SIZE/1e6:.1f}')") MB (tests/corpus/texts.txt repeated), $values values, every kind, \`--action mask\` | >= 100 MB |"
echo "| throughput, wall clock (best of 3, one thread) | $mbps_wall MB/s | >= 200 MB/s: $(verdict "$mbps_wall >= 200") |"
echo "| throughput, CPU time (user + sys) | $mbps_cpu MB/s | |"
echo "| peak RSS streaming $stream_mb MB from a pipe | $(python3 -c "print(f'{$rss_kb/1024:.1f}')") MB ($stream_secs s) | < 50 MB: $(verdict "$rss_kb < 51200") |"
if [ -n "$peer_mbps" ]; then
    echo "| peer: $peer, $(python3 -c "print(f'{$(stat -c %s "$SLICE")/1e6:.2f}')") MB slice | $peer_mbps MB/s | |"
    echo "| yinsi on the same slice (incl. process start) | $(python3 -c "print(f'{$(stat -c %s "$SLICE")/1e6/max($yinsi_slice, 0.001):.1f}')") MB/s | |"
    echo "| ratio yinsi (wall, 100 MB) / peer | $(python3 -c "print(f'{$mbps_wall / $peer_mbps:.0f}x')") | |"
else
    echo "| peer | could not be installed from PyPI (Presidio, scrubadub) | |"
fi
echo "| text without values, 100 MB: ASCII log words / Chinese characters (best of 3) | $ascii_mbps / $han_mbps MB/s | |"
echo
echo "Machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end of the run."
