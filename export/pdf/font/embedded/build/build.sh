#!/usr/bin/env bash
# Rebuilds export/pdf/font/embedded/wqy-microhei-subset.ttf, statbrief's
# default font, and its licence file from Debian's fonts-wqy-microhei
# (WenQuanYi Micro Hei, Apache-2.0 or GPL-3+ with font exception). Needs
# fonts-wqy-microhei and fonttools (pyftsubset, python3-fonttools):
#
#   apt-get update && apt-get install -y fonts-wqy-microhei fonttools
#   export/pdf/font/embedded/build/build.sh
#
# Run it again whenever the dataset (seeds/data) or the document texts
# (report, model, export) gain characters: it fails when the source font
# lacks one of them. The output is deterministic: same inputs (package
# versions printed below), same bytes; SHA256SUMS records them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/.." && pwd)
repo=$(cd "$here/../../../../.." && pwd)
seeds="${SEEDS:-$repo/../shared/seeds}"
src=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
py=/usr/bin/python3 # Debian's python3, which has python3-fonttools

for t in pyftsubset "$py"; do command -v "$t" >/dev/null || { echo "build.sh: missing $t" >&2; exit 1; }; done
[ -f "$src" ] || { echo "build.sh: missing $src (apt-get install fonts-wqy-microhei)" >&2; exit 1; }
[ -d "$seeds" ] || { echo "build.sh: no seed texts at $seeds (set SEEDS)" >&2; exit 1; }
dpkg-query -W fonts-wqy-microhei fonttools 2>/dev/null || true

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$py" "$here/charset.py" "$repo" "$seeds" > "$tmp/unicodes.txt"
"$py" "$here/charset.py" "$repo" "$seeds" --required > "$tmp/required.txt"
echo "code points requested: $(wc -l < "$tmp/unicodes.txt"), required: $(wc -l < "$tmp/required.txt")"

# Face 0 of the collection is "WenQuanYi Micro Hei" (1 is the Mono face).
# Keep TrueType outlines (glyf), drop hinting and OpenType layout
# (gofpdf uses neither), keep the naming and licence records, no glyph
# names (post format 3) and the source's timestamp for reproducibility.
pyftsubset "$src" --font-number=0 \
  --unicodes-file="$tmp/unicodes.txt" \
  --output-file="$tmp/font.ttf" \
  --no-hinting --layout-features='' \
  --drop-tables+=vhea,vmtx,GSUB,GPOS,GDEF,BASE,JSTF,DSIG,gasp,hdmx,LTSH,VDMX,kern,FFTM \
  --name-IDs=0,1,2,3,4,5,6,13,14 --name-languages='*' \
  --no-glyph-names --notdef-outline --recommended-glyphs \
  --no-recalc-timestamp

# Every required character must be in the font: a dataset or document
# text the font cannot set would fail to render.
"$py" - "$tmp/font.ttf" "$tmp/required.txt" <<'EOF'
import sys
from fontTools.ttLib import TTFont
cmap = TTFont(sys.argv[1]).getBestCmap()
want = [int(l.strip()[2:], 16) for l in open(sys.argv[2]) if l.strip()]
missing = [c for c in want if c not in cmap]
if missing:
    sys.exit("build.sh: the source font lacks " + " ".join("U+%04X %s" % (c, chr(c)) for c in missing))
print("characters in the font: %d (all %d required ones)" % (len(cmap), len(want)))
EOF

cp "$tmp/font.ttf" "$out/wqy-microhei-subset.ttf"
{ cat /usr/share/doc/fonts-wqy-microhei/copyright; printf "\n\n==== Full text of the Apache License, Version 2.0 ====\n\n"; cat /usr/share/common-licenses/Apache-2.0; } > "$out/LICENSE-wqy-microhei.txt"
(cd "$out" && sha256sum wqy-microhei-subset.ttf > SHA256SUMS)
ls -l "$out/wqy-microhei-subset.ttf"
