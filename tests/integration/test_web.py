"""The web edition as a reader meets it: in Debian's Chromium (playwright-core), served on 127.0.0.1."""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import PROJECT
from lxml import html

from edition.render.web import WEB_PLAN
from edition.support.fonts import machine_env
from edition.verify.tools import chromium
from edition.verify.web import browse, problems

NOTES = PROJECT / "tests" / "integration" / "web" / "notes.mjs"


@pytest.fixture(scope="session")
def site(built) -> Path:
    return built["dist"] / "web"


@pytest.fixture(scope="session")
def report(site) -> dict:
    return browse(site)


@pytest.fixture(scope="session")
def fifth(site, tmp_path_factory) -> dict:
    """The fifth note call, clicked, keyed and followed without popovers and without CSS."""
    shot = tmp_path_factory.mktemp("shot") / "note.png"
    env = machine_env(CHROMIUM=chromium() or "")
    proc = subprocess.run(["node", str(NOTES), str(site), "5", str(shot)], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    result["shot"] = shot
    return result


def pages(site: Path) -> dict[str, html.HtmlElement]:
    return {name: html.parse(str(site / name)).getroot() for name, *_rest in WEB_PLAN}


def test_the_site_has_every_page_and_its_zip_holds_the_same_files(built, site):
    names = {name for name, *_rest in WEB_PLAN}
    assert names <= {p.name for p in site.iterdir()}
    on_disk = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    with zipfile.ZipFile(built["web"]) as zf:
        assert sorted(zf.namelist()) == on_disk
        for name in on_disk:
            assert zf.read(name) == (site / name).read_bytes(), name
    assert f"  {built['web'].name}\n" in built["sums"].read_text()


def test_the_fifth_note_opens_beside_its_call_and_escape_closes_it(fifth, epub_zip):
    mouse = fifth["mouse"]
    assert mouse["open"] and mouse["visible"]
    # The gloss is the EPUB's note 5, word for word.
    epub = html.fromstring(epub_zip.read("EPUB/text/notes.xhtml"))
    expected = " ".join(epub.get_element_by_id("note-5").text_content().split())
    assert mouse["text"] == expected
    call, note, (width, height) = mouse["boxes"]["call"], mouse["boxes"]["note"], mouse["boxes"]["viewport"]
    assert 0 <= note[0] and note[2] <= width and 0 <= note[1] and note[3] <= height
    beside = abs(note[1] - call[3]) < 24 or abs(call[1] - note[3]) < 24  # just below the call, or just above
    assert beside, mouse["boxes"]
    assert mouse["closed"] and mouse["focus"] == "note-5"
    assert mouse["closedByClickOutside"]


def test_the_fifth_note_works_with_the_keyboard_alone(fifth):
    keys = fifth["keys"]
    assert keys["first"] == "skip-link"
    assert keys["reached"] and keys["outline"] not in ("none", "")
    assert keys["open"] and keys["noteInView"] and keys["noteWithinWidth"]
    assert keys["focusInNote"]
    assert keys["closed"] and keys["focus"] == "note-5"


@pytest.mark.parametrize("case", ["noPopover", "noCss"])
def test_without_popovers_or_css_the_call_leads_to_the_note_and_back(fifth, case):
    result = fifth[case]
    assert not result["buttonShown"]
    assert result["noteHiddenBefore"]  # the note is at the page's foot, not beside the call
    assert result["hashAfterCall"] == "#note-5" and result["noteInView"]
    assert result["hashAfterBack"] == "#noteref-5" and result["callInView"]


def test_the_note_screenshot_shows_an_open_note(fifth):
    from PIL import Image

    with Image.open(fifth["shot"]) as image:
        assert image.width > 400 and image.height > 150


def test_axe_finds_no_violation_on_any_page_and_nothing_scrolls_sideways(report):
    assert set(report["pages"]) == {name for name, *_rest in WEB_PLAN}
    assert problems(report) == []
    for page in report["pages"].values():
        assert page["axe"]
        assert set(page["width"]) == {"375", "1280"}


def test_the_site_asks_no_other_host_for_anything(report, fifth):
    assert report["foreign"] == [] and fifth["foreign"] == []


def test_the_fonts_are_the_sites_own(report, site):
    loaded = set(report["pages"]["essay.html"]["fonts"])
    assert {"EB Garamond 400 normal", "EB Garamond 400 italic"} <= loaded
    assert (site / "fonts" / "OFL.txt").read_text().startswith("Copyright")
    css = (site / "css" / "edition.css").read_text()
    assert [u for u in re.findall(r"url\(([^)]+)\)", css) if not u.startswith("../fonts/")] == []


def test_a_desktop_line_holds_60_to_75_characters(report):
    lines = report["pages"]["essay.html"]["measure"]["1280"]
    assert 60 <= statistics.median(lines) <= 75, statistics.median(lines)


def test_every_link_in_the_site_resolves(site):
    trees = pages(site)
    ids = {name: set(tree.xpath("//@id")) for name, tree in trees.items()}
    for name, tree in trees.items():
        for href in tree.xpath("//a/@href"):
            parts = urlsplit(href)
            if parts.scheme in ("http", "https", "mailto"):
                continue
            target = parts.path or name
            assert (site / target).is_file(), f"{name}: {href}"
            if parts.fragment and target.endswith(".html"):
                assert parts.fragment in ids[target], f"{name}: {href}"
        for button in tree.xpath("//button[@popovertarget]"):
            assert button.get("popovertarget") in ids[name]


def test_the_chronology_and_the_passages_link_both_ways(site):
    trees = pages(site)
    essay_ids = set(trees["essay.html"].xpath("//@id"))
    to_passages = trees["chronology.html"].xpath("//a[@class='passage-ref']/@href")
    assert to_passages and all(h.startswith("essay.html#p-") and h.split("#")[1] in essay_ids for h in to_passages)
    chron_ids = set(trees["chronology.html"].xpath("//@id"))
    from_notes = trees["essay.html"].xpath("//div[@popover]//a[starts-with(@href, 'chronology.html#')]/@href")
    assert from_notes and all(h.split("#")[1] in chron_ids for h in from_notes)


def test_every_page_has_landmarks_a_skip_link_and_its_language(site):
    for name, tree in pages(site).items():
        assert tree.get("lang") == "en-US", name
        assert tree.xpath("count(//header) = 1 and count(//main[@id='main']) = 1 and count(//footer) = 1"), name
        assert tree.xpath("//nav[@aria-label]"), name
        first = tree.xpath("//body//a")[0]
        assert first.get("href") == "#main" and first.get("class") == "skip-link", name
        assert not tree.xpath("//@*[contains(name(), ':')]"), f"{name}: an EPUB attribute"


@pytest.mark.this_edition  # this edition's name forms and their languages
def test_the_glossarys_forms_carry_their_languages(site):
    glossary = pages(site)["glossary.html"]
    assert glossary.xpath("//i[@lang='sq']") and glossary.xpath("//i[@lang='sr-Latn']")
    # A Serbian name's Cyrillic form stands apart from its Latin one, in its own script's tag.
    cyrillic = glossary.xpath("//i[@lang='sr-Cyrl']/text()")
    assert "Трепча" in cyrillic and not glossary.xpath("//i[@lang='sr-Latn'][contains(., '(')]")


def test_the_notes_are_popovers_with_their_commentary_linked(site):
    essay = pages(site)["essay.html"]
    popovers = essay.xpath("//div[@popover='auto'][@role='doc-footnote']")
    buttons = essay.xpath("//button[@popovertarget]")
    assert len(popovers) == len(buttons) > 20
    linked = [p for p in popovers if p.xpath(".//a[starts-with(@href, 'commentary.html#comm-')]")]
    assert linked
    assert all(b.get("hidden") is not None for b in buttons)  # shown only by the stylesheet, where popovers work


def test_the_print_stylesheet_prints_the_notes(site):
    css = (site / "css" / "edition.css").read_text()
    block = css[css.index("@media print") :]
    assert ".gloss[popover]" in block and "display: block !important" in block
