#!/usr/bin/env python3
"""Builds Dossier's compact place gazetteer, Sources/DossierCore/Resources/places/gazetteer.tsv.

Reads facts only (names, codes, coordinates, populations) from ../shared/data/gazetteers:
  geonames/cities5000.json, countries.json (GeoNames, CC BY 4.0)
  countryinfo/data/*.json (MIT): country names, spellings, representative points
  mordecai/admin1CodesASCII.json (MIT; GeoNames admin1 names)
and the project's own Sources/DossierCore/Resources/places/features.tsv.

Output, one place per line, tab-separated:
  key  name  othernames(|)  country(ISO3)  admin1  lat  lon  population  featureClass  geonameid
key: "g<geonameid>" for GeoNames places, "d:<slug>" for the project's own features.
featureClass: GeoNames' classes: A (country, first-level division), P (city), H (water), L (region), T (relief).
Usage: python3 Scripts/build-places.py [--shared ../shared] [--out PATH]
"""
import argparse, glob, json, os, re, unicodedata

LATIN = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F' .\-]{1,40}$")

def latin_names(names, exclude):
    seen, out = set(), []
    for n in names:
        n = n.strip()
        if not LATIN.match(n) or n in exclude or n.lower() in seen:
            continue
        seen.add(n.lower())
        out.append(n)
    return out

def clean(s):
    return str(s).replace("\t", " ").replace("|", " ").strip()

def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(root), "shared"))
    ap.add_argument("--out", default=os.path.join(root, "Sources/DossierCore/Resources/places/gazetteer.tsv"))
    ap.add_argument("--max-names", type=int, default=5)
    a = ap.parse_args()
    g = os.path.join(a.shared, "data/gazetteers")

    countries = json.load(open(os.path.join(g, "geonames/countries.json")))
    iso2to3 = {k: v["iso3"] for k, v in countries.items()}
    info = {}
    for f in glob.glob(os.path.join(g, "countryinfo/data/*.json")):
        d = json.load(open(f))
        iso = (d.get("ISO") or {}).get("alpha3")
        if iso:
            info[iso] = d
    admin1 = json.load(open(os.path.join(g, "mordecai/admin1CodesASCII.json")))
    cities = json.load(open(os.path.join(g, "geonames/cities5000.json")))

    rows = []
    # Countries: GeoNames ids and names, representative points from countryinfo.
    for iso2, c in sorted(countries.items()):
        iso3 = c["iso3"]
        d = info.get(iso3, {})
        latlng = d.get("latlng") or []
        if len(latlng) != 2:
            continue
        names = [c["name"]] + list(d.get("altSpellings") or [])
        if d.get("name"):
            names.append(d["name"])
        others = latin_names(names, {c["name"], iso2, iso3})
        others = [n for n in others if len(n) > 3][: a.max_names]
        rows.append(("g%d" % c["geonameid"], clean(c["name"]), "|".join(map(clean, others)), iso3, "",
                     float(latlng[0]), float(latlng[1]), int(c.get("population") or 0), "A", c["geonameid"]))

    # First-level divisions: a point from the population-weighted mean of their cities.
    sums = {}
    for c in cities.values():
        key = "%s.%s" % (c["countrycode"], c["admin1code"])
        w = max(int(c["population"] or 0), 1)
        s = sums.setdefault(key, [0.0, 0.0, 0.0, 0])
        s[0] += c["latitude"] * w; s[1] += c["longitude"] * w; s[2] += w; s[3] += int(c["population"] or 0)
    for key, name in sorted(admin1.items()):
        iso2 = key.split(".")[0]
        if key not in sums or iso2 not in iso2to3:
            continue
        s = sums[key]
        rows.append(("a:" + key, clean(name), "", iso2to3[iso2], "", s[0] / s[2], s[1] / s[2], s[3], "A", ""))

    # Cities of 5,000 people or more.
    for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        iso3 = iso2to3.get(c["countrycode"])
        if not iso3:
            continue
        others = latin_names(c.get("alternatenames") or [], {c["name"]})
        ascii_name = unicodedata.normalize("NFKD", c["name"]).encode("ascii", "ignore").decode()
        if ascii_name and ascii_name != c["name"] and ascii_name not in others:
            others.insert(0, ascii_name)
        a1 = admin1.get("%s.%s" % (c["countrycode"], c["admin1code"]), "")
        # Alternate names cost space and bring ambiguity. Kept: forms that share a word with the name ("New York"
        # for "New York City"), in ASCII first; the largest cities also keep a few unrelated ASCII names
        # (historic or English exonyms such as "Peking"). Small towns keep only an ASCII spelling of the name.
        pop = int(c["population"] or 0)
        words = set(w.lower() for w in re.split(r"[ \-]", c["name"]) if len(w) > 2)
        def related(n):
            return bool(words & set(w.lower() for w in re.split(r"[ \-]", n)))
        ranked = sorted(others, key=lambda n: (not related(n), not n.isascii(), len(n)))
        keep = []
        for n in ranked:
            if pop >= 1000000 and n.isascii() and len(keep) < a.max_names:
                keep.append(n)
            elif pop >= 15000 and related(n) and len(keep) < 3:
                keep.append(n)
        if ascii_name and ascii_name != c["name"] and ascii_name not in keep:
            keep.insert(0, ascii_name)
        a1 = admin1.get("%s.%s" % (c["countrycode"], c["admin1code"]), "")
        rows.append(("g%s" % gid, clean(c["name"]), "|".join(map(clean, keep)), iso3, clean(a1),
                     c["latitude"], c["longitude"], pop, "P", int(gid)))

    # The project's own features.
    for line in open(os.path.join(root, "Sources/DossierCore/Resources/places/features.tsv"), encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.rstrip("\n").split("\t")
        rows.append(("d:" + f[0], f[1], f[2], "" if f[3] == "-" else f[3], "", float(f[4]), float(f[5]),
                     int(f[7]), f[6], ""))

    with open(a.out, "w", encoding="utf-8") as out:
        out.write("# Dossier place gazetteer, built by Scripts/build-places.py. Facts from GeoNames (CC BY 4.0),\n")
        out.write("# countryinfo (MIT), mordecai (MIT) and the project's features.tsv. See NOTICE.\n")
        out.write("# key\tname\tothernames\tcountry\tadmin1\tlat\tlon\tpopulation_or_radius_km\tfeatureClass\tgeonameid\n")
        for r in rows:
            out.write("%s\t%s\t%s\t%s\t%s\t%.3f\t%.3f\t%d\t%s\t%s\n" % r)
    print("wrote %d places to %s (%d bytes)" % (len(rows), a.out, os.path.getsize(a.out)))

if __name__ == "__main__":
    main()
