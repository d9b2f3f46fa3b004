#!/usr/bin/env python3
"""Writes the extra unlabeled text for the NER word clusters (ner-clusters.tsv) into a scratch directory.

Nothing written here is committed: the files only feed `dossier train clusters` (see docs/ner.md).
  - GUM (../shared/data/gum/xml): the token column of every document, one sentence per block, as a CoNLL-style
    file `gum.conll` (`token O` lines; a `-DOCSTART-` line before each document);
  - TimeBank and AQUAINT (../shared/data/time/tbaq): the text inside <TEXT> of each .tml file, tags removed,
    one plain-text file per document under `tbaq/`.

Usage: python3 Scripts/ner-unlabeled-text.py [../shared/data] [/tmp/ner/unl]
"""
import glob, html, os, re, sys

data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/ner/unl"
os.makedirs(os.path.join(out, "tbaq"), exist_ok=True)

with open(os.path.join(out, "gum.conll"), "w") as f:
    for path in sorted(glob.glob(os.path.join(data, "gum/xml/*.xml"))):
        f.write("-DOCSTART- O\n\n")
        for line in open(path, encoding="utf8"):
            if line.startswith("<"):
                if line.startswith("</s>"):
                    f.write("\n")
                continue
            token = line.split("\t")[0].strip()
            if token:
                f.write(token + " O\n")

n = 0
for path in sorted(glob.glob(os.path.join(data, "time/tbaq/*/*.tml"))):
    m = re.search(r"<TEXT>(.*)</TEXT>", open(path, encoding="utf8").read(), re.S)
    if not m:
        continue
    text = html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
    with open(os.path.join(out, "tbaq", os.path.basename(path) + ".txt"), "w") as f:
        f.write(text)
    n += 1
print(f"gum.conll and {n} TimeBank/AQUAINT texts -> {out}")
