#!/usr/bin/env python3
"""End-to-end tests of `detente ingest`, `detente events` and `detente stats`.

Each test runs the real detente binary on inputs it writes into a fresh
temporary folder and checks the SQLite store it leaves behind (through
Python's sqlite3 module) and what the commands print.

Usage: store_cli_test.py DETENTE_BINARY TEST_NAME
"""
import csv
import gzip
import io
import json
import re
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

BIN = sys.argv[1] if len(sys.argv) > 1 else "detente"
FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what)


def run(*args, cwd=None, env=None, stdin=None):
    e = dict(os.environ)
    e.pop("DETENTE_DB", None)
    if env:
        e.update(env)
    p = subprocess.run([BIN, *args], cwd=cwd, env=e, input=stdin, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def write(path, text, mode="w"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(text)


def jsonl(records):
    return "".join(json.dumps(r) + "\n" for r in records)


def q(db, sql, *params):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def one(db, sql, *params):
    return q(db, sql, *params)[0][0]


BLINKEN = "Blinken met Wang Yi in Beijing on Monday."
ACCUSE = "China accused the United States of interference."
URGE = "Germany urged Russia to withdraw its troops."
NEGATED = "Russia did not attack Ukraine on Monday."


def counts(db):
    return {
        "documents": one(db, "SELECT count(*) FROM documents"),
        "sentences": one(db, "SELECT count(*) FROM sentences"),
        "mentions": one(db, "SELECT count(*) FROM mentions"),
        "events": one(db, "SELECT count(*) FROM events"),
        "sum_mentions": one(db, "SELECT coalesce(sum(num_mentions), 0) FROM events"),
        "sum_articles": one(db, "SELECT coalesce(sum(num_articles), 0) FROM events"),
        "sum_sources": one(db, "SELECT coalesce(sum(num_sources), 0) FROM events"),
    }


def check_dyad_days(db):
    """dyad_days (schema v4, kept by triggers) equals its definition recomputed from events."""
    import math
    want = {}
    for sc, scode, tc, tcode, day, mod, prec, quad, g, nm in q(
            db, "SELECT source_country, source_code, target_country, target_code, day, modality, "
                "precision, quad, goldstein, num_mentions FROM events"):
        key = (sc or scode, tc or tcode, -2147483648 if day is None else day, mod, int(prec != "day"),
               int(sc != "") + 2 * int(tc != ""))
        m = max(1, nm)
        g100 = int(math.copysign(math.floor(abs(g * 100) + 0.5), g))  # half away from zero
        w = m * g100
        row = want.setdefault(key, [0] * 17)
        add = [1, m] + [int(quad == k) for k in (1, 2, 3, 4)] + [m * int(quad == k) for k in (1, 2, 3, 4)] + \
              [g100, max(w, 0), max(-w, 0)] + [abs(w) * int(quad == k) for k in (1, 2, 3, 4)]
        want[key] = [a + b for a, b in zip(row, add)]
    got = {tuple(r[:6]): list(r[6:]) for r in q(db, "SELECT * FROM dyad_days")}
    check(got == want, f"dyad_days differs from the events: {len(got)} rows, {len(want)} expected")
    return len(want)


def event_set(db):
    return sorted(q(db, "SELECT source_code, target_code, cameo, modality, date, num_mentions, num_articles, "
                        "num_sources, is_root FROM events"))


# ---------------------------------------------------------------- tests

def test_ingest_basic(tmp):
    db = os.path.join(tmp, "s.db")
    write(f"{tmp}/in/a.jsonl", jsonl([
        {"id": "a1", "date": "2023-06-19", "title": "Talks", "text": BLINKEN + " " + ACCUSE,
         "url": "https://example.com/a1"},
        {"id": "a2", "date": "2023-06-19", "text": "Nothing political happened today.",
         "url": "https://example.com/a2"},
    ]))
    rc, out, err = run("ingest", "--db", db, f"{tmp}/in")
    check(rc == 0, f"ingest exit status {rc}, expected 0: {err}")
    check("2 new document(s)" in err, f"summary does not report 2 new documents: {err}")
    check("documents/s" in err and "events/s" in err, "summary lacks throughput")
    c = counts(db)
    check(c["documents"] == 2, f"documents {c['documents']}, expected 2")
    check(c["events"] >= 2, f"events {c['events']}, expected at least 2")
    check(c["sum_mentions"] == c["mentions"], "sum(num_mentions) differs from the mentions stored")
    check(one(db, "SELECT value FROM meta WHERE key='schema_version'") == 4, "schema_version is not 4")
    check(check_dyad_days(db) > 0, "dyad_days is empty")
    check(one(db, "PRAGMA journal_mode") == "wal", "store is not in WAL mode")
    # Evidence: every mention points at a stored sentence with its text.
    texts = [r[0] for r in q(db, "SELECT s.text FROM mentions m JOIN sentences s ON s.id = m.sentence")]
    check(BLINKEN in texts and ACCUSE in texts, f"evidence sentences missing: {texts}")
    # Re-ingest: nothing new, and the input is skipped as already read in full.
    before = counts(db)
    rc, out, err = run("ingest", "--db", db, f"{tmp}/in")
    check(rc == 0, f"re-ingest exit status {rc}")
    check(counts(db) == before, f"re-ingest changed the store: {before} -> {counts(db)}")
    check("already ingested" in err, f"re-ingest does not say the input was skipped: {err}")
    # --rescan reads it again; every document is a duplicate.
    rc, out, err = run("ingest", "--rescan", "--db", db, f"{tmp}/in")
    check(rc == 0 and counts(db) == before, "--rescan stored something twice")
    check("2 duplicate" in err, f"--rescan does not report 2 duplicates: {err}")
    # The same text in another file (another name, other ids) is the same document.
    write(f"{tmp}/in2/copy.jsonl", jsonl([
        {"id": "zz", "date": "2023-06-19", "title": "Talks", "text": BLINKEN + " " + ACCUSE}]))
    rc, out, err = run("ingest", "--db", db, f"{tmp}/in2")
    check(rc == 0 and counts(db) == before, "a copy of a stored document was stored again")


def test_dedup(tmp):
    db = os.path.join(tmp, "s.db")
    write(f"{tmp}/in/news.jsonl", jsonl([
        # The same meeting reported by two publishers.
        {"id": "p1", "date": "2023-06-19", "text": "Blinken met Wang Yi in Beijing on Monday.",
         "url": "https://one.example/p1"},
        {"id": "p2", "date": "2023-06-19", "text": "On Monday, Blinken met Wang Yi in Beijing.",
         "url": "https://www.two.example/p2"},
        # A third article from the first publisher.
        {"id": "p3", "date": "2023-06-19", "text": "Blinken met Wang Yi in Beijing on Monday, officials said.",
         "url": "https://one.example/p3"},
        # Another day: another event.
        {"id": "p4", "date": "2023-06-20", "text": "Blinken met Wang Yi in Beijing on Tuesday.",
         "url": "https://one.example/p4"},
        # Two mentions in one article count as two mentions, one article.
        {"id": "p5", "date": "2023-07-10", "text": ACCUSE + " Later, China accused the United States of interference.",
         "url": "https://three.example/p5"},
    ]))
    rc, out, err = run("ingest", "--db", db, f"{tmp}/in")
    check(rc == 0, f"exit status {rc}: {err}")
    rows = q(db, "SELECT id, date, num_mentions, num_articles, num_sources FROM events "
                 "WHERE source_code='USAGOV' AND target_code='CHNGOV' AND cameo='040' ORDER BY date")
    check(len(rows) == 2, f"expected 2 meeting events (two days), got {rows}")
    if len(rows) == 2:
        eid, date, m, a, s = rows[0]
        check(date == "2023-06-19", f"first meeting dated {date}")
        check((m, a, s) == (3, 3, 2), f"2023-06-19 meeting: mentions/articles/sources {(m, a, s)}, expected (3, 3, 2)")
        ev = q(db, "SELECT d.doc_key, d.url, s.text FROM mentions m JOIN documents d ON d.id = m.document "
                   "JOIN sentences s ON s.id = m.sentence WHERE m.event = ? ORDER BY d.url", eid)
        check(len(ev) == 3, f"expected links to 3 evidence sentences, got {ev}")
        check(rows[1][2:] == (1, 1, 1), f"2023-06-20 meeting counts {rows[1]}")
    acc = q(db, "SELECT num_mentions, num_articles, num_sources FROM events WHERE source_code='CHN' AND "
                "target_code='USA' AND cameo='112'")
    check(acc == [(2, 1, 1)], f"two mentions in one article: got {acc}, expected [(2, 1, 1)]")
    # The per-day sums followed the merges (the event of 3 mentions counts 3).
    check_dyad_days(db)
    check(one(db, "SELECT mentions FROM dyad_days WHERE source = 'USA' AND target = 'CHN' AND "
                  "day = 19527 AND modality = 'asserted'") == 3, "dyad_days missed merged mentions")
    # The events command shows the merged counts.
    rc, out, err = run("events", "--db", db, "--format", "jsonl", "--dyad", "USA:CHN", "--evidence")
    evs = [json.loads(l) for l in out.splitlines()]
    first = [e for e in evs if e["date"] == "2023-06-19" and e["cameo"] == "040"]
    check(len(first) == 1 and first[0]["num_mentions"] == 3 and len(first[0]["mentions"]) == 3,
          f"events --evidence does not show 3 mentions: {first}")


def test_bad_input(tmp):
    db = os.path.join(tmp, "s.db")
    d = f"{tmp}/in"
    write(f"{d}/good.jsonl", jsonl([{"id": "g1", "date": "2023-06-19", "text": BLINKEN}]))
    write(f"{d}/sub/mixed.jsonl", '{"id":"j1","date":"2023-05-01","text":"' + ACCUSE + '"}\n{"id":\n'
          '{"id":"j2","date":"2023-05-01","text":"' + URGE + '"}\n')
    write(f"{d}/empty.txt", "")
    write(f"{d}/random.bin", os.urandom(4096).replace(b"\n", b"x") + b"\x00\x01", "wb")
    with open(f"{d}/cut.txt.gz", "wb") as f:
        f.write(gzip.compress(b"China and Japan held talks. " * 200)[:40])
    rc, out, err = run("ingest", "--db", db, d, f"{tmp}/missing.jsonl")
    check(rc == 1, f"exit status {rc}, expected 1 (some input failed)")
    for name in ["empty.txt", "random.bin", "cut.txt.gz", "mixed.jsonl", "missing.jsonl"]:
        check(f"error: " in err and name in err, f"no error naming {name}")
    check("5 bad input(s)" in err, f"summary does not count 5 bad inputs: {err}")
    for name in ["empty.txt", "random.bin", "cut.txt.gz", "mixed.jsonl", "missing.jsonl"]:
        check(any(l.startswith("  ") and name in l for l in err.splitlines()), f"{name} not in the bad input list")
    check("good.jsonl" not in err, "a good input was reported as bad")
    keys = sorted(r[0] for r in q(db, "SELECT doc_key FROM documents"))
    check(keys == ["g1", "j1", "j2"], f"good documents not all stored: {keys}")
    # A second run stores nothing twice and still reports the bad files.
    before = counts(db)
    rc, out, err = run("ingest", "--db", db, d)
    check(rc == 1 and counts(db) == before, "second run changed the store or exit status")
    # Only fully good inputs are recorded as done.
    done = [os.path.basename(r[0]) for r in q(db, "SELECT abs_path FROM inputs WHERE completed_at IS NOT NULL")]
    check(done == ["good.jsonl"], f"inputs recorded as done: {done}")


def warc_record(typ, uri, date, block, ctype):
    head = (f"WARC/1.0\r\nWARC-Type: {typ}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash(uri + typ))}>\r\nContent-Type: {ctype}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def http(body, status="200 OK", ctype="text/html; charset=utf-8", extra=""):
    return (f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n{extra}Content-Length: {len(body)}\r\n\r\n"
            ).encode() + body


def warc_records():
    page1 = f"<html><head><title>Talks</title></head><body><h1>Talks</h1><p>{BLINKEN}</p></body></html>"
    page2 = ("<html><head><meta property=\"article:published_time\" content=\"2023-07-02\"></head>"
             f"<body><p>{ACCUSE}</p></body></html>")
    recs = [warc_record("warcinfo", "", "2023-06-20T10:00:00Z", b"software: test\r\n", "application/warc-fields")]
    recs.append(warc_record("request", "https://news.example/p1", "2023-06-20T10:00:00Z",
                            b"GET /p1 HTTP/1.1\r\nHost: news.example\r\n\r\n", "application/http; msgtype=request"))
    recs.append(warc_record("response", "https://news.example/p1", "2023-06-20T10:00:00Z", http(page1.encode()),
                            "application/http; msgtype=response"))
    recs.append(warc_record("response", "https://news.example/logo.png", "2023-06-20T10:00:00Z",
                            http(b"\x89PNG\r\n\x1a\n....", ctype="image/png"), "application/http; msgtype=response"))
    recs.append(warc_record("response", "https://news.example/old", "2023-06-20T10:00:00Z",
                            http(b"", status="301 Moved Permanently"), "application/http; msgtype=response"))
    # Chunked transfer coding over a gzip content coding, as servers send.
    body = gzip.compress(page2.encode())
    chunked = b"%x\r\n" % 16 + body[:16] + b"\r\n" + b"%x\r\n" % (len(body) - 16) + body[16:] + b"\r\n0\r\n\r\n"
    recs.append(warc_record("response", "https://other.example/p2", "2023-07-03T08:00:00Z",
                            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                            b"Content-Encoding: gzip\r\n\r\n" + chunked, "application/http; msgtype=response"))
    recs.append(warc_record("metadata", "https://news.example/p1", "2023-06-20T10:00:00Z", b"fetchTimeMs: 12\r\n",
                            "application/warc-fields"))
    return recs


def test_warc(tmp):
    recs = warc_records()
    with open(f"{tmp}/plain.warc", "wb") as f:
        f.write(b"".join(recs))
    with open(f"{tmp}/crawl.warc.gz", "wb") as f:  # one gzip member per record, as crawls write them
        f.write(b"".join(gzip.compress(r) for r in recs))
    for name in ["plain.warc", "crawl.warc.gz"]:
        db = os.path.join(tmp, name + ".db")
        rc, out, err = run("ingest", "--db", db, f"{tmp}/{name}")
        check(rc == 0, f"{name}: exit status {rc}: {err}")
        check("WARC: 7 record(s), 2 page(s)" in err, f"{name}: record/page counts wrong: {err}")
        docs = q(db, "SELECT coalesce(doc_key, url), kind, url, story_date FROM documents ORDER BY url")
        check(docs == [("https://news.example/p1", "warc", "https://news.example/p1", "2023-06-20"),
                       ("https://other.example/p2", "warc", "https://other.example/p2", "2023-07-02")],
              f"{name}: documents {docs}")
        ev = q(db, "SELECT source_code, target_code, cameo FROM events ORDER BY cameo")
        check(("USAGOV", "CHNGOV", "040") in ev and ("CHN", "USA", "112") in ev, f"{name}: events {ev}")
    # A crawl cut short: the records before the cut are kept, the file is reported.
    data = b"".join(gzip.compress(r) for r in recs)
    cut_at = len(b"".join(gzip.compress(r) for r in recs[:4])) + 30
    with open(f"{tmp}/cut.warc.gz", "wb") as f:
        f.write(data[:cut_at])
    db = os.path.join(tmp, "cut.db")
    rc, out, err = run("ingest", "--db", db, f"{tmp}/cut.warc.gz")
    check(rc == 1, f"truncated WARC: exit status {rc}, expected 1")
    check("cut.warc.gz" in err and "truncated" in err, f"truncated WARC not reported: {err}")
    check(one(db, "SELECT count(*) FROM documents") == 1, "truncated WARC: the page before the cut was not kept")


def big_input(path, n):
    sentences = [BLINKEN, ACCUSE, URGE, NEGATED, "The European Union imposed sanctions on Russia on Friday.",
                 "Japan and South Korea held talks in Tokyo on Tuesday.", "Iran condemned the strike."]
    with open(path, "w") as f:
        for i in range(n):
            text = " ".join(sentences[(i + k) % len(sentences)] for k in range(3)) + f" Report {i} was filed."
            f.write(json.dumps({"id": f"d{i}", "date": f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                "title": f"Report {i}", "text": text, "url": f"https://site{i % 5}.example/{i}"}) + "\n")


def test_kill_resume(tmp):
    n = 40000
    big_input(f"{tmp}/big.jsonl", n)
    clean = os.path.join(tmp, "clean.db")
    rc, out, err = run("ingest", "-q", "--db", clean, f"{tmp}/big.jsonl")
    check(rc == 0, f"clean run exit status {rc}: {err}")
    expected = counts(clean)
    check(expected["documents"] == n, f"clean run stored {expected['documents']} documents, expected {n}")

    db = os.path.join(tmp, "killed.db")
    env = dict(os.environ)
    env.pop("DETENTE_DB", None)
    # One thread and small transactions: slow enough to be killed mid-way.
    p = subprocess.Popen([BIN, "ingest", "-q", "-j", "1", "--batch", "100", "--db", db, f"{tmp}/big.jsonl"],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    committed = 0
    deadline = time.time() + 120
    while time.time() < deadline and p.poll() is None:
        try:
            committed = one(db, "SELECT count(*) FROM documents")
        except sqlite3.Error:
            committed = 0
        if committed >= 500:
            break
        time.sleep(0.02)
    alive = p.poll() is None
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    check(alive, "the ingest finished before it could be killed (make the input bigger)")
    partial = one(db, "SELECT count(*) FROM documents")
    check(0 < partial < n, f"after kill -9: {partial} documents committed, expected some but not all of {n}")
    # What was committed is consistent: every committed document has its mentions.
    c = counts(db)
    check(c["sum_mentions"] == c["mentions"], "after kill -9: event counts disagree with stored mentions")
    # Resume.
    rc, out, err = run("ingest", "--db", db, f"{tmp}/big.jsonl")
    check(rc == 0, f"resumed run exit status {rc}: {err}")
    check(f"{partial:,} duplicate" in err, f"resumed run does not skip the {partial} committed documents: {err}")
    got = counts(db)
    check(got == expected, f"after kill -9 and resume: {got}, clean run: {expected}")
    check(event_set(db) == event_set(clean), "events (keys and counts) differ from a clean run")


def test_read_while_writing(tmp):
    big_input(f"{tmp}/big.jsonl", 30000)
    db = os.path.join(tmp, "s.db")
    env = dict(os.environ)
    env.pop("DETENTE_DB", None)
    p = subprocess.Popen([BIN, "ingest", "-q", "-j", "1", "--batch", "100", "--db", db, f"{tmp}/big.jsonl"],
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    queried = 0
    deadline = time.time() + 120
    while time.time() < deadline and p.poll() is None and queried < 3:
        if os.path.exists(db) and one(db, "SELECT count(*) FROM sqlite_schema WHERE name='events'") and \
                one(db, "SELECT count(*) FROM events") > 0:
            rc, out, err = run("events", "--db", db, "--format", "jsonl", "--limit", "5")
            check(rc == 0 and len(out.splitlines()) == 5, f"events during an ingest: exit {rc}, {err}")
            rc, out, err = run("stats", "--db", db, "--format", "json")
            check(rc == 0 and json.loads(out)["documents"] > 0, f"stats during an ingest: exit {rc}, {err}")
            queried += 1
        time.sleep(0.05)
    writing = p.poll() is None
    _, err = p.communicate()
    check(writing and queried > 0, "could not query while the ingest was running")
    check(p.returncode == 0, f"the ingest failed while being read: {err}")
    check(one(db, "SELECT count(*) FROM documents") == 30000, "the ingest lost documents while being read")


def query_store(tmp):
    db = os.path.join(tmp, "q.db")
    write(f"{tmp}/in/q.jsonl", jsonl([
        {"id": "q1", "date": "2023-06-19", "text": BLINKEN, "url": "https://one.example/q1"},
        {"id": "q2", "date": "2023-06-19", "text": "On Monday, " + BLINKEN, "url": "https://two.example/q2"},
        {"id": "q3", "date": "2023-07-10", "text": ACCUSE, "url": "https://three.example/q3"},
        {"id": "q4", "date": "2023-08-01", "text": URGE, "url": "https://four.example/q4"},
        {"id": "q5", "date": "2023-09-05", "text": NEGATED, "url": "https://four.example/q5"},
    ]))
    rc, out, err = run("ingest", "-q", "--db", db, f"{tmp}/in")
    check(rc == 0, f"ingest exit status {rc}: {err}")
    return db


def test_query_formats(tmp):
    db = query_store(tmp)
    total = one(db, "SELECT count(*) FROM events")
    check(total >= 4, f"expected at least 4 events, got {total}")
    # table: a header and one aligned line per event.
    rc, out, err = run("events", "--db", db)
    lines = out.splitlines()
    check(rc == 0 and lines and lines[0].split()[:4] == ["ID", "DATE", "SOURCE", "TARGET"], f"table header: {out}")
    check(len(lines) == total + 1, f"table has {len(lines) - 1} rows, expected {total}")
    col = lines[0].index("CAMEO")
    check(all(len(l) > col and l[col - 2:col] == "  " for l in lines[1:]), f"table columns not aligned:\n{out}")
    # jsonl
    rc, out, err = run("events", "--db", db, "--format", "jsonl")
    evs = [json.loads(l) for l in out.splitlines()]
    check(len(evs) == total, "jsonl: not one line per event")
    check(all({"id", "date", "source", "target", "cameo", "root", "goldstein", "quad", "modality", "num_mentions",
               "num_sources", "num_articles", "source_url"} <= set(e) for e in evs), "jsonl: missing fields")
    dates = [e["date"] for e in evs if e["date"]]
    check(dates == sorted(dates), "events are not in date order")
    # csv
    rc, out, err = run("events", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    check(len(rows) == total and rows[0]["cameo"] and "num_mentions" in rows[0], "csv: bad rows")
    # tsv: GDELT 1.0 columns
    rc, out, err = run("events", "--db", db, "--format", "tsv")
    lines = out.splitlines()
    head = lines[0].split("\t")
    for name in ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
                 "Actor1CountryCode", "Actor2Code", "Actor2CountryCode", "IsRootEvent", "EventCode",
                 "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
                 "NumArticles", "DATEADDED", "SOURCEURL"]:
        check(name in head, f"tsv: no {name} column")
    check(all(len(l.split("\t")) == len(head) for l in lines[1:]), "tsv: rows with the wrong number of fields")
    rows = [dict(zip(head, l.split("\t"))) for l in lines[1:]]
    meet = [r for r in rows if r["EventCode"] == "040" and r["Actor1Code"] == "USAGOV"]
    check(len(meet) == 1, f"tsv: meeting row missing: {rows}")
    if meet:
        r = meet[0]
        check(r["SQLDATE"] == "20230619" and r["MonthYear"] == "202306" and r["Year"] == "2023",
              f"tsv: date fields {r}")
        check(r["FractionDate"] == "2023.4630", f"tsv: FractionDate {r['FractionDate']}, expected 2023.4630")
        check(r["Actor1CountryCode"] == "USA" and r["Actor2CountryCode"] == "CHN", "tsv: country codes")
        check(r["EventRootCode"] == "04" and r["QuadClass"] == "1", "tsv: root or quad")
        check(r["NumMentions"] == "2" and r["NumArticles"] == "2" and r["NumSources"] == "2", f"tsv: counts {r}")
        check(r["SOURCEURL"].startswith("https://"), "tsv: SOURCEURL")
    appeal = [r for r in rows if r["EventCode"] == "0256"]
    if appeal:
        check(appeal[0]["EventBaseCode"] == "025", "tsv: EventBaseCode of a 4-digit code")
    # plover
    rc, out, err = run("events", "--db", db, "--format", "plover")
    pl = [json.loads(l) for l in out.splitlines()]
    by_cameo = {e["cameo"]: e for e in pl}
    check(by_cameo.get("040", {}).get("event") == "CONSULT", f"plover: 040 is not CONSULT: {pl}")
    check(by_cameo.get("112", {}).get("event") == "ACCUSE", "plover: 112 is not ACCUSE")
    check(by_cameo.get("112", {}).get("mode") == "disapprove", "plover: 112 mode is not disapprove")
    check(not any(e["cameo"].startswith("02") for e in pl), "plover: a CAMEO 02 event was given a PLOVER type")
    if any(e["cameo"].startswith("02") for e in evs):
        check("no PLOVER type" in err, "plover: unmapped events are not reported")


def test_query_filters(tmp):
    db = query_store(tmp)

    def ids(*args):
        rc, out, err = run("events", "--db", db, "--format", "jsonl", *args)
        check(rc == 0, f"events {args}: exit status {rc}: {err}")
        return [json.loads(l) for l in out.splitlines()]

    evs = ids("--dyad", "USA:CHN")
    check(evs and all(e["source"]["country"] == "USA" and e["target"]["country"] == "CHN" for e in evs),
          f"--dyad USA:CHN: {evs}")
    back = ids("--dyad", "CHN:USA")
    check(back and all(e["source"]["country"] == "CHN" for e in back), "--dyad CHN:USA")
    both = ids("--dyad", "usa:chn", "--undirected")
    check(len(both) == len(evs) + len(back), "--undirected is not the union of both directions")
    gov = ids("--dyad", "USAGOV:CHNGOV")
    check(len(gov) == 1 and gov[0]["cameo"] == "040", f"--dyad with sector codes: {gov}")
    check(all("RUS" in (e["source"]["country"], e["target"]["country"]) for e in ids("--actor", "RUS")) and
          ids("--actor", "RUS"), "--actor RUS")
    r04 = ids("--root", "04")
    check(r04 and all(e["root"] == "04" for e in r04), "--root 04")
    check(all(e["root"] in ("04", "11") for e in ids("--root", "4,11")), "--root list")
    june = ids("--since", "2023-06-01", "--until", "2023-06-30")
    check(june and all(e["date"].startswith("2023-06") for e in june), f"--since/--until: {june}")
    check(ids("--since", "2023-07") and all(e["date"] >= "2023-07" for e in ids("--since", "2023-07")),
          "--since YYYY-MM")
    check(not ids("--until", "2022"), "--until 2022 should match nothing")
    neg = ids("--modality", "negated")
    check(neg and all(e["modality"] == "negated" for e in neg), f"--modality negated: {neg}")
    check(len(ids("--limit", "2")) == 2, "--limit 2")
    check(all(e["num_mentions"] >= 2 for e in ids("--min-mentions", "2")) and ids("--min-mentions", "2"),
          "--min-mentions")
    # Usage errors exit 2 with a message.
    for bad in [["--dyad", "USA"], ["--root", "42"], ["--since", "June"], ["--modality", "maybe"],
                ["--format", "xml"], ["--actor", "U S"]]:
        rc, out, err = run("events", "--db", db, *bad)
        check(rc == 2 and "error" in err, f"events {bad}: exit status {rc}, expected 2")
    rc, out, err = run("events", "--db", os.path.join(tmp, "nowhere.db"))
    check(rc == 2 and "no event store" in err, "events on a missing store should say so and exit 2")
    check(not os.path.exists(os.path.join(tmp, "nowhere.db")), "events created a store")


def test_stats(tmp):
    db = query_store(tmp)
    rc, out, err = run("stats", "--db", db)
    check(rc == 0, f"stats exit status {rc}: {err}")
    docs = one(db, "SELECT count(*) FROM documents")
    events = one(db, "SELECT count(*) FROM events")
    check(f"documents   {docs} " in out, f"stats does not show {docs} documents:\n{out}")
    check(f"events      {events} " in out, f"stats does not show {events} events:\n{out}")
    check("events by CAMEO root" in out and "Consult" in out, "stats: no events by root with labels")
    check("events by modality" in out and "negated" in out, "stats: no modality table")
    check(re.search(r"USA\s+->\s+CHN", out), f"stats: no USA -> CHN dyad:\n{out}")
    first, last = q(db, "SELECT min(date), max(date) FROM events WHERE day IS NOT NULL")[0]
    check(f"{first} .. {last}" in out, f"stats: event date range is not {first} .. {last}:\n{out}")
    rc, out, err = run("stats", "--db", db, "--format", "json")
    s = json.loads(out)
    check(s["documents"] == docs and s["events"] == events, "stats json counts")
    check(s["first_event_date"] == first and s["last_event_date"] == last, "stats json dates")
    check(sum(r["count"] for r in s["events_by_root"]) == events, "stats json: roots do not add up")
    check(sum(r["count"] for r in s["events_by_modality"]) == events, "stats json: modalities do not add up")
    check(any(r["source"] == "USA" and r["target"] == "CHN" for r in s["top_dyads"]), "stats json: top dyads")


def test_default_db(tmp):
    write(f"{tmp}/in/a.jsonl", jsonl([{"id": "a1", "date": "2023-06-19", "text": BLINKEN}]))
    work = os.path.join(tmp, "work")
    os.makedirs(work)
    rc, out, err = run("ingest", "-q", f"{tmp}/in", cwd=work)
    check(rc == 0 and os.path.exists(os.path.join(work, "detente.db")), "no ./detente.db without --db")
    rc, out, err = run("stats", cwd=work)
    check(rc == 0 and "documents   1 " in out, "stats does not find ./detente.db")
    env_db = os.path.join(tmp, "env.db")
    rc, out, err = run("ingest", "-q", f"{tmp}/in", cwd=work, env={"DETENTE_DB": env_db})
    check(rc == 0 and os.path.exists(env_db), "$DETENTE_DB is not used")
    rc, out, err = run("events", "--format", "jsonl", cwd=work, env={"DETENTE_DB": env_db})
    check(rc == 0 and len(out.splitlines()) >= 1, "events does not read $DETENTE_DB")


def test_big_tsv(tmp):
    # A TSV bigger than a chunk is split across threads; document ids keep
    # their real line numbers (the header is line 1).
    path = f"{tmp}/leads.tsv"
    n = 12000
    with open(path, "w") as f:
        f.write("date_published\tsource\ttitle\tdescription\tlink\n")
        for i in range(n):
            f.write(f"2023-03-{1 + i % 28:02d} 10:00:00\tfeed\tLead {i}\t{BLINKEN} Item {i} of the feed, with "
                    f"some more words to make the line longer than a few bytes.\t\n")
    with open(path, "rb") as f:
        raw = f.read()
    with open(f"{tmp}/leads2.tsv.gz", "wb") as f:
        f.write(gzip.compress(raw.replace(b"Item ", b"Entry ")))
    check(len(raw) > (1 << 20), "test input is not bigger than one chunk")
    db = os.path.join(tmp, "s.db")
    rc, out, err = run("ingest", "--db", db, path, f"{tmp}/leads2.tsv.gz")
    check(rc == 0, f"exit status {rc}: {err}")
    check(one(db, "SELECT count(*) FROM documents") == 2 * n, "not every TSV line became a document")
    rows = q(db, "SELECT line, title FROM documents WHERE title IN ('Lead 0', 'Lead 7777', 'Lead 11999') "
                 "AND input = (SELECT id FROM inputs WHERE path LIKE '%leads.tsv')")
    check(sorted(rows) == [(2, "Lead 0"), (7779, "Lead 7777"), (12001, "Lead 11999")],
          f"line numbers across chunks: {rows}")
    rc, out, err = run("events", "--db", db, "--format", "jsonl", "--evidence", "--limit", "1")
    ev = json.loads(out.splitlines()[0])
    check(any(m["doc"].endswith(".tsv:%d" % 2) or ":" in m["doc"] for m in ev["mentions"]),
          f"TSV document ids are not path:line: {ev['mentions'][:2]}")


TESTS = {name[5:]: fn for name, fn in globals().items() if name.startswith("test_")}

if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[2] not in TESTS:
        print(f"usage: {sys.argv[0]} DETENTE_BINARY {{{'|'.join(TESTS)}}}")
        sys.exit(2)
    with tempfile.TemporaryDirectory(prefix="detente_store_") as tmp:
        TESTS[sys.argv[2]](tmp)
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed")
        sys.exit(1)
    print("PASS")
