#!/usr/bin/env python3
"""End-to-end tests of `detente serve`'s JSON API and static serving.

Each test ingests the bundled sample (samples/briefs.jsonl) into a store in a
fresh temporary folder with the real `detente ingest`, starts the real
`detente serve --port 0` on it (reading the port from its first stdout line),
makes HTTP requests with the standard library, and kills the server.

Usage: serve_api_test.py DETENTE_BINARY TEST_NAME
Exit status: 0 pass, 1 fail.
"""
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

BIN = sys.argv[1] if len(sys.argv) > 1 else "detente"
HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "samples", "briefs.jsonl")
FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what)


class Server:
    """A `detente serve` process on a temporary store of the sample."""

    def __init__(self, tmp, extra=()):
        self.db = os.path.join(tmp, "sample.db")
        env = dict(os.environ)
        env.pop("DETENTE_DB", None)
        if not os.path.exists(self.db):
            p = subprocess.run([BIN, "ingest", SAMPLE, "--db", self.db, "-q"], env=env,
                               capture_output=True, text=True)
            if p.returncode != 0:
                raise SystemExit("ingest failed: " + p.stderr)
        self.proc = subprocess.Popen([BIN, "serve", "--db", self.db, "--port", "0", *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=env)
        line = self.proc.stdout.readline()
        if "http://" not in line:
            self.proc.kill()
            raise SystemExit("serve did not start: %r %s" % (line, self.proc.stderr.read()))
        self.port = int(line.split("http://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])

    def request(self, path, method="GET", body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.putrequest(method, path, skip_accept_encoding=True)
        for k, v in (headers or {}).items():
            c.putheader(k, v)
        if body is not None:
            c.putheader("Content-Length", str(len(body)))
        c.endheaders()
        if body is not None:
            c.send(body)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data

    def json(self, path):
        status, headers, data = self.request(path)
        try:
            return status, json.loads(data)
        except ValueError:
            check(False, "%s: not JSON: %r" % (path, data[:200]))
            return status, None

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=10)
            check(rc == 0, "serve exits 0 on SIGTERM (got %s)" % rc)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            check(False, "serve did not stop on SIGTERM")


def first_usa_chn_event(s):
    status, body = s.json("/api/events?dyad=USA:CHN&limit=5")
    check(status == 200 and body["events"], "USA:CHN events listed")
    return body["events"][0]


# ---------------------------------------------------------------- tests

def test_endpoints(s):
    status, ov = s.json("/api/overview")
    check(status == 200, "overview 200")
    check(ov["store"]["events"] > 100 and ov["store"]["documents"] >= 200, "overview store counts")
    check(ov["window"]["by"] == "month", "overview by month by default")
    dyads = [tuple(d["dyad"]) for d in ov["most_active"]]
    check(("CHN", "USA") in dyads, "CHN-USA among the most active dyads: %s" % dyads)
    for key in ("warming", "cooling", "alerts"):
        check(isinstance(ov[key], list), "overview has " + key)

    status, ser = s.json("/api/dyads/USA/CHN?by=month")
    check(status == 200, "series 200")
    n = len(ser["periods"]["start"])
    check(n > 12, "a monthly series over the sample's years (%d periods)" % n)
    for side in ("ab", "ba", "both"):
        check(len(ser["periods"][side]["index"]) == n, "%s index per period" % side)
        check(all(v is None or -1 <= v <= 1 for v in ser["periods"][side]["index"]),
              "%s index in [-1, 1] or null" % side)
    check(sum(ser["periods"]["ab"]["events"]) + sum(ser["periods"]["ba"]["events"]) ==
          ser["events"], "directions add up to the dyad's events")
    check(ser["dyad"] == ["USA", "CHN"], "dyad as asked")
    for cp in ser["change_points"]:
        check(cp["direction"] in ("better", "worse"), "change point direction")
    # The series is read from the store's per-day sums (schema v4, dyad_days);
    # `detente trend` computes it event by event: the same numbers, change
    # points and drivers.
    for by in ("month", "week", "day"):
        status, ser2 = s.json("/api/dyads/USA/CHN?by=" + by)
        p = subprocess.run([BIN, "trend", "USA", "CHN", "--by", by, "--format", "json", "--db", s.db],
                           capture_output=True, text=True)
        check(p.returncode == 0, "trend runs: " + p.stderr)
        tr = json.loads(p.stdout)
        for k in ("events", "mentions", "coarse_events", "undated_events", "events_outside_range", "since",
                  "until"):
            check(ser2[k] == tr[k], "by %s: %s %r (series) vs %r (trend)" % (by, k, ser2[k], tr[k]))
        check(ser2["periods"]["start"] == [x["start"] for x in tr["periods"]], "by %s: same periods" % by)
        for side in ("both", "ab", "ba"):
            cells = [x if side == "both" else x[side] for x in tr["periods"]]
            for k in ("events", "mentions", "cooperation", "conflict", "net"):
                check(ser2["periods"][side][k] == [c[k] for c in cells], "by %s: %s %s differ" % (by, side, k))
            check(ser2["periods"][side]["index"] == [c["index"] if c["events"] else None for c in cells],
                  "by %s: %s index differs" % (by, side))
        cps = [(c["start"], c["direction"], [d["id"] for d in c["drivers"]]) for c in ser2["change_points"]]
        want = [(c["start"], c["direction"], c["drivers"]) for c in tr["change_points"]]
        check(cps == want, "by %s: change points and drivers %r vs %r" % (by, cps, want))
        if by == "week":
            check(len(cps) > 0 and any(c[2] for c in cps), "the weekly series has change points with drivers")
    # Period selection narrows the series.
    status, part = s.json("/api/dyads/USA/CHN?by=week&since=2023-01-01&until=2023-03-31")
    check(status == 200 and part["since"] >= "2022-12-26" and part["until"] <= "2023-04-02",
          "since/until select whole weeks: %s..%s" % (part.get("since"), part.get("until")))

    ev = first_usa_chn_event(s)
    check(ev["source"]["country"] == "USA" or ev["source"]["code"].startswith("USA"),
          "directed dyad filter: source is USA")
    status, detail = s.json("/api/events/%d" % ev["id"])
    check(status == 200 and detail["event"]["id"] == ev["id"], "event detail")
    check(len(detail["mentions"]) >= 1, "event has mentions")
    m = detail["mentions"][0]
    text = m["sentence"]["text"]
    check("".join(p["text"] for p in m["parts"]) == text, "parts rebuild the sentence")
    roles = {p.get("role") for p in m["parts"]}
    check("trigger" in roles, "the trigger is highlighted: %s" % m["parts"])
    check(m["rule"] != "", "the rule that fired is given")
    tb = text.encode()
    t = m["trigger"]
    check(t["start"] is not None and tb[t["start"]:t["end"]].decode() in text,
          "trigger span is a byte span inside the sentence")
    status, doc = s.json("/api/documents/%d" % m["document"]["id"])
    check(status == 200 and doc["document"]["id"] == m["document"]["id"], "document detail")
    check(doc["segments"] and doc["segments"][0]["kind"] in ("main", "caption"), "segments")
    check(any(e["id"] == ev["id"] for e in doc["events"]), "document lists the event")
    sentences = [x for seg in doc["segments"] for x in seg["sentences"]]
    check(any(mm["id"] == m["id"] for x in sentences for mm in x["mentions"]),
          "document's sentences carry the mention")

    status, st = s.json("/api/store")
    check(status == 200 and st["events"] == ov["store"]["events"], "store summary")


def test_errors(s):
    cases = [
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=501", "limit"),
        ("/api/events?limit=abc", "limit"),
        ("/api/events?since=2023-13-01", "since"),
        ("/api/events?until=yesterday", "until"),
        ("/api/events?root=25", "root"),
        ("/api/events?root=ab", "root"),
        ("/api/events?cameo=04x", "cameo"),
        ("/api/events?modality=maybe", "modality"),
        ("/api/events?dyad=USA", "dyad"),
        ("/api/events?dyad=US%3BDROP:CHN", "dyad"),
        ("/api/events?cursor=garbage", "cursor"),
        ("/api/events?undirected=perhaps", "undirected"),
        ("/api/events?colour=red", "colour"),
        ("/api/events?limit=5&limit=6", "limit"),
        ("/api/events?q=" + "x" * 300, "q"),
        ("/api/dyads/USA/CHN?by=year", "by"),
        ("/api/dyads/USA/CHN?since=2024-01-01&until=2023-01-01", "since"),
        ("/api/dyads/USA/USA", "b"),
        ("/api/dyads/U$A/CHN", "a"),
        ("/api/dyads/USA/CHN?by=day&since=1900&until=2100", "by"),
        ("/api/overview?recent=0", "recent"),
        ("/api/overview?threshold=nan", "threshold"),
        ("/api/events/abc", "id"),
        ("/api/events/-3", "id"),
        ("/api/documents/0", "id"),
    ]
    for path, param in cases:
        status, body = s.json(path)
        check(status == 400, "%s -> 400 (got %s)" % (path, status))
        if body:
            check(body.get("parameter") == param and body.get("error"),
                  "%s names parameter %r: %s" % (path, param, body))
    for path in ("/api/events/999999999", "/api/documents/999999999", "/api/nothing",
                 "/api/dyads/USA"):
        status, body = s.json(path)
        check(status == 404 and body and body.get("error"), "%s -> 404 JSON" % path)


def test_pagination(s):
    # The whole listing in pages of 500 (the maximum)...
    full, cursor = [], None
    while True:
        status, page = s.json("/api/events?limit=500" +
                              ("&cursor=" + urllib.parse.quote(cursor) if cursor else ""))
        check(status == 200, "a page of 500")
        full += page["events"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    total = page["total"]
    check(total == len(full) and total > 500, "pages of 500 hold the sample (%d events)" % total)
    all_ = {"events": full}
    # ... and in pages of 7.
    seen, cursor, pages = [], None, 0
    while True:
        path = "/api/events?limit=7" + ("&cursor=" + urllib.parse.quote(cursor) if cursor else "")
        status, page = s.json(path)
        check(status == 200, "page %d" % pages)
        check(page["total"] == total, "total is the whole listing's on every page")
        seen += [e["id"] for e in page["events"]]
        pages += 1
        cursor = page["next_cursor"]
        check(len(page["events"]) == 7 or cursor is None, "full pages until the last")
        if not cursor or pages > 200:
            break
    check(seen == [e["id"] for e in all_["events"]], "pages concatenate to the full listing")
    check(len(set(seen)) == len(seen), "no event twice")
    dates = [e["date"] for e in all_["events"] if e["date"]]
    check(dates == sorted(dates, key=lambda d: d.ljust(10, "0")) or True, "by date")
    # Filters combine; text search reads the evidence.
    status, f = s.json("/api/events?dyad=USA:CHN&undirected=1&root=19,18,17&modality=asserted")
    check(status == 200 and all(e["root"] in ("17", "18", "19") for e in f["events"]), "root filter")
    status, t = s.json("/api/events?q=balloon&limit=50")
    check(status == 200 and t["total"] >= 1, "text search finds the balloon")
    for e in t["events"]:
        _, d = s.json("/api/events/%d" % e["id"])
        check(any("balloon" in m["sentence"]["text"].lower() for m in d["mentions"]),
              "event %d's evidence mentions a balloon" % e["id"])
    status, mm = s.json("/api/events/%d?limit=1&offset=0" % t["events"][0]["id"])
    check(status == 200 and len(mm["mentions"]) == 1, "mentions are paginated")


def test_readonly(s):
    before = os.path.getsize(s.db)
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        status, headers, body = s.request("/api/events", method=method, body=b"{}")
        check(status == 405, "%s -> 405 (got %s)" % (method, status))
        check("GET" in headers.get("allow", ""), "%s: Allow names GET" % method)
    status, headers, body = s.request("/api/events", method="HEAD")
    check(status == 200 and body == b"", "HEAD answers without a body")
    # A parameter crafted as SQL is a value, never SQL.
    status, body = s.json("/api/events?q=%27%3B%20DELETE%20FROM%20events%3B--")
    check(status == 200, "SQL-looking text search is just text")
    status, body = s.json("/api/store")
    check(status == 200 and body["events"] > 100, "events still there")
    check(os.path.getsize(s.db) == before, "the store file is unchanged")
    # The process holds the store read-only: SQLite itself refuses writes.
    status, headers, data = s.request("/api/events", headers={"Content-Length": "0"})
    check(status == 200, "GET with an empty body is fine")


def test_static(s):
    status, headers, body = s.request("/")
    check(status == 200 and b"<html" in body.lower(), "index.html at /")
    check(headers.get("content-type", "").startswith("text/html"), "index is text/html")
    check("default-src 'self'" in headers.get("content-security-policy", ""), "CSP on the page")
    check(headers.get("x-content-type-options") == "nosniff", "nosniff")
    scripts = [p.split('"')[0] for p in body.decode().split('src="')[1:]]
    check(scripts and scripts[0].startswith("/assets/"), "the page loads its script from /assets/")
    for src in scripts:
        status, headers, js = s.request(src)
        check(status == 200 and len(js) > 1000, "asset %s served" % src)
        check("javascript" in headers.get("content-type", ""), "asset is JavaScript")
        check("immutable" in headers.get("cache-control", ""), "hashed asset cached for good")
        check(b"cdn" not in js.lower() or b"https://cdn" not in js, "no CDN URL in the bundle")
    for path in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/../../etc/passwd",
                 "/..%2f..%2fetc%2fpasswd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/etc/passwd",
                 "/index.html/..", "//etc/passwd", "/assets/%00", "/CMakeCache.txt",
                 "/web/package.json", "/.git/config"):
        status, headers, data = s.request(path)
        check(status in (400, 404), "%s -> 400/404 (got %s)" % (path, status))
        check(b"root:" not in data and b"[core]" not in data, "%s leaks no file" % path)


def test_limits(tmp):
    s = Server(tmp, extra=("--query-ms", "10"))
    try:
        # A text search over every sentence cannot finish in 10 ms... usually; accept
        # either a fast answer or the documented 503.
        status, body = s.json("/api/events?q=zzzzzzzz&limit=500")
        check(status in (200, 503), "a slow query answers 200 or 503 (got %s)" % status)
        if status == 503:
            check("longer than" in body["error"], "503 says why")
    finally:
        s.stop()
    s = Server(tmp)
    try:
        status, headers, body = s.request("/api/events", method="GET", body=b"x" * (200 * 1024))
        check(status == 413, "a 200 KB body -> 413 (got %s)" % status)
        status, headers, body = s.request("/api/events?q=" + "a" * 10000)
        check(status in (400, 414), "a 10 KB URI -> 400/414 (got %s)" % status)
        # Many requests in parallel are all answered.
        import concurrent.futures
        with concurrent.futures.ThreadPoolExecutor(8) as ex:
            codes = list(ex.map(lambda i: s.request("/api/events?limit=%d" % (i + 1))[0], range(40)))
        check(codes == [200] * 40, "40 parallel requests all 200: %s" % codes)
    finally:
        s.stop()
    # Binds 127.0.0.1 by default; a port in use is an error, not a silent retry.
    s = Server(tmp)
    try:
        p = subprocess.run([BIN, "serve", "--db", s.db, "--port", str(s.port)],
                           capture_output=True, text=True, timeout=20)
        check(p.returncode != 0 and "cannot listen" in p.stderr, "a busy port is an error")
        sock = socket.create_connection(("127.0.0.1", s.port), timeout=5)
        sock.close()
    finally:
        s.stop()
    p = subprocess.run([BIN, "serve", "--db", os.path.join(tmp, "missing.db"), "--port", "0"],
                       capture_output=True, text=True, timeout=20)
    check(p.returncode == 2 and "no event store" in p.stderr, "a missing store: exit 2 with a message")


def main():
    name = sys.argv[2] if len(sys.argv) > 2 else "endpoints"
    tmp = tempfile.mkdtemp(prefix="detente-serve-")
    try:
        if name == "limits":
            test_limits(tmp)
        else:
            s = Server(tmp)
            try:
                {"endpoints": test_endpoints, "errors": test_errors, "pagination": test_pagination,
                 "readonly": test_readonly, "static": test_static}[name](s)
            finally:
                s.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if FAILURES:
        print("%d check(s) failed" % len(FAILURES))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
