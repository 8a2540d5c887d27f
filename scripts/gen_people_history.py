#!/usr/bin/env python3
"""Generate dict/actors/people_history.tsv: historical heads of state and government
(1960 to about 2011) and 2003-2011 cabinet members of every country.

Facts (who held which office when) are read at generation time from
  ../shared/corpora/countryinfo_schrodt/CountryInfo.120116.txt     (names, offices, dates)
  ../shared/corpora/leaders_archigos_and_current/Archigos_4.1_leaders.csv
      (cross-check: end dates of terms still open in CountryInfo, accented spellings)
and written in our own format (docs/DICTIONARIES.md, kind `person`). Nothing but facts is taken
from those files. The script is not run at build time; its output is committed.

Usage: python3 scripts/gen_people_history.py [--shared DIR] [--out FILE] [--report]
Python 3 standard library only.
"""
import argparse
import collections
import csv
import datetime as dt
import os
import re
import sys
import unicodedata
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

COMPILED = dt.date(2012, 1, 16)       # CountryInfo.120116: compilation date
GOV_FIRST = dt.date(2003, 1, 1)       # <Government> blocks cover Jan 2003 ..
GOV_LAST = dt.date(2011, 2, 28)       # .. Feb 2011
SCOPE_FROM = dt.date(1960, 1, 1)

# CountryInfo <CountryCode> -> our code (dict/actors/countries.tsv). Codes not listed map to
# themselves; None drops the block.
CODE_MAP = {
    'USAASM': 'ASM', 'GBRVGB': 'VGB', 'GBRFLK': 'FLK', 'DNKFRO': 'FRO', 'GBRIMY': 'IMN',
    'USAPRI': 'PRI', 'TMP': 'TLS', 'KSV': 'XKX', 'GBRGIB': 'GIB', 'DNKGRL': 'GRL',
    'FRAGUF': 'GUF', 'FRAPYF': 'PYF', 'FRAGLP': 'GLP', 'USAGUM': 'GUM', 'FRAMTQ': 'MTQ',
    'GBRMSR': 'MSR', 'FRANCL': 'NCL', 'NZLNIU': 'NIU', 'GBRPCN': 'PCN', 'GBRSHN': 'SHN',
    'NZLTKL': 'TKL', 'USAVIR': 'VIR', 'FRNWLF': 'WLF', 'AUSNFK': 'NFK',
    'BIHBHF': 'BIH', 'BIHSPR': 'BIH',      # Bosnian entities -> Bosnia and Herzegovina
    'SRP': 'BIH',                           # Republika Srpska codes inside the BIH blocks
    'CHNTIB': None,                         # Tibet: not a country in countries.tsv
    'NLDANT': None,
}
# Blocks identified by name (their <CountryCode> is missing or wrong).
NAME_MAP = {
    'TURKISH_REPUBLIC_OF_NORTH_CYPRUS': None,   # not listed in countries.tsv (regions file)
    'KOSOVO': None,          # its <Leaders> block holds Kiribati's leaders (a source error)
    'BRITISH_INDIAN_OCEAN_TERRITORY': 'IOT', 'CHRISTMAS_ISLAND': None, 'COCOS_ISLANDS': None,
    'JERSEY': 'JEY', 'MAYOTTE': 'MYT', 'SAINT_BARTHELEMY': None,
    'SERBIA_AND_MONTENEGRO': 'SRB',           # Yugoslavia / Serbia and Montenegro -> SRB
}
# Extra COW numbers of predecessor states, for the Archigos cross-check.
EXTRA_COW = {'DEU': {255, 260, 265}, 'SRB': {345}, 'YEM': {678, 679, 680}, 'VNM': {816, 817},
             'CZE': {315, 316}, 'RUS': {365}}

# Terms missing from or cut short in CountryInfo, written from public facts and checked against
# Archigos (effective leader spells): (code, names, from, until, role).
MANUAL = [
    ('LBYGOV', ['MUAMMAR_GADDAFI', 'MUAMMAR_AL-QADDAFI', 'MUAMMAR_QADDAFI', 'MUAMMAR_GADHAFI',
                'MUAMMAR_QADHAFI'], '1979-03-02', '2011-08-23',
     'Leader of the Revolution (de facto head of state)'),
    ('IRNGOV', ['RUHOLLAH_KHOMEINI', 'AYATOLLAH_RUHOLLAH_KHOMEINI'], '1979-12-03', '1989-06-03',
     'Supreme Leader'),
]
HISPANIC = set('''ARG BOL CHL COL CRI CUB DOM ECU SLV GTM HND MEX NIC PAN PRY PER ESP URY VEN
GNQ PRI'''.split())
HONORIFICS = {'SIR', 'DAME', 'DR', 'DR.', 'GENERAL', 'GEN.', 'COLONEL', 'COL.', 'MAJOR', 'LT.',
              'CAPTAIN', 'CAPT.', 'KING', 'QUEEN', 'PRINCE', 'PRINCESS', 'EMIR', 'SULTAN',
              'SHAIKH', 'SHEIKH', 'SHEIK', 'MULLAH', 'HAJI', 'MAWLAWI', 'LORD', 'RT.', 'HON.',
              'ADMIRAL', 'MARSHAL', 'FIELD', 'BRIGADIER', 'LIEUTENANT', 'AIR', 'VICE', 'REAR',
              'GEN', 'LTGEN', 'MAJGEN', 'BRIG.', 'MGEN', 'USTAD', 'SAYYID', 'SAYED', 'SEYYED'}
# Diplomats are left out: many later serve international organisations, where a
# "former national official" reading would be wrong (e.g. a UN coordinator).
NOT_CABINET = re.compile(r'(ambassador|permanent representative|representative to|envoy|consul|'
                         r'high commissioner to|charg)', re.I)
# Leading words that are titles of rank only ("GENERAL_X_Y"); stripped to form an alternative.
STRIP_LEAD = {'SIR', 'DAME', 'DR', 'DR.', 'GENERAL', 'GEN.', 'COLONEL', 'COL.', 'MAJOR', 'LT.',
              'CAPTAIN', 'CAPT.', 'LORD', 'ADMIRAL', 'MARSHAL', 'BRIGADIER', 'HAJI', 'MULLAH',
              'MAWLAWI', 'USTAD'}
# Words showing that a <Government> "name" is really a title ("FOREIGN_MINISTER_ABDULLAH_").
JUNK = {'MINISTER', 'ACTING', 'PRESIDENT', 'AMBASSADOR', 'SECRETARY', 'VACANT', 'CHAIRMAN',
        'DIRECTOR', 'GOVERNOR', 'DEPUTY', 'UNKNOWN', 'NONE', 'SPEAKER', 'MINISTRY'}
PARTICLES = {'de', 'da', 'do', 'dos', 'das', 'del', 'della', 'di', 'du', 'van', 'von', 'der',
             'den', 'ter', 'la', 'le', 'y', 'e', 'bin', 'ibn', 'bint', 'ben', 'al', 'el', 'ul',
             'ould', 'ag', 'ter', 'zu', 'und', 'et'}
SUFFIXES = {'JR.', 'JR', 'SR.', 'SR', 'II', 'III', 'IV'}
# Surnames never used alone: frequent in many countries or ordinary words in news.
# Surnames that are also cities news names (dict/actors/cities.tsv): "Lagos" is Nigeria's city
# far more often than Ricardo Lagos; never a bare surname alias.
CITY_NAMES = set()
for _line in open(os.path.join(REPO, 'dict', 'actors', 'cities.tsv'), encoding='utf-8'):
    _f = _line.rstrip('\n').split('\t')
    if not _line.startswith('#') and len(_f) > 2:
        CITY_NAMES.update(unicodedata.normalize('NFKD', a).encode('ascii', 'ignore').decode().lower()
                          for a in _f[2].split('|'))
CITY_NAMES.update({'barrow'})

COMMON_SURNAMES = set('''
kim lee park choi jung kang cho yoon singh khan ali ahmed ahmad hassan hasan hussein husain
hussain mohammed muhammad mohammad mohamed mahmoud mahmud abdullah abdallah ibrahim ismail
jones smith johnson williams taylor davies evans thomas roberts walker wright thompson white
wang zhang chen liu yang huang zhao zhou nguyen tran pham rahman sharif karim rahim aziz
hamid rashid saleh salih khalil omar osman othman usman yusuf youssef yousef mustafa mustapha
haddad said saeed saad suleiman sulayman sleiman salim salem nasser nasir kabir malik shah
gonzalez rodriguez hernandez lopez martinez perez sanchez ramirez garcia fernandez gomez diaz
silva santos pereira ferreira oliveira costa sousa souza martins alves lima ribeiro carvalho
rodrigues gomes lopes mendes nunes soares vieira cardoso teixeira correia pinto moreira
martin bernard dubois petit durand leroy moreau simon laurent michel lefebvre garnier
mueller muller schmidt schneider fischer weber meyer wagner becker schulz hoffmann koch
rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno
ivanov petrov sidorov smirnov popov kuznetsov sokolov volkov morozov novikov pavlov
kumar sharma gupta verma yadav reddy patel shah mehta joshi
tanaka suzuki sato takahashi watanabe ito yamamoto nakamura kobayashi
mensah owusu boateng diallo traore toure kone coulibaly diop ndiaye camara sylla keita sow
ba barry bah cisse sangare ouedraogo sawadogo kabore banda phiri mwale tembo moyo ncube
dlamini nkosi mbeki zulu mokoena okafor adeyemi abubakar musa bello
abbas aziz habib jamal kamal karimi hosseini rezaei mousavi ahmadi mohammadi
charles george francis james henry louis paul peter john joseph david daniel
hughes harris clark clarke lewis robinson allen king scott green baker adams nelson hill
campbell mitchell carter phillips turner torres parker collins edwards stewart morris murphy
cook rogers morgan peterson cooper reed bailey bell kelly howard ward richardson wood watson
brooks bennett gray grey reyes cruz price myers foster sanders powell sullivan russell
ortiz jenkins gutierrez perry butler barnes fisher henderson coleman simmons patterson
reynolds hamilton graham wallace gibson stevens murray ford marshall owens mcdonald harrison
kennedy wells alvarez woods mendoza castillo webb washington tucker freeman burns vasquez
snyder simpson crawford jimenez porter mason shaw gordon hunter romero hicks dixon hunt
palmer robertson holmes stone boyd mills warren ryan weaver daniels stephens gardner payne
dunn pierce arnold spencer peters hawkins hansen jensen nielsen andersen larsen olsen
pedersen johansson andersson karlsson nilsson eriksson larsson jackson harper wilson moore
davis miller anderson thomson mackenzie fraser douglas stuart johnstone williamson
'''.split())
TERRITORIES = set('''ASM AIA ABW BMU VGB CYM FLK FRO GIB GRL GLP GUM GUF PYF MTQ MSR NCL NIU NFK
PCN PRI SHN TKL VIR WLF IOT JEY GGY IMN COK HKG MAC TCA MYT REU CUW SXM ALA MNP ESH'''.split())
NO_SURNAME_ROLE = re.compile(r'\b(governor|commissioner|administrator|resident|representative|'
                             r'syndic|coprince|regent)', re.I)
OUT_HEADER = '''\
# detente actor dictionary: people_history.tsv -- historical office holders with dated roles
# Scope: heads of state and heads of government of every country and dependent territory from
#        1960 (a term running into 1960 is kept whole) to the end of the source (about 2011),
#        and the ministers and other officials of 2003-2011 governments (foreign, defence,
#        interior, finance and other ministers, central bank governors, chiefs of the armed
#        forces; ambassadors and envoys are left out).
# Period: {first} to {last}. Generated {today} by scripts/gen_people_history.py.
# Written by the detente project from public facts (who held which office when), cross-checked
# against /work/shared/corpora/countryinfo_schrodt/ (CountryInfo.120116, CC BY-SA 3.0) and
# /work/shared/corpora/leaders_archigos_and_current/ (Archigos 4.1, CC BY 4.0). Only facts are
# taken from those sources (names, offices, dates); no comment text, formatting or dictionary
# line is copied. Edit the generator, not this file.
# Format (docs/DICTIONARIES.md, kind `person`): CODE<TAB>person<TAB>names<TAB>from<TAB>until<TAB>Canonical Name; Role
#   - codes: country as in countries.tsv + GOV (heads of state and government, ministers,
#     including defence ministers), MIL (armed forces commanders), SPY (intelligence chiefs),
#     LEG (speakers), JUD (chief justices). Historical states are coded as their successor:
#     Soviet Union -> RUS, East and West Germany -> DEU, Yugoslavia and Serbia and Montenegro
#     -> SRB, Czechoslovakia -> CZE, North/South Yemen -> YEM, North/South Vietnam -> VNM.
#   - names: the source's ASCII spelling in proper case, the accented spelling where known,
#     the name without a leading rank (Sir, General) or middle initial, and the bare surname
#     only when it is at least 5 letters (6 for ministers), not an English word, not a place,
#     country or other dictionary phrase, not a frequent surname, and not shared with a
#     person of another country. Persons curated in people_west.tsv / people_east.tsv are
#     left out for the periods those files cover (earlier terms are kept).
#   - dates: ministers' terms are known to the month (first/last day of the month); a term
#     already running in January 2003 starts at 2003-01-01 here (earlier start unknown), a
#     term still running in February 2011 ends at 2011-02-28 (later end not checked).
#     Heads of state or government still in office at compilation end at their Archigos end
#     date when Archigos has the same term, else at 2012-01-16 with a "# check:" comment.
'''


def fold(s):
    """Lower-case ASCII key: accents dropped, punctuation to spaces."""
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("'", '').replace('.', ' ').replace('-', ' ')
    return ' '.join(re.sub(r'[^a-z0-9 ]', ' ', s).split())


def parse_date(s, end=False):
    y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
    if y < 1800 or y > 2100:
        return None
    m = min(max(m, 1), 12)
    last = (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    d = min(max(d, 1), last)
    return dt.date(y, m, d)


def proper(token):
    """One name word in proper case ("D'ESTAING" -> "d'Estaing" is not attempted)."""
    def cap(w):
        if not w:
            return w
        if w.startswith('MC') and len(w) > 3:
            return 'Mc' + w[2:].capitalize()
        if len(w) > 2 and w[1] == "'" and w[0] in 'ODL':
            return w[0] + "'" + w[2:].capitalize()
        if '.' in w:
            return '.'.join(x.capitalize() for x in w.split('.'))
        if w in ('II', 'III', 'IV'):
            return w
        return w.capitalize()
    parts = re.split(r'([-])', token)
    return ''.join(cap(p) if p != '-' else p for p in parts)


def words_of(raw):
    raw = raw.strip().strip('_').replace('__', '_')
    return [w for w in raw.split('_') if w]


def split_names(field):
    """`{A_B_}{C_D_}` or `A_B_` -> word lists; drops `(ACTING`, `, BARON_X` and backquotes."""
    groups = re.findall(r'\{([^}]*)\}', field) or [field]
    out = []
    for g in groups:
        g = g.replace('`', '').replace('\t', ' ')
        g = re.split(r'\s*[(,]', g)[0]
        g = re.sub(r'\s+', '_', g.strip())
        ws = words_of(g)
        if ws:
            out.append(ws)
    return out


def format_name(words):
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i > 0 and i < len(words) - 1 and lw in PARTICLES:
            out.append(lw)
        elif i > 0 and (lw.startswith('al-') or lw.startswith('el-')) and len(lw) > 3:
            out.append(lw[:3] + proper(w[3:]))
        else:
            out.append(proper(w))
    return ' '.join(out)


class Person:
    def __init__(self, code, names, role, start, end, kind, open_end=False, cow=None):
        self.code = code          # full actor code
        self.names = names        # list of word lists (source spellings)
        self.role = role
        self.start = start
        self.end = end
        self.kind = kind          # 'leader' | 'minister'
        self.open_end = open_end
        self.check = ''
        self.extra = []           # extra display names (accented, Archigos)
        self.cow = cow or set()


def role_label(tag):
    tag = re.sub(r'\(.*', '', tag).strip().rstrip(',').strip()
    tag = tag.replace("'S_", "'s ").replace('_', ' ').lower()
    tag = re.sub(r'\s+', ' ', tag)
    if ' and ' in tag and ' of ' not in tag:
        return ' and '.join(role_label(x) for x in tag.split(' and '))
    head, sep, rest = tag.partition(' of ')
    words = head.split(' ')
    w = words[-1]
    irregular = {'chairmen': 'chairman', 'chairwomen': 'chairwoman', 'coprinces': 'coprince',
                 'juntas': 'junta', 'secretaries': 'secretary', 'syndics': 'syndic'}
    if w in irregular:
        w = irregular[w]
    elif w.endswith('ies'):
        w = w[:-3] + 'y'
    elif w.endswith('s') and not w.endswith('ss') and w not in ('heads',):
        w = w[:-1]
    words[-1] = w
    if words[0] == 'heads':
        words[0] = 'head'
    head = ' '.join(words)
    tag = head + (sep + rest if sep else '')
    small = {'of', 'the', 'and', 'for', 'on', 'in'}
    return ' '.join(x if x in small else x[:1].upper() + x[1:] for x in tag.split(' '))


def gov_sector(code_tail, title):
    t = title.lower()
    if code_tail.startswith('MIL') and 'minister' not in t:
        return 'MIL'
    if code_tail.startswith('SPY') or (code_tail == 'GOVSPY' and 'minister' not in t):
        return 'SPY'
    if code_tail == 'GOVMIL' and 'minister' not in t and 'secretary' not in t and (
            'chief of' in t or 'commander' in t or 'armed forces' in t or 'army' in t):
        return 'MIL'
    if code_tail == 'GOVJUD' and ('chief justice' in t or 'supreme court' in t or
                                  'president of the court' in t):
        return 'JUD'
    if code_tail == 'GOVLEG' and ('speaker' in t or 'president of the' in t and
                                  ('assembly' in t or 'parliament' in t or 'senate' in t)):
        return 'LEG'
    return 'GOV'


def read_countryinfo(path):
    text = open(path, 'rb').read().decode('utf-8', 'replace')
    text = text[text.index('-->') + 3:]
    blocks = re.findall(r'<Country>(.*?)</Country>', text, re.S)
    persons = []
    skipped = collections.Counter()
    for b in blocks:
        m = re.search(r'<CountryName>(.*?)</CountryName>', b)
        cname = m.group(1).strip() if m else ''
        m = re.search(r'<CountryCode>(.*?)</CountryCode>', b)
        ccode = m.group(1).strip() if m else ''
        raw_ccode = re.sub(r'\[.*', '', ccode).strip() or '?'
        if cname in NAME_MAP:
            code = NAME_MAP[cname]
        else:
            hist = re.findall(r'\[([A-Z]+) >\d{8}\]', ccode)
            if hist:
                ccode = hist[-1]
            code = CODE_MAP.get(ccode, ccode)
        if not code or not re.fullmatch(r'[A-Z]{3}', code):
            skipped['country:' + cname] += 1
            continue
        m = re.search(r'<COW-Numeric>(\d+)</COW-Numeric>', b)
        cow = {int(m.group(1))} if m and int(m.group(1)) else set()
        cow |= EXTRA_COW.get(code, set())
        # <Leaders>
        m = re.search(r'<Leaders>(.*?)</Leaders>', b, re.S)
        if m:
            role = None
            for line in m.group(1).split('\n'):
                line = line.split('#')[0].rstrip()
                s = line.strip()
                if not s:
                    continue
                if s.startswith('</'):
                    role = None
                    continue
                if s.startswith('<'):
                    role = role_label(s.strip('<>'))
                    continue
                if role is None:
                    skipped['leader line outside a role'] += 1
                    continue
                mm = re.match(r'([^\[]+?)\s*(\[.*)$', s)
                if not mm:
                    skipped['leader line unparsed'] += 1
                    continue
                names = split_names(mm.group(1))
                for spec in re.findall(r'\[([^\]]*)\]', mm.group(2)):
                    spec = spec.strip()
                    if spec.startswith(('B:', 'D:')):
                        continue
                    d = re.fullmatch(r'(\d{8})\s*-\s*(\d{8})', spec)
                    if d:
                        a, z = parse_date(d.group(1)), parse_date(d.group(2), True)
                        if a and z and a <= z:
                            persons.append(Person(code + 'GOV', names, role, a, z, 'leader',
                                                  cow=cow))
                        else:
                            skipped['leader bad dates'] += 1
                        continue
                    d = re.fullmatch(r'>\s*(\d{8})', spec)
                    if d:
                        a = parse_date(d.group(1))
                        persons.append(Person(code + 'GOV', names, role, a, COMPILED, 'leader',
                                              open_end=True, cow=cow))
                        continue
                    skipped['leader date spec ' + spec[:1]] += 1
        # <Government> (Jersey's block repeats the United Kingdom's ministers: not used)
        m = re.search(r'<Government>(.*?)</Government>', b, re.S)
        if m and code != 'JEY':
            for line in m.group(1).split('\n'):
                body, _, title = line.partition('#')
                body = body.strip()
                if not body or body.startswith('<'):
                    continue
                mm = re.match(r'([^\[]+?)\s*(\[.*)$', body)
                if not mm:
                    skipped['gov line unparsed'] += 1
                    continue
                names = split_names(mm.group(1))
                titles = [t.strip().replace('"Acting"', '(acting)').replace('"', '')
                          for t in title.split(' & ') if t.strip()]
                specs = re.findall(r'\[([A-Z]+)\s+([^\]]*)\]', mm.group(2))
                if not specs:
                    skipped['gov no spec'] += 1
                    continue
                codes_in_order = []
                for c, _ in specs:
                    if c not in codes_in_order:
                        codes_in_order.append(c)
                for i, (c, spec) in enumerate(specs):
                    if len(titles) == len(specs):
                        t = titles[i]
                    elif len(titles) == 1:
                        t = titles[0]
                    elif len(titles) == len(codes_in_order):
                        t = titles[codes_in_order.index(c)]
                    else:
                        t = ' / '.join(titles)
                    # Country part of the code.
                    cc = None
                    for pre in sorted(CODE_MAP, key=len, reverse=True):
                        if c.startswith(pre) and len(pre) > 3:
                            cc, tail = CODE_MAP[pre], c[len(pre):]
                            break
                    if cc is None:
                        cc, tail = CODE_MAP.get(c[:3], c[:3]), c[3:]
                    if c.startswith(raw_ccode) and cc != code:
                        cc, tail = code, c[len(raw_ccode):]
                    if cc != code:
                        skipped['gov other country code ' + c] += 1
                        continue
                    if not tail:
                        skipped['gov code without sector'] += 1
                        continue
                    spec = spec.strip()
                    d = re.fullmatch(r'(\d{8})\s*-\s*(\d{8})', spec)
                    if d:
                        a, z = parse_date(d.group(1)), parse_date(d.group(2), True)
                    elif re.fullmatch(r'<\s*\d{8}', spec):
                        a, z = GOV_FIRST, parse_date(spec[1:].strip(), True)
                    elif re.fullmatch(r'>\s*\d{8}', spec):
                        a, z = parse_date(spec[1:].strip()), GOV_LAST
                    else:
                        skipped['gov date spec'] += 1
                        continue
                    if not a or not z or a > z:
                        skipped['gov bad dates'] += 1
                        continue
                    if NOT_CABINET.search(t):
                        skipped['gov diplomat (not cabinet)'] += 1
                        continue
                    persons.append(Person(code + gov_sector(tail, t), names, t or 'Official',
                                          a, z, 'minister', cow=cow))
    return persons, skipped


def read_archigos(path):
    rows = collections.defaultdict(list)
    with open(path, encoding='utf-8', errors='replace') as f:
        for r in csv.DictReader(f):
            try:
                a = dt.date.fromisoformat(r['startdate'])
                z = dt.date.fromisoformat(r['enddate'])
            except ValueError:
                continue
            uri = r.get('dbpediauri', '')
            name = ''
            m = re.search(r'dbpedia\.org_resource_([^&]*)', uri)
            if m:
                enc = re.sub(r'-([0-9A-F]{2})', r'%\1', m.group(1))
                name = urllib.parse.unquote(urllib.parse.unquote(enc)).replace('_', ' ')
                name = re.sub(r'\s*\(.*\)$', '', name).strip()
            rows[int(r['ccode'])].append({'leader': r['leader'], 'start': a, 'end': z,
                                          'still': r['exit'] == 'Still in Office',
                                          'name': name})
    return rows


def read_dict_phrases(repo):
    """Phrases already defined by our other dictionaries: key -> set of (kind, country)."""
    out = collections.defaultdict(set)
    curated = []   # (country, [folded names], from, until)
    adir = os.path.join(repo, 'dict', 'actors')
    for fn in sorted(os.listdir(adir)):
        if not fn.endswith('.tsv') or fn == 'people_history.tsv':
            continue
        for line in open(os.path.join(adir, fn), encoding='utf-8'):
            if line.startswith('#') or not line.strip():
                continue
            f = line.rstrip('\n').split('\t')
            if len(f) < 3:
                continue
            names = [n for n in f[2].split('|') if n]
            a = z = None
            if f[1] == 'person':
                a = dt.date.fromisoformat(f[3]) if len(f) > 3 and f[3] else dt.date(1, 1, 1)
                z = dt.date.fromisoformat(f[4]) if len(f) > 4 and f[4] else dt.date(9999, 1, 1)
                curated.append((f[0][:3], [fold(n) for n in names], a, z))
            for n in names:
                out[fold(n)].add((f[1], f[0][:3], a, z))
    for line in open(os.path.join(repo, 'dict', 'agents.tsv'), encoding='utf-8'):
        if line.startswith('#'):
            continue
        f = line.rstrip('\n').split('\t')
        if len(f) >= 3:
            for n in f[2].split('|'):
                out[fold(n)].add(('agent', '', None, None))
    return out, curated


def english_words():
    words = set()
    path = '/usr/share/festival/dicts/wsj.wp39.poslexR'
    if not os.path.exists(path):
        return words
    for line in open(path, encoding='latin-1'):
        m = re.match(r'\("([^"]+)" \((.*)\) \(\) \)', line)
        if not m:
            continue
        tags = re.findall(r'\((\w+) ', m.group(2))
        if any(t not in ('nnp', 'nnps') for t in tags):
            words.add(m.group(1).lower())
    wn = '/usr/share/wordnet'
    for pos in ('adj', 'adv', 'verb'):
        p = os.path.join(wn, 'index.' + pos)
        if os.path.exists(p):
            for line in open(p, encoding='latin-1'):
                if not line.startswith(' '):
                    words.add(line.split(' ', 1)[0].replace('_', ' '))
    return words


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(REPO), 'shared'))
    ap.add_argument('--out', default=os.path.join(REPO, 'dict', 'actors', 'people_history.tsv'))
    ap.add_argument('--report', action='store_true')
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(args.shared, 'corpora')):
        args.shared = '/work/shared'
    ci = os.path.join(args.shared, 'corpora', 'countryinfo_schrodt', 'CountryInfo.120116.txt')
    ar = os.path.join(args.shared, 'corpora', 'leaders_archigos_and_current',
                      'Archigos_4.1_leaders.csv')
    persons, skipped = read_countryinfo(ci)
    for code, names, a, z, role in MANUAL:
        persons.append(Person(code, [words_of(n) for n in names], role,
                              dt.date.fromisoformat(a), dt.date.fromisoformat(z), 'leader'))
    archigos = read_archigos(ar)
    phrases, curated = read_dict_phrases(REPO)
    english = english_words()
    log = []

    # Scope: terms that end on or after 1960-01-01.
    persons = [p for p in persons if p.end >= SCOPE_FROM]

    # Clean names; drop entries without a usable name.
    kept = []
    for p in persons:
        names = []
        for ws in p.names:
            if any('\ufffd' in w or not re.fullmatch(r"[A-Z][A-Z.'\-]*", w) for w in ws):
                continue
            if p.kind == 'minister' and (any(w in JUNK for w in ws) or len(ws) < 2):
                continue
            ws = [w for w in ws]
            if ws and ws not in names:
                names.append(ws)
        if not names:
            skipped['unusable name ' + p.kind] += 1
            continue
        p.names = names
        kept.append(p)
    persons = kept

    # Archigos cross-check: same country, surname in the Archigos record, start within 31 days.
    for p in persons:
        if p.kind != 'leader':
            continue
        surname = fold(' '.join(w for w in p.names[0] if w not in SUFFIXES)).split(' ')[-1]
        best = None
        for cow in p.cow:
            for r in archigos.get(cow, []):
                if abs((r['start'] - p.start).days) > 31:
                    continue
                key = fold(r['leader']) + ' ' + fold(r['name'])
                if surname in key.split(' '):
                    best = r
        if not best:
            if p.open_end:
                p.check = 'still in office at compilation (2012-01-16); end not checked'
            continue
        if best['name'] and len(best['name'].split()) >= 2:
            p.extra.append(best['name'])
        if p.open_end:
            if not best['still'] and best['end'] >= dt.date(2011, 1, 1):
                p.end = best['end']
                log.append(f'end from Archigos: {p.code} {p.names[0]} {p.end}')
            else:
                p.end = COMPILED
                p.check = ('still in office at compilation (2012-01-16); Archigos: in office '
                           'until at least ' + best['end'].isoformat())

    # Curated people: drop the parts of terms that people_west/people_east cover.
    cur_by = collections.defaultdict(list)
    for c, names, a, z in curated:
        for n in names:
            if ' ' in n:
                cur_by[(c, n)].append((a, z))
    kept = []
    for p in persons:
        c = p.code[:3]
        spans = []
        for ws in p.names:
            spans += cur_by.get((c, fold(' '.join(ws))), [])
        for e in p.extra:
            spans += cur_by.get((c, fold(e)), [])
        if spans:
            first = min(a for a, z in spans)
            if any(a <= p.end and p.start <= z for a, z in spans):
                if p.start < first:
                    p.end = first - dt.timedelta(days=1)
                    p.open_end = False
                    p.check = ''
                    log.append(f'clipped (curated from {first}): {p.code} {p.names[0]}')
                else:
                    log.append(f'dropped (curated): {p.code} {p.names[0]} {p.start}')
                    continue
        kept.append(p)
    persons = kept

    # Display forms.
    def displays(p):
        out = []
        for ws in p.names:
            core = [w for w in ws]
            out.append(format_name(core))
            while core and core[0] in STRIP_LEAD and len(core) > 2:
                core = core[1:]
                out.append(format_name(core))
            if any(re.fullmatch(r'[A-Z]\.', w) for w in core[1:-1]):
                out.append(format_name([w for i, w in enumerate(core)
                                        if not (0 < i < len(core) - 1 and
                                                re.fullmatch(r'[A-Z]\.', w))]))
        if len(out) > 1 and p.names[0][0] in STRIP_LEAD:
            out = out[1:] + out[:1]
        folded = {fold(x) for x in out}
        for e in p.extra:
            if fold(e) in folded or len(e.split()) >= 2:
                out.append(e)
        seen, res = set(), []
        for x in out:
            if x not in seen:
                seen.add(x)
                res.append(x)
        return res

    def surname_of(p):
        ws = [w for w in p.names[0] if w not in SUFFIXES]
        while ws and ws[0] in HONORIFICS and len(ws) > 1:
            ws = ws[1:]
        if len(ws) < 2:
            return None
        n = 1
        if p.code[:3] in HISPANIC and len(ws) >= 3 and ws[-2].lower() not in PARTICLES:
            ws = ws[:-1]          # paternal surname before the maternal one
        while len(ws) > n + 1 and ws[-n - 1].lower() in PARTICLES:
            n += 1                # "ben Bella", "de Villepin"
        full = format_name(ws)
        last = full[len(format_name(ws[:-n])) + 1:]
        return last[:1].upper() + last[1:]

    # Surname -> (country, from, until, leader?) over our persons and the curated ones.
    sur_index = collections.defaultdict(list)
    for p in persons:
        for ws in p.names:
            if len(ws) >= 2:
                s = fold(ws[-1])
                sur_index[s].append((p.code[:3], p.start, p.end, p.kind == 'leader'))
                if s.startswith(('al ', 'el ')):
                    sur_index[s[3:]].append((p.code[:3], p.start, p.end, p.kind == 'leader'))
    for (c, n), spans in cur_by.items():
        for a, z in spans:
            sur_index[n.split(' ')[-1]].append((c, a, z, True))
    # Full name -> terms: a full name of two countries is dropped where their terms overlap.
    full_index = collections.defaultdict(list)
    for p in persons:
        for d in displays(p):
            full_index[fold(d)].append((p.code[:3], p.start, p.end))
    NEARBY = dt.timedelta(days=3652)
    # Words used as given names (first word of a name): never a bare surname alias.
    given = set()
    for p in persons:
        for ws in p.names:
            ws2 = [w for w in ws if w not in HONORIFICS]
            if len(ws2) >= 2:
                given.add(fold(ws2[0]))
    for c, names, a, z in curated:
        for n in names:
            if ' ' in n:
                given.add(n.split(' ')[0])

    def gap(a1, z1, a2, z2):
        if z1 < a2:
            return a2 - z1
        if z2 < a1:
            return a1 - z2
        return dt.timedelta(0)

    def ok_full(key, c, a, z):
        for kind, c2, a2, z2 in phrases.get(key, ()):
            if kind != 'person':
                return False
            if c2 != c and gap(a, z, a2, z2) <= dt.timedelta(days=1):
                return False
        for c2, a2, z2 in full_index.get(key, ()):
            if c2 != c and gap(a, z, a2, z2) <= dt.timedelta(days=1):
                return False
        return True

    def surname_conflict(key, c, a, z, leader):
        for c2, a2, z2, lead2 in sur_index.get(key, ()):
            if c2 != c and (lead2 or not leader) and gap(a, z, a2, z2) <= NEARBY:
                return True
        return False

    NO_SURNAME = {'CHN', 'TWN', 'KOR', 'PRK', 'HKG', 'MAC', 'MMR', 'KHM', 'MNG', 'VNM', 'LAO',
                  'THA', 'ISL'}
    MAJOR = re.compile(r'^((deputy |first )?prime minister|(first )?vice[- ]president$|'
                       r'minister (of|for) (the )?(foreign|external|defen[cs]e|national defen[cs]e|'
                       r'interior|home affairs|finance))', re.I)

    def ok_phrase(key, country):
        for kind, c, _, _ in phrases.get(key, ()):
            if kind != 'person' or c != country:
                return False
        return True

    lines_by_country = collections.defaultdict(list)
    dropped_alias = collections.Counter()
    for p in persons:
        c = p.code[:3]
        names = []
        for d in displays(p):
            k = fold(d)
            if not ok_full(k, c, p.start, p.end):
                dropped_alias['full name clash: ' + d] += 1
                continue
            if len(k.split(' ')) == 1 and (len(k) < 5 or k in english or k in COMMON_SURNAMES or
                                           k in CITY_NAMES):
                dropped_alias['mononym: ' + d] += 1
                continue
            names.append(d)
        sur = surname_of(p)
        if sur and c not in NO_SURNAME and c not in TERRITORIES and \
                not NO_SURNAME_ROLE.search(p.role) and (p.kind == 'leader' or MAJOR.search(p.role)):
            cands = [sur]
            m = re.match(r'(?i)(al|el|as|ash|ad|an|ar|at|az)-', sur)
            if m:
                cands.append(proper(sur[m.end():].upper()))
            for s in cands:
                k = fold(s)
                minlen = 5 if p.kind == 'leader' else 6
                why = None
                if len(k.replace(' ', '')) < minlen:
                    why = 'short'
                elif k in COMMON_SURNAMES or any(x in COMMON_SURNAMES for x in k.split()):
                    why = 'common'
                elif k in english or any(x in english for x in k.split(' ')):
                    why = 'english'
                elif k in given:
                    why = 'given name'
                elif k in CITY_NAMES:
                    why = 'city'
                elif surname_conflict(k, c, p.start, p.end, p.kind == 'leader'):
                    why = 'other country'
                elif not ok_phrase(k, c):
                    why = 'dictionary phrase'
                if why:
                    dropped_alias[why] += 1
                    if p.kind == 'leader':
                        log.append(f'surname {s!r} of {names[0] if names else p.names[0]} '
                                   f'({c}) not used: {why}')
                    continue
                if s not in names:
                    names.append(s)
        if not names or ' ' not in names[0] and len(names) == 1 and p.kind == 'minister':
            dropped_alias['person without names'] += 1
            continue
        canonical = names[0]
        label = f'{canonical}; {p.role}'
        lines_by_country[c].append((p.start, p.kind != 'leader', p, names, label))

    # Output.
    out = []
    first = min(p.start for p in persons)
    last = max(p.end for p in persons)
    out.append(OUT_HEADER.format(first=first.isoformat(), last=last.isoformat(),
                                 today=dt.date.today().isoformat()).rstrip('\n'))
    n_lines = 0
    persons_set = set()
    for c in sorted(lines_by_country):
        rows = lines_by_country[c]
        rows.sort(key=lambda r: (r[1], r[0], r[4]))
        out.append(f'# === {c}')
        seen = set()
        for start, is_min, p, names, label in rows:
            line = '\t'.join([p.code, 'person', '|'.join(names), p.start.isoformat(),
                              p.end.isoformat(), label])
            if line in seen:
                continue
            seen.add(line)
            if p.check:
                out.append(f'# check: {names[0]}: {p.check}')
            out.append(line)
            n_lines += 1
            persons_set.add((c, fold(names[0])))
    with open(args.out, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out) + '\n')
    print(f'{args.out}: {n_lines} lines, {len(persons_set)} persons, '
          f'{len(lines_by_country)} countries, {first} .. {last}', file=sys.stderr)
    if args.report:
        for k, v in sorted(skipped.items()):
            print(f'skipped {k}: {v}', file=sys.stderr)
        for k, v in dropped_alias.most_common():
            if v > 1 or not k.startswith(('full', 'mono')):
                pass
        print('aliases dropped:', dict(collections.Counter(
            k.split(':')[0] for k in dropped_alias.elements())), file=sys.stderr)
        for l in log:
            print(l, file=sys.stderr)


if __name__ == '__main__':
    main()
