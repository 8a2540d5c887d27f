#!/bin/sh
# A/B timing of the reading stage on a shared machine: runs bench_read of two
# builds alternately (base, new, base, new, ...) so that both see the same
# load, then prints each benchmark's median MiB/s per build and new/base.
#
#   bench/ab_read.sh BASE_BUILD_DIR NEW_BUILD_DIR [ROUNDS=3] [FILTER]
#
# e.g. build the old commit into /tmp/base/build (git archive OLD | tar -x),
# the new one into build, then: bench/ab_read.sh /tmp/base/build build 3
set -eu
base=$1
new=$2
rounds=${3:-3}
filter=${4:-.}
out=$(mktemp -d)
i=1
while [ "$i" -le "$rounds" ]; do
  for side in base new; do
    dir=$base
    [ "$side" = new ] && dir=$new
    "$dir/bench/bench_read" --benchmark_filter="$filter" --benchmark_format=json \
      --benchmark_out="$out/$side.$i.json" --benchmark_out_format=json > /dev/null
  done
  i=$((i + 1))
done
python3 - "$out" "$rounds" <<'EOF'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
runs = {}
for side in ("base", "new"):
    for i in range(1, rounds + 1):
        with open(f"{out}/{side}.{i}.json") as f:
            for b in json.load(f)["benchmarks"]:
                runs.setdefault(b["name"], {}).setdefault(side, []).append(
                    b["bytes_per_second"] / 2**20)
print(f"{'benchmark':<40} {'base MiB/s':>22} {'new MiB/s':>22} {'new/base':>9}")
for name, r in runs.items():
    mb, mn = statistics.median(r["base"]), statistics.median(r["new"])
    fmt = lambda xs: "/".join(f"{x:.1f}" for x in xs)
    print(f"{name:<40} {mb:6.1f} ({fmt(r['base'])})".ljust(64) +
          f" {mn:6.1f} ({fmt(r['new'])})".ljust(24) + f" {mn / mb:8.2f}x")
EOF
rm -rf "$out"
