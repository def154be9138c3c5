"""Write ``badge_widths.json`` (beside ``core/edition/outputs/badges.py``): the advance widths
badges are measured with.

A badge's width is computed from its text, so the build needs each character's advance width
in the badge's font. Font files are not on every machine that builds a site, so the widths are
read once, here, from DejaVu Sans (the font badges name after Verdana, whose Latin metrics it
follows closely) and committed as data. Nothing at build time needs a font or this script.

The table, in font units:

- ``advances``: the characters DejaVu Sans has among printable ASCII, Latin-1
  (U+00A0-U+00FF) and the Arabic block (U+0600-U+06FF); an Arabic letter in its isolated form.
- ``forms``: for each Arabic letter of that block, the width of its ``initial``, ``medial`` and
  ``final`` forms (read from the font's glyphs for the Arabic Presentation Forms that decompose
  to it). A letter with an initial form joins on both sides, one with only a final form joins
  to the letter before it. Joined forms are much narrower than isolated ones (about 30 % on
  the site's labels), which is why the isolated widths alone would not do.
- ``ligatures``: the mandatory lam-alef ligatures, ``isolated`` and ``final``, keyed by the
  two code points they replace (``"0644 0627"``).

To regenerate (dev machine only; neither package is a dependency of nabd)::

    apt-get install -y fonts-dejavu-core
    .venv/bin/pip install fonttools
    .venv/bin/python tools/make_badge_widths.py
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
OUTPUT = (
    Path(__file__).resolve().parent.parent
    / "plugin"
    / "nabd"
    / "core"
    / "edition"
    / "outputs"
    / "badge_widths.json"
)
RANGES = ((0x20, 0x7E), (0xA0, 0xFF), (0x600, 0x6FF))
PRESENTATION_FORMS = (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00))
ARABIC = range(0x600, 0x700)
LAM = "0644"
ALEFS = frozenset({"0622", "0623", "0625", "0627"})


def tables(font: TTFont) -> dict[str, Any]:
    cmap = font.getBestCmap()
    metrics = font["hmtx"]

    def width(code: int) -> int:
        return metrics[cmap[code]][0]

    advances = {
        f"{code:04X}": width(code)
        for first, last in RANGES
        for code in range(first, last + 1)
        if code in cmap
    }
    forms: dict[str, dict[str, int]] = {}
    ligatures: dict[str, dict[str, int]] = {}
    for code in PRESENTATION_FORMS:
        decomposition = unicodedata.decomposition(chr(code)).split()
        if code not in cmap or len(decomposition) < 2 or not decomposition[0].startswith("<"):
            continue
        form, *parts = decomposition
        form = form.strip("<>")
        if len(parts) == 1 and int(parts[0], 16) in ARABIC and form != "isolated":
            forms.setdefault(parts[0], {})[form] = width(code)
        elif len(parts) == 2 and parts[0] == LAM and parts[1] in ALEFS:
            ligatures.setdefault(" ".join(parts), {})[form] = width(code)
    return {"advances": advances, "forms": forms, "ligatures": ligatures}


def main() -> None:
    font = TTFont(FONT)
    table = {
        "font": f"{font['name'].getDebugName(4)} {font['name'].getDebugName(5)}",
        "units_per_em": font["head"].unitsPerEm,
        **tables(font),
    }
    OUTPUT.write_text(json.dumps(table, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    sys.stdout.write(f"{OUTPUT}: {len(table['advances'])} characters\n")


if __name__ == "__main__":
    main()
