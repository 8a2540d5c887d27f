#!/usr/bin/env bash
# End-to-end: `detente read` on a folder of bad inputs next to good ones.
# Every bad input gets a one-line error naming it; the good ones are read;
# the exit status is 1 (something failed), never a crash.
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir -p "$dir/in/sub"
printf 'China and Japan held talks in Tokyo on Monday.\n' > "$dir/in/good.txt"
printf '{"id":"j1","text":"Iran condemned the strike."}\n{"id":\n{"id":"j2","text":"Russia expelled two diplomats."}\n' > "$dir/in/sub/mixed.jsonl"
: > "$dir/in/empty.txt"
head -c 4096 /dev/urandom > "$dir/in/random.bin"
printf '\x00\x01\x02binary' >> "$dir/in/random.bin"
printf 'Caf\xe9 talks between Paris and Berlin ended.\n' > "$dir/in/latin1.txt"
printf '<html><body><p>Seoul summoned the envoy.</p><p>Talks were' > "$dir/in/cut.html"
python3 -c "import sys; sys.stdout.write('Washington and Beijing traded accusations. ' * 1200000)" > "$dir/in/huge.txt"
ln -s "$dir/nowhere" "$dir/in/sub/broken.txt"
printf 'not gzip at all' | gzip -c | head -c 20 > "$dir/in/cut.txt.gz"

"$bin" read --no-tokens "$dir/in" "$dir/missing.txt" > "$dir/out.jsonl" 2> "$dir/err.txt"
rc=$?
cat "$dir/err.txt"
[ "$rc" -eq 1 ] || fail "exit status $rc, expected 1"
grep -q 'error: .*empty.txt' "$dir/err.txt" || fail "no error for empty file"
grep -q 'error: .*random.bin.*binary' "$dir/err.txt" || fail "no error for binary file"
grep -q 'error: .*latin1.txt: invalid UTF-8 at byte 3' "$dir/err.txt" || fail "no byte offset for invalid UTF-8"
grep -q 'warning: .*cut.html.*truncated' "$dir/err.txt" || fail "no warning for truncated HTML"
grep -q 'warning: .*huge.txt.*truncated' "$dir/err.txt" || fail "no warning for huge line"
grep -q 'error: .*missing.txt' "$dir/err.txt" || fail "no error for missing file"
grep -q 'error: .*broken.txt' "$dir/err.txt" || fail "no error for broken link"
grep -q 'error: .*mixed.jsonl:2:' "$dir/err.txt" || fail "no line number for bad JSONL line"
grep -q 'error: .*cut.txt.gz' "$dir/err.txt" || fail "no error for truncated gzip"
for id in good.txt j1 j2 latin1.txt cut.html huge.txt; do
  grep -q "\"type\":\"document\".*\"doc\":\"[^\"]*$id" "$dir/out.jsonl" || fail "document $id missing from output"
done
# Every stdout line is valid JSON.
python3 -c "
import json,sys
for i,l in enumerate(open(sys.argv[1]),1):
    json.loads(l)
" "$dir/out.jsonl" || fail "invalid JSON in output"
# Usage errors exit 2 with a hint.
"$bin" read > /dev/null 2>&1; [ $? -eq 2 ] || fail "missing argument should exit 2"
"$bin" read --date 2024-13-45 "$dir/in/good.txt" > /dev/null 2> "$dir/err2.txt"; [ $? -eq 2 ] || fail "bad --date should exit 2"
grep -q 'YYYY-MM-DD' "$dir/err2.txt" || fail "bad --date message does not say the format"
echo "PASS"
