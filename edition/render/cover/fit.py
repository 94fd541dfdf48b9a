"""Measure that the cover's text fits: read where WeasyPrint laid each line, and refuse what does not fit.

The template marks what is measured (templates/cover/panels.j2): a panel
(`data-panel`, its name), an area to keep clear (`data-clear`, the barcode's)
and the text of each metadata field (`data-field`). An absolutely placed text
does not push anything aside: too long, it runs on over the next text, the
barcode area or off the sheet, and nothing would say so. So every line of a
field must lie

- inside its element's box, its room (the stylesheet gives each a height);
- inside its panel, COVER_SAFE_IN from every edge (the printers' safe area);
  a line in a transformed element (the spine's, turned) is held to its room;
- off every clear area it is not part of, and off every other field's room.

A field that breaks a rule is an error naming its line in metadata.yaml and
how much of it does not fit, in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import BuildError
from ...model import Metadata
from ...outputs import COVER_SAFE_IN

PX_PER_IN = 96  # WeasyPrint lays out in CSS pixels
SLACK_PX = 0.5  # rounding in the layout: an edge this close counts as inside

Rect = tuple[float, float, float, float]  # left, top, right, bottom, in CSS pixels


@dataclass
class Line:
    field: str
    words: int
    chars: int
    rect: Rect  # the line's text, from its first glyph's box to its last, and its line height
    room: Rect  # the field element's box
    panel: str
    area: Rect  # the panel less its safe margin
    turned: bool  # in a transformed element: its panel's rect does not apply
    clear: str | None  # the clear area it belongs to, if any


@dataclass
class Misfit:
    """A field's text on one panel: how much of it was laid out, and how much of that fits."""

    field: str
    panel: str
    words: int = 0
    chars: int = 0
    holds_words: float = 0.0
    holds_chars: float = 0.0


def _border(box) -> Rect:
    return (box.border_box_x(), box.border_box_y(), box.border_box_x() + box.border_width(),
            box.border_box_y() + box.border_height())  # fmt: skip


def _inset(rect: Rect, by: float) -> Rect:
    return (rect[0] + by, rect[1] + by, rect[2] - by, rect[3] - by)


def _line(box, field: str, context: dict) -> Line | None:
    texts = [t for t in box.descendants() if isinstance(getattr(t, "text", None), str) and t.text.strip()]
    if not texts:
        return None
    left = min(t.position_x for t in texts)
    right = max(t.position_x + t.width for t in texts)
    rect = (left, box.position_y, right, box.position_y + box.height)
    words = sum(len(t.text.split()) for t in texts)
    chars = sum(len(t.text.strip()) for t in texts)
    return Line(field, words, chars, rect, context["room"], context["panel"], context["area"], context["turned"],
                context["clear"])  # fmt: skip


def read_lines(document) -> tuple[list[Line], dict[str, list[tuple[str, Rect]]]]:
    """Every line of every field on the cover, and each panel's rooms and clear areas (name, rect)."""
    lines: list[Line] = []
    blocks: dict[str, list[tuple[str, Rect]]] = {}

    def walk(box, context: dict) -> None:
        element = getattr(box, "element", None)
        attributes = element.attrib if element is not None and box.element_tag else {}
        context = dict(context)
        if attributes.get("data-panel") and attributes is not context.get("panel_attributes"):
            context.update(panel=attributes["data-panel"], area=_inset(_border(box), COVER_SAFE_IN * PX_PER_IN))
            context["panel_attributes"] = attributes
        if attributes.get("data-clear") and attributes is not context.get("clear_attributes"):
            context.update(clear=attributes["data-clear"], clear_attributes=attributes)
            blocks.setdefault(context["panel"], []).append((attributes["data-clear"], _border(box)))
        if attributes.get("data-field") and attributes is not context.get("field_attributes"):
            context.update(field=attributes["data-field"], room=_border(box), field_attributes=attributes)
            blocks.setdefault(context["panel"], []).append((f"the {attributes['data-field']}", _border(box)))
        if box.style["transform"]:
            context["turned"] = True
        if type(box).__name__ == "LineBox" and context.get("field"):
            line = _line(box, context["field"], context)
            if line is not None:
                lines.append(line)
            return
        for child in getattr(box, "children", []):
            walk(child, context)

    for page in document.pages:
        walk(page._page_box, {"panel": "cover", "area": (-1e9, -1e9, 1e9, 1e9), "turned": False, "clear": None})
    return lines, blocks


def _within(rect: Rect, bounds: Rect) -> bool:
    return (rect[0] >= bounds[0] - SLACK_PX and rect[1] >= bounds[1] - SLACK_PX
            and rect[2] <= bounds[2] + SLACK_PX and rect[3] <= bounds[3] + SLACK_PX)  # fmt: skip


def _overlaps(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] - SLACK_PX and b[0] < a[2] - SLACK_PX and a[1] < b[3] - SLACK_PX and b[1] < a[3] - SLACK_PX


def _share(line: Line, blocks: list[tuple[str, Rect]]) -> float:
    """The part of a line that fits: 1, 0, or, for a line too wide only, the part of its width that fits."""
    own = {line.clear, f"the {line.field}"}
    if any(name not in own and rect != line.room and _overlaps(line.rect, rect) for name, rect in blocks):
        return 0.0
    bounds = [line.room] if line.turned else [line.room, line.area]
    if all(_within(line.rect, b) for b in bounds):
        return 1.0
    if not all(line.rect[1] >= b[1] - SLACK_PX and line.rect[3] <= b[3] + SLACK_PX for b in bounds):
        return 0.0
    width = max(min(b[2] for b in bounds) - max(b[0] for b in bounds), 0.0)
    return min(width / max(line.rect[2] - line.rect[0], 1.0), 1.0)


def misfits(document) -> list[Misfit]:
    """Each field, on each panel, with the amount of its text laid out there and the amount that fits."""
    lines, blocks = read_lines(document)
    found: dict[tuple[str, str], Misfit] = {}
    for line in lines:
        share = _share(line, blocks.get(line.panel, []))
        entry = found.setdefault((line.field, line.panel), Misfit(line.field, line.panel))
        entry.words += line.words
        entry.chars += line.chars
        entry.holds_words += line.words * share
        entry.holds_chars += line.chars * share
    return list(found.values())


def _field_text(meta: Metadata, field: str) -> str:
    if field == "isbn":
        return meta.printing.isbn or "" if meta.printing else ""
    return str(getattr(meta, field, ""))


def _shortfall(misfit: Misfit, meta: Metadata) -> tuple[int, int, str]:
    """(how much does not fit, how much fits, in what unit): words, or characters for a text of one word.

    The text is counted from the metadata, as WeasyPrint lays out no line below the sheet's foot.
    """
    text = _field_text(meta, misfit.field)
    if len(text.split()) > 1:
        total, holds, unit = max(len(text.split()), misfit.words), round(misfit.holds_words), "word"
    else:
        total, holds, unit = max(len(text), misfit.chars), round(misfit.holds_chars), "character"
    return total - holds, holds, unit


def check_fit(document, meta: Metadata) -> None:
    """Raise BuildError, on the field's line in metadata.yaml, for the text of the cover that most overflows."""
    worst = max(((*_shortfall(m, meta), m) for m in misfits(document)), key=lambda found: found[0], default=None)
    if worst is None or worst[0] <= 0:
        return
    over, holds, unit, misfit = worst
    verb = f"{unit} does" if over == 1 else f"{unit}s do"
    line = meta.lines.get(misfit.field, meta.loc.line)
    message = f"{misfit.field}: {over:,} {verb} not fit the {misfit.panel}; it holds about {holds:,}"
    raise BuildError(meta.loc.path, message, line)
