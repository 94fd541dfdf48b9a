"""The printed book's PDFs: laid out in parts, in parallel, each part once for all of its PDFs.

Page numbers are written into the book (cross-references, the index) and
depend on the layout they are part of, so the parts are laid out in rounds
until nothing changes: ask the book's source for its HTML with the pages
known so far, cut it into parts (parts.py), lay out every part whose HTML is
new, and compute every anchor's page from the results. The book is settled
when a round has nothing new to lay out and the pages it computes are the
ones it was composed with.

A laid-out part is kept in .build-cache/parts under a key of its HTML and all else its PDFs depend on, so a
rebuild lays out only the parts that changed: a one-note edit lays out the essay's part, not the whole book.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Protocol

from jinja2 import Template

from ...cache import layout_salt
from ...errors import BuildError
from ...outputs import pdf_outputs
from ...project import Project
from ...support import memory
from ...support.aside import at_once
from ...support.storage import damaged, read_json, sha256, sweep_tmp, write_json
from ..weasyprint.starts import keep_starts
from ..weasyprint.xmp import XmpFields
from .attachments import Attachment
from .holders import Holders
from .numbers import shape
from .parts import Book, cut
from .placement import Placement, estimate_counts, estimate_pages, part_document, place, unsure_parts
from .renderers import Job, LaidOut, Renderers, part_pdf

PART_SIZE = 40_000  # characters of HTML in a part: enough parts to keep two processes busy
# A section longer than this is laid out in slices, to bound memory and time; each slice begins a page,
# so the budget is above the edition's longest section (the commentary, 110,000), which stays whole.
SLICE_SIZE = 200_000
MAX_ROUNDS = 6
# A clean build of a book up to this many characters of HTML keeps its parts laid out until their pages are
# known, and sets the numbers in rather than lay them out again (holders.Holders); a larger one, whose
# layouts would not fit in memory at once, lays them out a second time.
HOLD_SIZE = 1_500_000


class BookSource(Protocol):
    """Where the book's HTML comes from: composed with the given anchors' pages written in."""

    def chunks(self, pages: dict[str, int] | None = None) -> Iterable[str]: ...


@dataclass(frozen=True)
class BookPdfs:
    """What the book's PDFs are written with, besides its pages."""

    outputs: dict[str, Path]  # output name -> where its PDF goes
    identifier: str
    xmp: XmpFields
    attachments: Callable[[], list[Attachment]]  # made when a PDF whose output attaches its sources is joined
    part_template: Template  # a part's whole HTML document


@dataclass
class Report:
    rounds: int = 0
    laid_out: int = 0  # parts laid out in this build
    reused: int = 0  # parts taken from the cache
    filled: int = 0  # parts written from their first layout, their page numbers set in


@dataclass
class _Layout:
    """The layout of the book's parts as it settles, round after round."""

    project: Project
    pdfs: BookPdfs
    salt: str
    guesses: list[int]  # each part's page count, as last laid out or guessed
    results: dict[str, LaidOut] = field(default_factory=dict)
    written: set[str] = field(default_factory=set)  # parts whose PDFs are in the cache folder
    verified: dict[str, LaidOut] = field(default_factory=dict)  # parts from the cache found whole
    report: Report = field(default_factory=Report)
    holders: Holders | None = None  # the processes holding the parts laid out blind
    second_wave: bool = False  # the parts whose pages were unsure are laid out; the others are next
    held: dict[str, str] = field(default_factory=dict)  # the shape of each part held -> its key

    @property
    def folder(self) -> Path:
        return self.project.cache / "parts"

    def plan(self, book: Book) -> tuple[list[str], list[str], list[Placement]]:
        """Each part's key and HTML, placing each after the page counts known or guessed for those before it."""
        keys: list[str] = []
        htmls: list[str] = []
        counts: list[int] = []
        for i, part in enumerate(book.parts):
            placement = place(book.parts[: i + 1], counts)[i]
            html = part_document(book, part, placement, self.pdfs.part_template)
            key = hashlib.sha256(f"{self.salt}|{html}".encode()).hexdigest()[:32]
            known = self.results.get(key) or self.cached(key)
            counts.append(known.pages if known else (self.guesses[i] if i < len(self.guesses) else 0))
            keys.append(key)
            htmls.append(html)
        return keys, htmls, place(book.parts, counts)

    def cached(self, key: str) -> LaidOut | None:
        """A part laid out before, whose record and PDFs are whole (each PDF's digest is in the record).

        A part found whole is remembered, so that its PDFs are read and hashed once a build.
        """
        if key in self.verified:
            return self.verified[key]
        record = self.folder / f"{key}.json"
        if not record.is_file() or not all(part_pdf(self.folder, key, name).is_file() for name in self.pdfs.outputs):
            return None
        data = read_json(record)
        if not data:
            return None
        pdfs, pages, anchors = data.get("pdfs"), data.get("pages"), data.get("anchors")
        whole = (
            isinstance(pdfs, dict)
            and isinstance(pages, int)
            and isinstance(anchors, dict)
            and all(pdfs.get(name) == sha256(part_pdf(self.folder, key, name)) for name in self.pdfs.outputs)
        )
        if not whole:
            damaged(record)
            return None
        self.verified[key] = LaidOut(pages, anchors)
        return self.verified[key]

    def job(self, key: str, html: str, write: bool) -> Job:
        pdfs, project = self.pdfs, self.project
        outputs = tuple(o.name for o in pdf_outputs() if o.name in pdfs.outputs)
        return Job(key, html, project.templates, self.folder, pdfs.identifier, pdfs.xmp, project.epoch, outputs, write)

    def jobs(self, keys: list[str], htmls: list[str], blind: bool) -> list[Job]:
        """The parts to lay out this round; the others are taken from this build or the cache."""
        todo = []
        for key, html in zip(keys, htmls, strict=True):
            if key in self.written or (blind and key in self.results):
                continue
            cached = self.cached(key)
            if cached is None:
                todo.append(self.job(key, html, not blind))
            else:
                self.results[key] = cached
                self.written.add(key)
                self.report.reused += 1
        return todo

    def first_wave(self, book: Book, keys: list[str], pages: dict[str, int], todo: list[Job]) -> list[Job]:
        """In a clean build, the parts holding anchors whose pages' digits are unsure, if not all parts.

        They are laid out first, so that the others are laid out with those
        pages known: set in afterwards, a number may not change its length.
        """
        if not _holdable(todo):
            return todo
        first = {keys[i] for i in unsure_parts(book, pages)}
        wave = [job for job in todo if job.key in first]
        if not wave or len(wave) == len(todo):
            return todo
        self.second_wave = True
        return wave

    def round(self, book: Book, keys: list[str], htmls: list[str], pages, blind: bool, renderers) -> int:
        """One round: write the held parts that can be, lay out what must be; how many parts were laid out."""
        count = 0 if blind else self.fill(keys, htmls)
        todo = self.jobs(keys, htmls, blind)
        if blind and not self.second_wave and not self.held:
            todo = self.first_wave(book, keys, pages, todo)
        return count + self.lay_out(todo, blind, renderers)

    def lay_out(self, todo: list[Job], blind: bool, renderers: Renderers) -> int:
        """Lay this round's parts out: held, in a clean build of a book of bounded size; how many."""
        shapes = {job.key: shape(job.html) for job in todo} if blind else {}
        if blind and self.held:
            for job in todo:  # held already, but for their numbers' digits: measured as they are
                if shapes[job.key] in self.held:
                    self.results[job.key] = self.results[self.held[shapes[job.key]]]
            todo = [job for job in todo if shapes[job.key] not in self.held]
        if not todo:
            return 0
        if blind and _holdable(todo):
            self.holders = self.holders or Holders()
            self.results.update(self.holders.measure(todo))
            self.held.update({shapes[job.key]: job.key for job in todo})
        else:
            self.results.update(renderers.lay_out(todo))
            self.written.update(job.key for job in todo if job.write)
        self.report.laid_out += len(todo)
        return len(todo)

    def fill(self, keys: list[str], htmls: list[str]) -> int:
        """Have the holders write the parts laid out blind whose documents now differ only in their numbers' digits,
        and lay out and write the others (they are warm); how many they laid out."""
        if self.holders is None:
            return 0
        parts, fresh = [], []
        for key, html in zip(keys, htmls, strict=True):
            if key in self.written or self.cached(key) is not None:
                continue
            found = self.held.pop(shape(html), None)
            if found is None:
                fresh.append(self.job(key, html, True))
            else:
                parts.append((found, self.job(key, html, True)))
        written, filled = self.holders.finish(parts, fresh)
        self.holders, self.held = None, {}
        self.results.update(written)
        self.written.update(written)
        self.report.filled += filled
        self.report.laid_out += len(fresh)
        return len(fresh)


def render_book(
    source: BookSource,
    project: Project,
    pdfs: BookPdfs,
    log: Callable[[str], None] = print,
    first: Callable[[str, int], None] | None = None,
):
    """Lay the book out and write the PDFs named in pdfs.outputs; return their page counts.

    With first (under --watch), the first of them in the registry's order (the print interior) is joined
    alone and given to first(name, pages) before the others are joined: a save's print PDF waits for no other.
    """
    folder = project.cache / "parts"
    folder.mkdir(parents=True, exist_ok=True)
    state_path = project.cache / "pages.json"
    state = read_json(state_path)
    if not (isinstance(state.get("anchors", {}), dict) and isinstance(state.get("counts", []), list)):
        state = damaged(state_path)
    salt = layout_salt(
        project, json.dumps([pdfs.identifier, asdict(pdfs.xmp), [asdict(o) for o in pdf_outputs()]], sort_keys=True)
    )
    layout = _Layout(project, pdfs, salt, state.get("counts", []))
    keys, laid, placements, pages = _settle(source, layout, state.get("anchors", {}), log)
    write_json(state_path, {"anchors": pages, "counts": layout.guesses})
    _prune(folder, set(keys))

    from ..pdfjoin.join import join

    anchors, blanks = [set(r.anchors) for r in laid], [p.blank_before for p in placements]
    carried: list[Attachment] = []

    def carry(todo) -> None:
        """The attachments made, here in the build (not in a forked copy), before the first PDF that carries them."""
        if not carried and any(output.attach_sources for output in todo):
            carried.extend(pdfs.attachments())

    def joined(output) -> int:
        files = [part_pdf(folder, key, output.name) for key in keys]
        extra = carried if output.attach_sources else []
        target = pdfs.outputs[output.name]
        return join(files, blanks, anchors, target, extra, project.moment, pad=output.printed)

    # The PDFs are joined at once, all but the first by forked copies of the build (a join is CPU-bound Python).
    outputs = [output for output in pdf_outputs() if output.name in pdfs.outputs]
    counts: list[int] = []
    digests: list[str] = []  # each joined PDF's, taken before a PDF published at once moves away
    if first is not None and len(outputs) > 1:
        carry(outputs[:1])
        counts.append(joined(outputs[0]))
        digests.append(sha256(pdfs.outputs[outputs[0].name]))
        first(outputs[0].name, counts[0])
    carry(outputs[len(counts) :])
    counts += at_once([lambda output=output: joined(output) for output in outputs[len(counts) :]])
    digests += [sha256(pdfs.outputs[output.name]) for output in outputs[len(digests) :]]
    if (starts := _book_starts(folder, keys, placements)) is not None:
        keep_starts(project.cache, digests, starts)
    return {output.name: count for output, count in zip(outputs, counts, strict=True)}


def _book_starts(folder: Path, keys: list[str], placements: list[Placement]) -> dict[int, list[str]] | None:
    """The book's page starts from its parts' records, by joined page; None if a record (an older build's) has none."""
    starts: dict[int, list[str]] = {}
    for key, placement in zip(keys, placements, strict=True):
        found = read_json(folder / f"{key}.json").get("starts")
        if not isinstance(found, dict):
            return None
        starts.update({placement.first_page + int(page) - 1: parts for page, parts in found.items()})
    return starts


def warm_renderers(source: BookSource, project: Project, pdfs: BookPdfs) -> None:
    """Under --watch: have the kept renderers lay out the book's largest part (as the last build placed it) once."""
    state = read_json(project.cache / "pages.json")
    anchors, counts = state.get("anchors"), state.get("counts")
    if not (isinstance(anchors, dict) and isinstance(counts, list)):
        return  # no build has laid the book out: the first save will, and warm them
    layout = _Layout(project, pdfs, "", counts)
    keys, htmls, _placements = layout.plan(cut(source.chunks(anchors), PART_SIZE, SLICE_SIZE))
    largest = max(range(len(keys)), key=lambda i: len(htmls[i]))
    Renderers().warm(layout.job(keys[largest], htmls[largest], write=False))


def _settle(source: BookSource, layout: _Layout, pages: dict[str, int], log):
    """Lay the parts out in rounds until the pages the book is composed with are the pages it is laid out on."""
    renderers = Renderers()
    report = layout.report
    # With nothing known of the pages (a clean build), the first round only
    # measures, from pages guessed from the HTML: every part will change once
    # its numbers are known, so its PDFs would be written for nothing. Numbers
    # of the right length make the measured pages the ones the book settles on,
    # and a held part then needs only its numbers set in (numbers.py).
    blind = not pages
    if blind:
        pages = _estimate(source, layout)
    try:
        for report.rounds in range(1, MAX_ROUNDS + 1):
            # The last round's book, its parts' documents and the jobs that hold them go
            # before this round's are made: at 200 times the edition, two composed books
            # at once are a tenth of the build's memory.
            book = htmls = None
            book = cut(source.chunks(pages), PART_SIZE, SLICE_SIZE)
            keys, htmls, planned = layout.plan(book)
            memory.release()  # what composing and cutting freed, before the renderers are forked
            second, filled_before = layout.second_wave, report.filled
            blind = blind and (report.rounds == 1 or second)
            count = layout.round(book, keys, htmls, pages, blind, renderers)
            if layout.second_wave and not second:
                pages = _first_wave_pages(book, keys, layout)
                log(f"  round 1: {count} of {len(keys)} parts laid out, those whose pages were unsure")
                continue
            layout.second_wave = False
            laid = [layout.results[k] for k in keys]
            moved = sum(1 for old, r in zip(layout.guesses, laid, strict=False) if old != r.pages)
            count = f"{count} of {len(keys)}"
            layout.guesses = [r.pages for r in laid]
            placements = place(book.parts, layout.guesses)
            filled = report.filled - filled_before
            filled = f", {filled} had their page numbers set in" if filled else ""
            log(f"  round {report.rounds}: {count} parts laid out{filled}; {moved} changed their page count")
            found = _anchor_pages(laid, placements)
            # Settled: every part was laid out (and written) from the pages and
            # places it turns out to have, so composing again would change nothing.
            if found == pages and placements == planned and all(k in layout.written for k in keys):
                break
            pages = found
        else:
            raise BuildError(None, f"the page numbers did not settle in {MAX_ROUNDS} rounds of layout")
    finally:
        if layout.holders is not None:
            layout.holders.close(kill=True)
        renderers.close()
        sweep_tmp(layout.folder)  # what renderers ended in the middle of writing left behind
    log(
        f"layout: {len(keys)} parts; {report.laid_out} laid out, {report.filled} with their numbers set in, "
        f"{report.reused} from the cache, in {report.rounds} rounds"
    )
    return keys, laid, placements, pages


def _holdable(todo: list[Job]) -> bool:
    """Parts small enough, all together, to be kept laid out until their pages are known."""
    return sum(len(job.html) for job in todo) <= HOLD_SIZE


def _estimate(source: BookSource, layout: _Layout) -> dict[str, int]:
    """Every anchor's page guessed from the HTML, and each part's page count where none is known."""
    guessed = cut(source.chunks({}), PART_SIZE, SLICE_SIZE)
    pages = estimate_pages(guessed)
    if not layout.guesses:  # each part placed after the pages guessed for those before it
        layout.guesses = estimate_counts(guessed)
    guessed = None
    memory.release()  # the book cut only to guess its pages, before it is cut again
    return pages


def _first_wave_pages(book: Book, keys: list[str], layout: _Layout) -> dict[str, int]:
    """The pages of the anchors in the parts laid out, and the others' guessed after them."""
    laid = {i: layout.results[key] for i, key in enumerate(keys) if key in layout.results}
    guesses = layout.guesses
    layout.guesses = [laid[i].pages if i in laid else guesses[i] if i < len(guesses) else 1 for i in range(len(keys))]
    return estimate_pages(book, layout.guesses, {i: result.anchors for i, result in laid.items()})


def _anchor_pages(laid: list[LaidOut], placements: list[Placement]) -> dict[str, int]:
    pages: dict[str, int] = {}
    for result, placement in zip(laid, placements, strict=True):
        for name, page in result.anchors.items():
            pages.setdefault(name, placement.first_page + page - 1)
    return pages


def _prune(folder: Path, keep: set[str]) -> None:
    """Forget parts this build did not use, so that the cache does not grow without bound."""
    for path in folder.iterdir():
        if path.name.split("-")[0].split(".")[0] not in keep:
            path.unlink(missing_ok=True)
