#!/usr/bin/env bash
# Ingest throughput of the event store (docs/STORE.md, "Performance").
#
#   bench/ingest_bench.sh BUILD/detente [THREADS] [RUNS]
#
# Times `detente ingest` into a fresh store on
#  - the 212,986 2023 RSS leads (zstd TSV, read as it is), and
#  - Reuters-21578: the reader does not parse SGML, so the stories' BODY,
#    TITLE and DATE are first extracted into JSONL (not timed),
# and prints documents/s, event mentions/s, distinct events and the store
# size per million events, with the machine it ran on. Each corpus is
# ingested RUNS times (default 3); the fastest run is reported, since the
# machine may be shared. Needs python3 and zstd.
set -euo pipefail
bin=$(realpath "$1")
threads=${2:-2}
runs=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
shared=${DETENTE_SHARED_DIR:-$here/../../shared}
rss=$shared/corpora/rss_news_leads_2023/rss_world_leads_2023.tsv.zst
reuters=$shared/corpora/reuters21578
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) hardware threads, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GB", $2/1e6}' /proc/meminfo)"
echo "detente: $("$bin" --version), $threads coding thread(s); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ -d "$reuters" ]; then
  python3 - "$reuters" "$tmp/reuters.jsonl" <<'EOF'
import glob, html, json, re, subprocess, sys
src, out = sys.argv[1], sys.argv[2]
months = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}
n = 0
with open(out, "w") as f:
    for path in sorted(glob.glob(src + "/reut2-*.sgm.zst")):
        sgm = subprocess.run(["zstd", "-dc", path], capture_output=True, check=True).stdout.decode("latin-1")
        for story in re.findall(r"<REUTERS(.*?)</REUTERS>", sgm, re.S):
            body = re.search(r"<BODY>(.*?)</BODY>", story, re.S)
            if not body:
                continue
            newid = re.search(r'NEWID="(\d+)"', story).group(1)
            title = re.search(r"<TITLE>(.*?)</TITLE>", story, re.S)
            date = re.search(r"<DATE>\s*(\d+)-([A-Z]+)-(\d{4})", story)
            rec = {"id": "reuters-" + newid,
                   "title": html.unescape(title.group(1)).strip() if title else "",
                   "text": html.unescape(body.group(1)).replace("\x03", "").strip()}
            if date and date.group(2) in months:
                rec["date"] = "%s-%02d-%02d" % (date.group(3), months[date.group(2)], int(date.group(1)))
            f.write(json.dumps(rec) + "\n")
            n += 1
print(f"reuters21578: {n} stories with a BODY extracted to JSONL", file=sys.stderr)
EOF
fi

bench() {
  local name=$1 input=$2 best="" line
  for run in $(seq 1 "$runs"); do
    rm -f "$tmp/s.db" "$tmp/s.db-wal" "$tmp/s.db-shm"
    # Exit status 1 (some bad line) still gives a figure; the summary says what failed.
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$bin" ingest -j "$threads" --db "$tmp/s.db" "$input" \
      2> "$tmp/err" || [ $? -eq 1 ]
    grep -E "error|bad input" "$tmp/err" >&2 || true
    read -r wall user sys rss_kb < "$tmp/time"
    docs=$(sed -n 's/^detente: read \([0-9,]*\) document.*/\1/p' "$tmp/err" | tr -d ,)
    line=$(python3 - "$tmp/s.db" "$wall" "$user" "$sys" "$rss_kb" "$docs" <<'EOF'
import os, sqlite3, sys
db, wall, user, sys_t, rss = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
docs = int(sys.argv[6])  # read (stored ones are fewer: duplicates are stored once)
con = sqlite3.connect(db)
mentions = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
events = con.execute("SELECT count(*) FROM events").fetchone()[0]
event_bytes = sum(r[0] for r in con.execute(
    "SELECT sum(pgsize) FROM dbstat WHERE name NOT IN ('documents', 'sqlite_autoindex_documents_1', 'inputs', "
    "'sqlite_autoindex_inputs_1')"))
con.close()
size = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))
print(f"{wall:.2f} {docs} {mentions} {events} {docs / wall:.0f} {mentions / wall:.0f} {user:.1f} {sys_t:.1f} "
      f"{rss / 1024:.0f} {size / 1e6:.1f} {size / events * 1e6 / 1e9:.2f} {event_bytes / events * 1e6 / 1e9:.2f}")
EOF
)
    echo "  run $run: $line" >&2
    if [ -z "$best" ] || awk "BEGIN {exit !(${line%% *} < ${best%% *})}"; then best=$line; fi
  done
  read -r wall docs mentions events dps eps user sys mem size per_m event_per_m <<< "$best"
  echo "| $name | $docs | $wall s | **$dps** | **$eps** | $mentions | $events | $user s / $sys s | $mem MB | $size MB | $per_m GB | $event_per_m GB |"
}

echo
echo "| corpus | documents read | wall | documents/s | event mentions/s | mentions stored | distinct events | user / sys CPU | peak RSS | store size | store per 1M events | event tables per 1M events |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
[ -f "$rss" ] && bench "rss_world_leads_2023 (zstd TSV)" "$rss"
[ -f "$tmp/reuters.jsonl" ] && bench "reuters21578 (bodies as JSONL)" "$tmp/reuters.jsonl"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
