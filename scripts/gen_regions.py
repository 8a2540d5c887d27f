#!/usr/bin/env python3
"""Generate dict/actors/regions.tsv (first-level administrative regions) from GeoNames admin1 data.

Run by hand, never at build time; the generated TSV is committed. Python 3 standard library only.

    apt-get install wamerican                                 # /usr/share/dict/words
    python3 scripts/gen_regions.py --report /tmp/regions_report.tsv > dict/actors/regions.tsv

Inputs:
- ../shared/corpora/geonames_cities_npm/admin1.json: GeoNames admin1 codes and names (CC BY 4.0).
- ../shared/corpora/iso_codes_debian/iso_3166-1.json: alpha-2 -> alpha-3.
- dict/actors/*.tsv (other than regions.tsv): names already taken are left out.
- /usr/share/dict/words: lower-case English words are left out.
The curated tables below are the project's own.
"""
import argparse
import json
import os
import re
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_cities import ROOT, SHARED, fold, key, english_words  # noqa: E402
import glob  # noqa: E402

# Suffixes GeoNames puts on admin1 names; the bare name is what news mostly writes.
SUFFIXES = ["Autonomous Region", "Autonomous Oblast", "Autonomous Okrug", "Special Region",
            "Province", "Oblast", "Governorate", "Region", "State", "Prefecture", "Krai", "Kray",
            "Republic", "Municipality", "City", "Territory", "Division", "County", "Department",
            "District", "Wilayah", "Vilayet", "Mohafazat", "Muhafazat"]
# Which suffixed English forms to add per country (besides the bare name and "X region").
PROVINCE = set("AFG IRN CHN PAK CAN PHL IDN TUR THA VNM KOR ARG ZAF PNG SLB COD MOZ ZMB KEN "
               "NPL LKA IRQ BEL NLD ESP ITA".split())
OBLAST = set("UKR RUS KAZ KGZ BLR".split())
GOVERNORATE = set("SYR IRQ EGY YEM JOR LBN TUN OMN BHR KWT PSE".split())
STATE = set("USA IND NGA SDN SSD MEX BRA AUS MMR MYS DEU VEN".split())
# Generic names: a direction or a rank, not a place.
GENERIC = {"central", "northern", "eastern", "western", "southern", "north", "south", "east", "west",
           "capital", "federal district", "capital district", "capital region", "north east",
           "north west", "south east", "south west", "northeast", "northwest", "southeast",
           "southwest", "north central", "south central", "far north", "upper", "lower", "coast",
           "coastal", "islands", "lakes", "river", "national capital", "centre", "center",
           "littoral", "plateau", "highlands", "lowlands", "mountain", "interior", "border",
           "city", "metropolitan", "greater", "new", "special", "autonomous", "central region",
           "northern region", "eastern region", "western region", "southern region"}
# Names news mostly uses for something else (a person, a capital's government, a team, a
# people, a quasi-state coded elsewhere), or regions left out on purpose.
DROP_NAMES = {
    "Jewish", "Chuvash", "Altai", "Amur", "Columbia", "Kara",  # an adjective, a people, a river
    "Washington",  # the capital's government (USAGOV), not the state
    "England", "Scotland", "Wales", "Northern Ireland",  # mostly sport; see countries.tsv
    "Kurdistan", "Kurdistan Region",  # Iraqi Kurdistan and Kurds are coded elsewhere
    "Victoria", "Georgia", "Santa Fe", "Guadalupe",
    "Colon", "Bolivar", "Sucre", "Santander", "Lara", "Miranda", "Morelos", "Hidalgo", "Guerrero",
    "Madre de Dios", "San Martin", "La Paz", "Santiago", "Buenos Aires", "Panama", "Mexico",
    "Distrito Federal", "Dublin", "Jersey", "Israel", "Jerusalem", "Hamas", "Amhara", "Oromia",
    "Somali", "Afar", "Harari", "Sidama",
    "Lisboa", "Madrid", "Paris", "Roma", "Lima", "Bogota", "Brussels", "Vienna", "Wien", "Berlin",
    "Hamburg", "Bremen", "Moscow", "Saint Petersburg", "Tokyo", "Seoul", "Beijing", "Shanghai",
    "Tianjin", "Chongqing", "Taipei", "Taiwan", "Fukien", "Takao", "Kyiv City", "Kyiv",
    "Sevastopol City", "Abu Dhabi", "Dubai", "Riyadh", "Baghdad", "Kabul", "Tehran", "Damascus",
    "Beirut", "Amman", "Cairo", "Khartoum", "Tripoli", "Sanaa", "Aden", "Nairobi", "Kinshasa",
    "Delhi", "Islamabad", "Dhaka", "Colombo", "Kathmandu", "Bangkok", "Manila", "Jakarta",
    "Hanoi", "Vientiane", "Phnom Penh", "Yangon", "Naypyidaw", "Ulaanbaatar", "Tashkent",
    "Bishkek", "Dushanbe", "Ashgabat", "Astana", "Baku", "Yerevan", "Tbilisi", "Chisinau",
    "Minsk", "Vilnius", "Riga", "Tallinn", "Warsaw", "Prague", "Bratislava", "Budapest",
    "Bucharest", "Sofia", "Belgrade", "Zagreb", "Ljubljana", "Sarajevo", "Podgorica", "Skopje",
    "Tirana", "Athens", "Ankara", "Nicosia", "Valletta", "Rome", "Bern", "Luxembourg",
    "Limburg", "Macedonia", "Azerbaijan", "Guatemala", "Chimaltenango", "Mecca", "Makkah",
    "Medina", "Kashmir", "Lagos",
    "Galicia",  # Spain's region and the historical Ukrainian/Polish one
    "Navarra", "Papua",  # Papua (IDN) vs Papua New Guinea
    "Holland", "Normandy",  # D-Day
    "Flanders",  # "Flanders Fields"
    "Carolina", "Dakota", "Sahel", "Maritime", "Atlantique",
    # personal names, words and other places of the same name
    "Batman", "Mary", "Diana", "Nelson", "Isabel", "Sava", "Nord", "Balkan", "Tasman", "Volta",
    "Takeo", "Rota", "Ramsey", "Merida", "Sabah", "Lori", "Alba", "Mara", "Trang", "Geneva",
    "Chuy", "Cuando", "Brest", "Arta", "Saba", "Moca", "Kochi", "Mila", "Gasa", "Agri", "Bono",
    "Hela", "Guarda", "Lares", "Ponce",
    "Atlantico", "Pacifico",
    "Independencia", "Libertad", "La Libertad", "Esperanza", "Paraiso", "Concepcion",
    "Valle", "Cordillera", "Amazonas", "Para", "Union", "Trinidad", "Hamilton", "Kent",
    "Essex", "Jordan", "Chad", "Niger", "Lebanon", "Congo", "Guinea", "Sudan", "Oman",
    "Al Jazirah", "Jazira", "Gezira", "Hejaz", "Red Sea", "Nile",
    "Lakes", "Unity", "Equatoria",
    "Benin", "Plateau", "Rivers", "Delta", "Cross River",
    "Niger State", "Punjab", "Islamabad Capital Territory",
    "Hong Kong", "Macau", "Macao", "Gaza", "Gaza Strip", "West Bank",
}
# Countries whose admin1 units are left out wholly: city-states' districts, Hong Kong/Macau
# districts, and countries whose first-level units are mostly named after towns.
DROP_COUNTRIES = {"HK", "MO", "SG", "MC", "VA", "SM", "LI", "AD", "BH", "MT", "LU", "GB", "IE",
                  "GT", "SV", "HN", "NI", "CR", "PA", "DO", "HT", "JM", "TT", "BB", "LC", "VC",
                  "GD", "AG", "KN", "DM", "BS", "BZ", "UY", "PY", "CV", "ST", "KM", "SC", "MU",
                  "MV", "FJ", "TO", "WS", "KI", "TV", "NR", "PW", "FM", "MH", "VU", "TW",
                  # first-level units that are municipalities, or territories' parishes
                  "SI", "LV", "MK", "IM", "GU", "PR", "YT", "WF", "FO", "TK", "CK", "AS", "MP",
                  "BM", "GG", "JE", "BQ", "VI", "AW", "CW", "SX", "MS", "AI", "VG", "KY", "TC"}
ALPHA3_FIX = {"XK": "XKX"}
# A name shared by regions of two countries that news uses almost only for one of them.
PREFER = {"Florida": "USA", "Montana": "USA", "Maryland": "USA"}


def dict_names():
    taken = {}
    for f in sorted(glob.glob(os.path.join(ROOT, "dict", "actors", "*.tsv"))):
        base = os.path.basename(f)
        if base == "regions.tsv":
            continue
        for ln, line in enumerate(open(f, encoding="utf-8"), 1):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3:
                continue
            for n in fields[2].split("|"):
                if n:
                    taken.setdefault(key(n), (base, ln, fields[0]))
    return taken


def strip_suffix(name):
    for s in SUFFIXES:
        if name.endswith(" " + s):
            return name[: -len(s) - 1].strip()
        if name.startswith(s + " of "):
            return name[len(s) + 4:].strip()
    return name


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", help="write every left-out name with its reason here")
    args = ap.parse_args()
    corp = os.path.join(SHARED, "corpora")
    iso = json.load(open(os.path.join(corp, "iso_codes_debian", "iso_3166-1.json"), encoding="utf-8"))
    a3 = {c["alpha_2"]: c["alpha_3"] for c in iso["3166-1"]}
    a3.update(ALPHA3_FIX)
    admin1 = json.load(open(os.path.join(corp, "geonames_cities_npm", "admin1.json"), encoding="utf-8"))
    taken = dict_names()
    words = english_words()
    log = []

    regions = []  # (code, bare name, original name)
    for r in admin1:
        cc = r["code"].split(".")[0]
        if cc in DROP_COUNTRIES or cc not in a3:
            log.append("country left out\t%s\t%s" % (cc, r["name"]))
            continue
        bare = fold(strip_suffix(r["name"].strip()))
        bare = re.sub(r"\s+", " ", bare)
        regions.append((a3[cc], bare, r["name"]))

    countries_of = defaultdict(set)
    for code, bare, _ in regions:
        countries_of[key(bare)].add(code)

    out = []
    seen = set()
    for code, bare, orig in sorted(regions):
        k = key(bare)
        single = " " not in k and "-" not in k
        why = None
        t = taken.get(k)
        city_same = t and t[0] == "cities.tsv" and t[2] == code
        if t and not city_same:
            why = "already in %s:%d" % t[:2]
        elif bare in DROP_NAMES or fold(orig) in DROP_NAMES:
            why = "curated"
        elif k in GENERIC or all(w in GENERIC for w in k.split()):
            why = "generic"
        elif len(re.sub(r"[^A-Za-z]", "", bare)) < 4:
            why = "short"
        elif single and k in words:
            why = "English word"
        elif bare in PREFER and PREFER[bare] != code:
            why = "a region of " + PREFER[bare] + " in news"
        elif len(countries_of[k]) > 1 and bare not in PREFER:
            why = "regions of " + ",".join(sorted(countries_of[k]))
        elif re.search(r"[0-9()/,]", bare) or not re.match(r"^[A-Za-z][A-Za-z' .-]*$", bare):
            why = "not a plain name"
        elif (code, k) in seen:
            why = "duplicate"
        if why:
            log.append("region left out\t%s\t%s\t%s" % (code, orig, why))
            continue
        seen.add((code, k))
        names = [] if city_same else [bare]
        forms = [bare + " region"]
        if code in PROVINCE:
            forms.append(bare + " Province")
        if code in OBLAST and (code == "UKR" or orig.endswith("Oblast")):
            forms.append(bare + " Oblast")
        if code in GOVERNORATE:
            forms += [bare + " Governorate", bare + " province"]
        if code in STATE and code != "USA":
            forms.append(bare + " State")
        for f in forms:
            if key(f) in taken or f.lower() in (n.lower() for n in names):
                continue
            names.append(f)
        out.append((code, names))

    if args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write("\n".join(log) + "\n")
    sys.stdout.write(open(os.path.join(ROOT, "scripts", "regions_header.txt"), encoding="utf-8").read())
    cur = None
    n = 0
    for code, names in out:
        if code != cur:
            sys.stdout.write("\n")
            cur = code
        sys.stdout.write("%s\tmetonym\t%s\n" % (code, "|".join(names)))
        n += len(names)
    print("regions.tsv: %d regions, %d names" % (len(out), n), file=sys.stderr)


if __name__ == "__main__":
    main()
