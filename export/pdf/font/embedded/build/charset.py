#!/usr/bin/env python3
"""Print the code points statbrief's embedded default font keeps, one
U+XXXX per line, sorted.

Usage: charset.py REPO SEEDDIR [--required]

The font keeps every character a document built from the embedded dataset
can contain, with room for the dataset to grow:

  - every character of the seed texts (SEEDDIR/*.txt, the traditional ones
    of 002 included), of the embedded dataset (REPO/seeds/data/*.json: it
    names indicators the texts do not spell the same way) and of the
    string literals of the Go code that writes document text (REPO/report,
    REPO/model, REPO/export: labels, units, section titles, furniture);
  - all 6,763 GB 2312 hanzi and GB 2312's non-hanzi rows;
  - all of CJK Unified Ideographs (U+4E00-U+9FFF: GBK's and Big5's hanzi,
    rare place and species names);
  - ASCII, Latin-1 and the punctuation, symbol and full-width blocks a
    Chinese statistical briefing uses.

With --required only the first group is printed: build.sh fails when the
source font lacks any of them.
"""
import glob
import os
import re
import sys

# Go tokens that can hold text: comments (skipped), interpreted and raw
# string literals and rune literals (kept).
GO_TOKEN = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|`[^`]*`|\'(?:\\.|[^\'\\\n])+\'', re.S)


def go_literals(src):
    """The text of the string and rune literals of Go source src."""
    return "".join(m.group(0) for m in GO_TOKEN.finditer(src) if not m.group(0).startswith("/"))


def required(repo, seeddir):
    cps = set()
    paths = sorted(glob.glob(os.path.join(seeddir, "*.txt")))
    if not paths:
        sys.exit("charset.py: no seed texts in %s" % seeddir)
    paths += sorted(glob.glob(os.path.join(repo, "seeds", "data", "*.json")))
    for path in paths:
        with open(path, encoding="utf-8") as f:
            cps.update(ord(c) for c in f.read())
    # the string literals of the code that writes document text (tests
    # hold deliberate oddities such as emoji: not those)
    for d in ("report", "model", "export"):
        for p in sorted(glob.glob(os.path.join(repo, d, "**", "*.go"), recursive=True)):
            if not p.endswith("_test.go"):
                with open(p, encoding="utf-8") as f:
                    cps.update(ord(c) for c in go_literals(f.read()))
    # controls are never set; characters above U+FFFF cannot be (gofpdf
    # writes a format 4 cmap only)
    return {c for c in cps if c >= 0x20 and not (0x7F <= c < 0xA0) and c <= 0xFFFF}


def everything(repo, seeddir):
    cps = required(repo, seeddir)
    # GB 2312: rows 1-9 (punctuation, full-width, kana, Greek, Cyrillic)
    # and the hanzi rows 16-87 (bytes 0xB0-0xF7), cells 0xA1-0xFE.
    for b1 in list(range(0xA1, 0xAA)) + list(range(0xB0, 0xF8)):
        for b2 in range(0xA1, 0xFF):
            try:
                cps.add(ord(bytes([b1, b2]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    ranges = [
        (0x0020, 0x007E),  # ASCII
        (0x00A0, 0x00FF),  # Latin-1
        (0x2000, 0x206F),  # General Punctuation
        (0x2070, 0x209F),  # super/subscripts
        (0x20A0, 0x20CF),  # currency
        (0x2100, 0x214F),  # letterlike (℃ № ™)
        (0x2150, 0x218F),  # number forms (Ⅰ Ⅱ ⅰ)
        (0x2190, 0x21FF),  # arrows
        (0x2200, 0x22FF),  # mathematical operators (± × ÷ ≈ ≤ ≥)
        (0x2460, 0x24FF),  # enclosed alphanumerics (① ⑴ ⒈)
        (0x2500, 0x257F),  # box drawing
        (0x25A0, 0x25FF),  # geometric shapes (▲ ▼ ■ □ ● ○ ◆)
        (0x2600, 0x26FF),  # misc symbols (★ ☆)
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3200, 0x32FF),  # enclosed CJK (㈠ ㊣)
        (0x3300, 0x33FF),  # CJK compatibility (㎡ ㎞ ㎏)
        (0x4E00, 0x9FFF),  # CJK Unified Ideographs
        (0xFE30, 0xFE4F),  # CJK compatibility forms
        (0xFF00, 0xFFEF),  # half-width and full-width forms
    ]
    for a, b in ranges:
        cps.update(range(a, b + 1))
    cps.update([0x25A1, 0xFFFD])  # replacement marks
    return cps


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    if len(args) != 2:
        sys.exit(__doc__)
    repo, seeddir = args
    cps = required(repo, seeddir) if "--required" in sys.argv else everything(repo, seeddir)
    for c in sorted(cps):
        print("U+%04X" % c)


main()
