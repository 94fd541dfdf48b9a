"""Make the static EB Garamond faces the book uses from the variable fonts.

WeasyPrint instantiates a variable font at each weight every time it writes a
PDF, which cost about 0.7 s per PDF; static faces made once are embedded
directly. Run with the variable fonts of the `fontpkg-eb-garamond` package
(OFL 1.1, no Reserved Font Name, so the faces keep their name):

    pip install fontpkg-eb-garamond==1.3
    python tools/static_fonts.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.varLib.instancer import OverlapMode, instantiateVariableFont

OUT = Path(__file__).resolve().parent.parent / "templates" / "fonts"
FACES = {  # file stem -> (variable font, weight)
    "EBGaramond-Regular": ("EBGaramond[wght].ttf", 400),
    "EBGaramond-SemiBold": ("EBGaramond[wght].ttf", 600),
    "EBGaramond-Bold": ("EBGaramond[wght].ttf", 700),
    "EBGaramond-Italic": ("EBGaramond-Italic[wght].ttf", 400),
    "EBGaramond-SemiBoldItalic": ("EBGaramond-Italic[wght].ttf", 600),
    "EBGaramond-BoldItalic": ("EBGaramond-Italic[wght].ttf", 700),
}


def main() -> None:
    if len(sys.argv) > 1:
        source = Path(sys.argv[1])
    else:
        import fontpkg_eb_garamond

        source = Path(fontpkg_eb_garamond.__file__).parent / "files"
    for stem, (variable, weight) in FACES.items():
        font = TTFont(source / variable)
        static = instantiateVariableFont(
            font, {"wght": weight}, updateFontNames=True, overlap=OverlapMode.KEEP_AND_SET_FLAGS
        )
        # A fixed timestamp keeps the files identical from one run to the next.
        static["head"].created = static["head"].modified = font["head"].created
        static.save(OUT / f"{stem}.ttf", reorderTables=True)
        print(stem, (OUT / f"{stem}.ttf").stat().st_size)


if __name__ == "__main__":
    main()
