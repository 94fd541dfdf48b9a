"""The EPUB's cover image, drawn by the build from the metadata and the vendored font."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

WIDTH, HEIGHT = 1600, 2560
INK = (245, 240, 228)
GROUND = (38, 52, 64)
ACCENT = (196, 160, 92)


def _font(path: Path, size: int, weight: int):
    from PIL import ImageFont

    font = ImageFont.truetype(str(path), size)
    try:
        font.set_variation_by_axes([weight])
    except (OSError, AttributeError):  # a static font has no axes to set
        pass
    return font


def draw_cover(title: str, subtitle: str, author: str, fonts: Path) -> bytes:
    """A PNG cover: title, author and subtitle set in EB Garamond. Deterministic bytes."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), GROUND)
    draw = ImageDraw.Draw(image)
    regular = fonts / "EBGaramond-Regular.ttf"
    italic = fonts / "EBGaramond-Italic.ttf"

    def centred(text: str, y: int, font, fill=INK) -> int:
        left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
        draw.text(((WIDTH - (right - left)) / 2 - left, y), text, font=font, fill=fill)
        return y + (bottom - top)

    draw.rectangle((110, 110, WIDTH - 110, HEIGHT - 110), outline=ACCENT, width=6)
    y = 520
    title_font = _font(regular, 150, 500)
    for line in textwrap.wrap(title, 16):
        y = centred(line, y, title_font) + 60
    y += 60
    draw.line((WIDTH / 2 - 200, y, WIDTH / 2 + 200, y), fill=ACCENT, width=5)
    y += 120
    centred(author, y, _font(regular, 110, 400))
    centred(subtitle, HEIGHT - 520, _font(italic, 90, 400), fill=ACCENT)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
