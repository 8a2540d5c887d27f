#!/usr/bin/env python3
"""End-to-end tests of `detente trend`, `detente alerts` and `detente report`.

Each test writes small JSONL inputs (sentences the coder handles, with story
dates), builds a store with the real `detente ingest` in a fresh temporary
folder, then runs the barometer commands and checks what they print and
write. `real_data` runs the documented check on the 2023 US-China leads
corpus (docs/BAROMETER.md) and is skipped, with the reason, when ../shared
is absent.

Usage: measure_cli_test.py DETENTE_BINARY TEST_NAME
Exit status: 0 pass, 1 fail, 77 skipped.
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

BIN = sys.argv[1] if len(sys.argv) > 1 else "detente"
FAILURES = []
SKIP = 77


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what)


def run(*args, cwd=None, env=None):
    e = dict(os.environ)
    e.pop("DETENTE_DB", None)
    if env:
        e.update(env)
    p = subprocess.run([BIN, *args], cwd=cwd, env=e, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def doc(i, date, text, url=None, title=None):
    # Neutral titles: the title is coded too, and must not add events.
    d = {"id": "d%d" % i, "date": date, "title": title or "Report number %d" % i, "text": text}
    if url:
        d["url"] = url
    return json.dumps(d) + "\n"


def ingest(tmp, records, name="news.jsonl"):
    path = os.path.join(tmp, name)
    write(path, "".join(records))
    db = os.path.join(tmp, "t.db")
    rc, out, err = run("ingest", "-q", path, "--db", db)
    if rc != 0:
        print(err)
    check(rc == 0, "ingest exit status %d" % rc)
    return db


CONDEMN = "China condemned the United States."          # CHN -> USA 111, -2, quad 3
ACCUSE = "The United States accused China of spying."   # USA -> CHN 1125, -2, quad 3
PRAISE = "China praised the United States."             # CHN -> USA 051, +3.4, quad 1
MEET = "Antony Blinken met Xi Jinping in Beijing."      # USAGOV -> CHNGOV 040, +1, quad 1
SANCTION = "The United States imposed sanctions on China."  # USA -> CHN 163, -8, quad 4
NEGATED = "China did not condemn the United States."    # negated: not counted by default
OTHER = "Russia praised China."                         # another dyad


def small_store(tmp):
    return ingest(tmp, [
        doc(1, "2023-02-06", CONDEMN),
        doc(2, "2023-02-08", ACCUSE),
        doc(3, "2023-02-08", ACCUSE + " Officials said so."),  # same event, second mention
        doc(4, "2023-02-15", PRAISE),
        doc(5, "2023-03-01", MEET),
        doc(6, "2023-03-01", NEGATED),
        doc(7, "2023-03-01", OTHER),
    ])


def test_trend_json(tmp):
    db = small_store(tmp)
    rc, out, err = run("trend", "USA", "CHN", "--by", "week", "--format", "json", "--db", db)
    check(rc == 0, "trend exit status %d: %s" % (rc, err))
    d = json.loads(out)
    check(d["dyad"] == ["USA", "CHN"], "dyad %r" % d["dyad"])
    check(d["by"] == "week", "by %r" % d["by"])
    starts = [p["start"] for p in d["periods"]]
    check(starts == ["2023-02-06", "2023-02-13", "2023-02-20", "2023-02-27"], "weeks %r" % starts)
    w1, w2, w3, w4 = d["periods"]
    check(w1["events"] == 2 and w1["mentions"] == 3, "week 1 events/mentions %r %r" % (w1["events"], w1["mentions"]))
    check(w1["quad_events"] == [0, 0, 2, 0], "week 1 quads %r" % w1["quad_events"])
    check(w1["quad_mentions"] == [0, 0, 3, 0], "week 1 quad mentions %r" % w1["quad_mentions"])
    check(w1["goldstein_sum"] == -4 and w1["goldstein_mean"] == -2, "week 1 goldstein %r" % w1)
    check(w1["conflict"] == 6 and w1["cooperation"] == 0 and w1["net"] == -6, "week 1 evidence %r" % w1)
    check(w1["ab"]["events"] == 1 and w1["ab"]["mentions"] == 2, "week 1 USA->CHN %r" % w1["ab"])
    check(w1["ba"]["events"] == 1 and w1["ba"]["mentions"] == 1, "week 1 CHN->USA %r" % w1["ba"])
    check(w2["goldstein_sum"] == 3.4 and w2["ba"]["events"] == 1 and w2["ab"]["events"] == 0, "week 2 %r" % w2)
    check(w3["events"] == 0 and w3["index"] == 0 and w3["goldstein_mean"] is None, "empty week 3 %r" % w3)
    check(w4["events"] == 1 and w4["quad_events"] == [1, 0, 0, 0], "week 4 (Blinken, USAGOV->CHNGOV) %r" % w4)
    # Index: prior = 2 x median evidence {6, 3.4, 1} = 6.8.
    check(d["index_prior"]["both"] == 6.8, "prior %r" % d["index_prior"])
    check(abs(w1["index"] - (-6 / 12.8)) < 1e-4, "week 1 index %r" % w1["index"])
    check(abs(w2["index"] - 3.4 / 10.2) < 1e-4, "week 2 index %r" % w2["index"])
    check(d["events"] == 4 and d["mentions"] == 5, "totals %r %r" % (d["events"], d["mentions"]))
    check(isinstance(d["change_points"], list), "change_points missing")
    check(len(d["reciprocity"]) == 4 and all(len(r["lags"]) == 5 for r in d["reciprocity"]), "reciprocity")
    # The negated event counts when asked for.
    rc, out, err = run("trend", "USA", "CHN", "--format", "json", "--modality", "asserted,negated", "--db", db)
    d2 = json.loads(out)
    check(d2["events"] == 5, "with negated: %r events" % d2["events"])
    # By month, and a range that cuts a week: whole weeks are kept.
    rc, out, err = run("trend", "CHN", "USA", "--by", "month", "--format", "json", "--db", db)
    d3 = json.loads(out)
    check([p["start"] for p in d3["periods"]] == ["2023-02-01", "2023-03-01"], "months %r" % d3["periods"])
    check(d3["dyad"] == ["CHN", "USA"] and d3["periods"][0]["ab"]["events"] == 2, "CHN->USA in February")
    rc, out, err = run("trend", "USA", "CHN", "--format", "json", "--since", "2023-02-08", "--until", "2023-02-14",
                       "--db", db)
    d4 = json.loads(out)
    check([(p["start"], p["end"], p["events"]) for p in d4["periods"]] ==
          [("2023-02-06", "2023-02-12", 2), ("2023-02-13", "2023-02-19", 1)],
          "--since/--until inside weeks keep whole weeks: %r" % d4["periods"])
    check(d4["events_outside_range"] == 1, "the March event is outside: %r" % d4["events_outside_range"])
    # Ranges that miss every event: one empty period at the bound given; no events at all: no periods.
    for args, start in [(["--since", "2024-01-03"], "2024-01-01"), (["--until", "2022-06-01"], "2022-05-30")]:
        rc, out, err = run("trend", "USA", "CHN", "--format", "json", *args, "--db", db)
        d5 = json.loads(out)
        check(rc == 0 and [p["start"] for p in d5["periods"]] == [start] and d5["events"] == 0
              and d5["change_points"] == [], "%s: %r" % (args, d5["periods"]))
        check("no asserted events" in err, "empty range noted: %r" % err)
    rc, out, err = run("trend", "USA", "IRN", "--format", "json", "--db", db)
    d6 = json.loads(out)
    check(rc == 0 and d6["periods"] == [] and d6["since"] is None, "no events at all: %r" % d6)


def test_trend_table_csv(tmp):
    db = small_store(tmp)
    rc, out, err = run("trend", "USA", "CHN", "--db", db)
    check(rc == 0, "table exit status %d" % rc)
    lines = out.splitlines()
    check(lines and lines[0].startswith("USA \u21c4 CHN by week, 2023-02-06 .. 2023-03-05"), "table title %r" % lines[:1])
    header = next((l for l in lines if l.startswith("WEEK")), None)
    check(header is not None and "INDEX" in header and "USA\u2192CHN" in header, "table header %r" % header)
    rows = [l for l in lines if re.match(r"\d{4}-\d\d-\d\d ", l)]
    check(len(rows) == 4, "table rows %d" % len(rows))
    # Columns are aligned: the INDEX column ends at the same place on every row.
    end = header.index("INDEX") + len("INDEX")
    check(all(re.match(r"[+-]?\d\.\d\d$", r[end - 5:end].strip()) for r in rows), "INDEX column aligned")
    check(any("reciprocity" in l for l in lines), "reciprocity section")
    rc, out, err = run("trend", "USA", "CHN", "--format", "csv", "--db", db)
    lines = out.splitlines()
    head = lines[0].split(",")
    check(head[:4] == ["start", "end", "events", "mentions"], "csv header %r" % head[:4])
    check("ab_index" in head and "ba_goldstein_sum" in head and head[-1] == "change_point", "csv columns")
    check(len(lines) == 5 and all(len(l.split(",")) == len(head) for l in lines[1:]), "csv rows")
    row = dict(zip(head, lines[1].split(",")))
    check(row["start"] == "2023-02-06" and row["events"] == "2" and row["q3_mentions"] == "3", "csv row %r" % row)
    rc, out, err = run("trend", "USA", "RUS", "--db", db)
    check(rc == 0 and "no asserted events between USA and RUS" in err, "empty dyad message %r" % err)


def test_actor_codes(tmp):
    db = small_store(tmp)
    rc, out, err = run("trend", "usagov", "CHNGOV", "--format", "json", "--db", db)
    check(rc == 0, "exit status %d" % rc)
    d = json.loads(out)
    check(d["dyad"] == ["USAGOV", "CHNGOV"] and d["events"] == 1, "exact codes: %r events" % d.get("events"))
    rc, out, err = run("trend", "RUS", "CHN", "--format", "json", "--db", db)
    d = json.loads(out)
    check(d["events"] == 1 and d["periods"][0]["ab"]["events"] == 1, "RUS->CHN %r" % d["events"])


def parse_html(text):
    """Checks that tags balance (void elements aside) and returns the open-tag names."""
    void = {"meta", "br", "img", "hr", "input", "link", "circle", "line", "rect", "polyline", "path"}
    stack, seen, problems = [], [], []

    class P(html.parser.HTMLParser):
        def handle_starttag(self, tag, attrs):
            seen.append((tag, dict(attrs)))
            if tag not in void:
                stack.append(tag)

        def handle_startendtag(self, tag, attrs):
            seen.append((tag, dict(attrs)))

        def handle_endtag(self, tag):
            if tag in void:
                return
            if not stack or stack[-1] != tag:
                problems.append("unbalanced </%s> (open: %s)" % (tag, stack[-3:]))
            else:
                stack.pop()

    P().feed(text)
    if stack:
        problems.append("unclosed %s" % stack)
    return seen, problems


def test_report_html(tmp):
    evil_url = "javascript:alert(1)"
    db = ingest(tmp, [
        doc(1, "2023-02-06", CONDEMN, url="https://news.example/a?x=1&y=2", title="Beijing <b>rebukes</b>"),
        doc(2, "2023-02-08", ACCUSE, url=evil_url),
        doc(3, "2023-02-15", PRAISE, url="https://news.example/c"),
    ])
    out_html = os.path.join(tmp, "r.html")
    rc, out, err = run("report", "USA", "CHN", "-o", out_html, "--db", db)
    check(rc == 0, "report exit status %d: %s" % (rc, err))
    text = open(out_html, encoding="utf-8").read()
    check(text.startswith("<!DOCTYPE html>"), "doctype")
    check(text.count("<svg") == 3, "three inline SVG charts, got %d" % text.count("<svg"))
    check("<script" not in text.lower(), "no scripts")
    check("javascript:" not in text, "unsafe URL not written")
    seen, problems = parse_html(text)
    check(not problems, "HTML structure: %s" % problems[:3])
    # Self-contained: no external stylesheets, images, scripts or fonts.
    for tag, attrs in seen:
        check(tag not in ("link", "img", "iframe", "object", "embed"), "external asset tag <%s>" % tag)
        check("src" not in attrs, "src attribute on <%s>" % tag)
    hrefs = [a.get("href") for t, a in seen if t == "a"]
    check(hrefs and all(h.startswith("https://news.example/") for h in hrefs), "links %r" % hrefs)
    check("https://news.example/a?x=1&amp;y=2" in text, "URL attribute escaped")
    check("Beijing &lt;b&gt;rebukes&lt;/b&gt;" in text, "title escaped")
    check(CONDEMN in text and PRAISE in text, "evidence sentences in the report")
    check("in url(" not in text and "@import" not in text, "no CSS imports")
    # Each inline SVG is well-formed XML.
    for svg in re.findall(r"<svg.*?</svg>", text, re.S):
        try:
            ET.fromstring(svg)
        except ET.ParseError as e:
            check(False, "SVG not well-formed: %s" % e)
    # --svg writes the chart as a standalone SVG document.
    svg_path = os.path.join(tmp, "c.svg")
    rc, out, err = run("report", "USA", "CHN", "-o", out_html, "--svg", svg_path, "--db", db)
    check(rc == 0 and os.path.exists(svg_path), "--svg written")
    root = ET.parse(svg_path).getroot()
    check(root.tag == "{http://www.w3.org/2000/svg}svg", "SVG root %r" % root.tag)
    # An unwritable output is an error, not a crash.
    rc, out, err = run("report", "USA", "CHN", "-o", os.path.join(tmp, "no", "such", "dir", "r.html"), "--db", db)
    check(rc == 1 and "cannot write" in err, "unwritable output: %d %r" % (rc, err))


def test_report_png(tmp):
    db = small_store(tmp)
    png = os.path.join(tmp, "c.png")
    out_html = os.path.join(tmp, "r.html")
    rc, out, err = run("report", "USA", "CHN", "-o", out_html, "--png", png, "--db", db)
    check(os.path.exists(out_html), "HTML written even when PNG export is asked")
    if shutil.which("rsvg-convert"):
        check(rc == 0, "report --png exit status %d: %s" % (rc, err))
        data = open(png, "rb").read(8) if os.path.exists(png) else b""
        check(data == b"\x89PNG\r\n\x1a\n", "PNG signature %r" % data)
    else:
        print("rsvg-convert is not installed: checking the error instead of the PNG")
    # Without the tool on PATH the error names the package.
    rc, out, err = run("report", "USA", "CHN", "-o", out_html, "--png", png + ".2", "--db", db,
                       env={"PATH": "/nonexistent"})
    check(rc == 1 and "librsvg2-bin" in err, "missing rsvg-convert: %d %r" % (rc, err))


def test_alerts(tmp):
    # Ten weeks of cooperation between USA and CHN, then six of conflict;
    # Russia and China steady all along.
    records, i = [], 0
    import datetime
    monday = datetime.date(2023, 1, 2)
    for w in range(16):
        for k, text in enumerate([PRAISE, MEET] if w < 10 else [CONDEMN, SANCTION]):
            i += 1
            day = monday + datetime.timedelta(days=7 * w + k)
            records.append(doc(i, day.isoformat(), text))
        i += 1
        records.append(doc(i, (monday + datetime.timedelta(days=7 * w + 3)).isoformat(), OTHER))
    db = ingest(tmp, records)
    rc, out, err = run("alerts", "--since", "2023-02-27", "--min-events", "5", "--format", "json", "--db", db)
    check(rc == 0, "alerts exit status %d: %s" % (rc, err))
    d = json.loads(out)
    check(d["since"] == "2023-02-27" and d["until"] == "2023-04-23", "window %r %r" % (d["since"], d["until"]))
    check(d["dyads_checked"] == 2, "dyads checked %r" % d["dyads_checked"])
    check(len(d["alerts"]) == 1, "one alert, got %r" % d["alerts"])
    if d["alerts"]:
        a = d["alerts"][0]
        check(a["dyad"] == ["CHN", "USA"], "dyad %r" % a["dyad"])
        check(a["start"] == "2023-03-13" and a["direction"] == "worse", "shift %r %r" % (a["start"], a["direction"]))
        check(a["shift"] < -0.4, "shift size %r" % a["shift"])
        labels = {x["cameo"] for x in a["drivers"]}
        check(labels and labels <= {"111", "163"}, "drivers are the conflict events: %r" % labels)
        check(a["drivers"] and a["drivers"][0]["cameo"] == "163", "strongest driver first %r" % a["drivers"][:1])
        check(all(x["sentence"] for x in a["drivers"]), "drivers carry their sentence")
    # Default --since: the last 8 weeks of data; table output.
    rc, out, err = run("alerts", "--min-events", "5", "--db", db)
    check(rc == 0 and "CHN\u2013USA" in out and "worse" in out and SANCTION[:30] in out, "alerts table:\n" + out)
    # A higher threshold silences it.
    rc, out, err = run("alerts", "--min-events", "5", "--threshold", "2", "--db", db)
    check(rc == 0 and "none" in out, "threshold 2 leaves no alert:\n" + out)


def test_usage(tmp):
    db = small_store(tmp)
    for args, what in [
        (["trend", "USA", "CHN", "--by", "fortnight"], "--by"),
        (["trend", "USA", "CHN", "--since", "yesterday"], "--since"),
        (["trend", "USA", "CHN", "--since", "2023-03", "--until", "2023-02"], "after"),
        (["trend", "USA", "CHN", "--format", "xml"], "--format"),
        (["trend", "USA", "CHN", "--modality", "rumoured"], "--modality"),
        (["trend", "U$A", "CHN"], "actor code"),
        (["trend", "USA", "USA"], "two different"),
        (["trend", "USA", "CHN", "--penalty", "0"], "--penalty"),
        (["alerts", "--format", "csv"], "--format"),
    ]:
        rc, out, err = run(*args, "--db", db)
        check(rc == 2, "%s: exit status %d, expected 2" % (" ".join(args), rc))
        check(what in err, "%s: message %r should mention %r" % (" ".join(args), err, what))
    rc, out, err = run("trend", "USA")
    check(rc == 2, "missing B: exit status %d" % rc)
    rc, out, err = run("trend", "USA", "CHN", "--db", os.path.join(tmp, "missing.db"))
    check(rc == 2 and "no event store" in err, "missing store: %d %r" % (rc, err))


def test_default_db(tmp):
    db = small_store(tmp)
    shutil.copy(db, os.path.join(tmp, "detente.db"))
    rc, out, err = run("trend", "USA", "CHN", "--format", "json", cwd=tmp)
    check(rc == 0 and json.loads(out)["events"] == 4, "./detente.db by default: %d %r" % (rc, err))
    other = os.path.join(tmp, "sub")
    os.makedirs(other)
    rc, out, err = run("trend", "USA", "CHN", "--format", "json", cwd=other, env={"DETENTE_DB": db})
    check(rc == 0 and json.loads(out)["events"] == 4, "$DETENTE_DB: %d %r" % (rc, err))


def test_real_data(tmp):
    shared = os.environ.get("DETENTE_SHARED_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
    tsv = os.path.join(shared, "corpora", "rss_news_leads_2023", "rss_us_china_leads_2023.tsv")
    if not os.path.exists(tsv):
        print("SKIP: %s is absent (the shared corpora live in ../shared)" % tsv)
        return SKIP
    db = os.path.join(tmp, "uscn.db")
    rc, out, err = run("ingest", "-q", tsv, "--db", db)
    check(rc == 0, "ingest exit status %d: %s" % (rc, err[-500:]))
    # (--peak-z 2.0, not the default 2.5: the June week has stood between 2.2
    # and 2.7 robust sigmas with the coders of stops 9 and 10, so a threshold
    # near that would make this test flip with any small change of the coder
    # or the dictionaries; what is tested is that the week stands out, with
    # the visit among its drivers.)
    rc, out, err = run("trend", "USA", "CHN", "--by", "week", "--since", "2023-01-01", "--until", "2023-12-31",
                       "--peak-z", "2.0", "--format", "json", "--db", db)
    check(rc == 0, "trend exit status %d" % rc)
    d = json.loads(out)
    cps = [(c["start"], c["direction"]) for c in d["change_points"]]
    print("change points:", cps)
    # The balloon (Feb 2-20, 2023) is a conflict shift...
    check(any(s[0] and "2023-01-30" <= s[0] <= "2023-02-20" and s[1] == "worse" for s in cps),
          "balloon crisis found as a worse shift: %r" % cps)
    # ... the November meeting (Xi-Biden in San Francisco) a cooperation shift ...
    check(any("2023-10-30" <= s[0] <= "2023-11-13" and s[1] == "better" for s in cps), "November better: %r" % cps)
    # ... and June (Blinken in Beijing, Jun 18-19) a cooperation peak with the
    # visit among its drivers: one week that stands out without moving the
    # level (docs/BAROMETER.md, "Peaks").
    peaks = [(p["start"], p["direction"], p["drivers"]) for p in d["peaks"]]
    print("peaks:", [(p[0], p[1]) for p in peaks])
    june = [p for p in peaks if "2023-06-12" <= p[0] <= "2023-06-19" and p[1] == "cooperation"]
    # (The visit ran from Sunday 18 to Monday 19 June, so it may lift both
    # weeks; since stop 11 talks count both ways and it does.)
    check(1 <= len(june) <= 2, "June cooperation peak: %r" % peaks)
    if june:
        rc, out, err = run("events", "--db", db, "--format", "jsonl", "--dyad", "USA:CHN", "--since", "2023-06-12",
                           "--until", "2023-06-25")
        ids = {json.loads(l)["id"]: json.loads(l) for l in out.splitlines() if l.strip()}
        drivers = [i for p in june for i in p[2]]
        visit = [i for i in drivers if i in ids and ids[i]["cameo"].startswith("04")]
        check(visit, "a meeting or visit among the June drivers %r" % drivers)
    for p in peaks:
        check(not any(c[0] == p[0] for c in cps), "a peak is not also a change point: %r" % (p,))
    weeks = {p["start"]: p for p in d["periods"]}
    check(weeks["2023-01-30"]["index"] < -0.3, "balloon week index %r" % weeks["2023-01-30"]["index"])
    check(weeks["2023-06-12"]["index"] > 0.3, "Blinken week index %r" % weeks["2023-06-12"]["index"])
    check(weeks["2023-11-13"]["index"] > 0.3, "San Francisco week index %r" % weeks["2023-11-13"]["index"])


def main():
    name = sys.argv[2] if len(sys.argv) > 2 else ""
    test = globals().get("test_" + name)
    if not test:
        print("unknown test %r" % name)
        return 2
    tmp = tempfile.mkdtemp(prefix="detente_measure_")
    try:
        result = test(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if result == SKIP:
        return SKIP
    if FAILURES:
        print("%d failure(s)" % len(FAILURES))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
