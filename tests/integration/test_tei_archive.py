"""The TEI document in a real build (#28): the EPUB's ids and essay in it, attached to the archival PDF,
listed in the manifest and SHA256SUMS, the same bytes from a second build; and the archival PDF's own
structure: its tag counts, and its PDF/UA-1 claim, which pdfua finds nothing against.

These build only the outputs they read (the EPUB, the archival PDF and the TEI
document), not the session's full build with every validator.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest
from helpers import FIXED_EPOCH, PROJECT
from lxml import etree

from edition.check.emend import words
from edition.verify.tei import EDITION, TEI, check_tei, reading

XHTML = "{http://www.w3.org/1999/xhtml}"


def _build(dist: Path, *targets: str) -> dict[str, Path]:
    from edition.pipeline import build
    from edition.project import Project

    result = build(Project.at(PROJECT, FIXED_EPOCH), targets, dist=dist, log=lambda _line: None, force=True)
    return {out.target: out.path for out in result.outputs} | {"sums": dist / "SHA256SUMS"}


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    return _build(tmp_path_factory.mktemp("dist"), "epub", "archival", "tei")


@pytest.fixture(scope="module")
def tei(made) -> etree._Element:
    return etree.parse(str(made["tei"])).getroot()


def _epub_ids(epub: Path) -> set[str]:
    with zipfile.ZipFile(epub) as z:
        text = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml"))
    return set(re.findall(r'\bid="((?:note|comm|chron|gloss|ref)-[^"]+)"', text))


def test_the_tei_is_valid_in_the_build(made):
    assert check_tei(made["tei"]).ok


def test_every_note_chronology_glossary_and_source_id_of_the_epub_is_in_the_tei(made, tei):
    ids = set(tei.xpath("//@xml:id"))
    epub = _epub_ids(made["epub"])
    assert len(epub) > 100 and epub <= ids, sorted(epub - ids)[:5]


def test_the_essay_from_corr_is_the_epubs_essay(made, tei):
    with zipfile.ZipFile(made["epub"]) as z:
        page = etree.fromstring(z.read("EPUB/text/essay.xhtml"))
    section = page.find(f".//{XHTML}section[@id='essay']")
    calls = section.xpath(".//*[@role='doc-noteref' or @class='comm-call']")
    assert calls
    for call in calls:  # the note and commentary calls are not the essay's words
        call.text = None
        del call[:]
    essay = tei.find(f".//{TEI}div[@type='essay']")
    assert words(reading(essay, EDITION)) == words("".join(section.itertext()))


def test_the_archival_pdf_attaches_the_tei_as_data_listed_in_its_manifest(made):
    import pikepdf

    data = made["tei"].read_bytes()
    with pikepdf.open(made["archival"]) as pdf:
        files = pdf.attachments
        spec = files[made["tei"].name]
        assert spec.get_file().read_bytes() == data
        assert spec.obj.AFRelationship == pikepdf.Name.Data
        assert any(af.get("/UF") == made["tei"].name for af in pdf.Root.AF)
        manifest = json.loads(files["build-manifest.json"].get_file().read_bytes())
    assert manifest["attached"] == {made["tei"].name: hashlib.sha256(data).hexdigest()}


def test_sha256sums_lists_the_tei(made):
    digest = hashlib.sha256(made["tei"].read_bytes()).hexdigest()
    assert f"{digest}  {made['tei'].name}" in made["sums"].read_text().splitlines()


def test_a_second_build_gives_the_same_bytes(made, tmp_path):
    again = _build(tmp_path / "again", "tei")
    assert again["tei"].read_bytes() == made["tei"].read_bytes()


def test_the_archival_pdf_tags_every_note_and_source(made, tei):
    """At least one Note per gloss and commentary entry, one BibEntry per source (an entry split over two
    pages is two), a Scope on every header cell (the table of emendations), and the contents as TOC/TOCI."""
    import pikepdf

    found: dict[str, int] = {}
    scopes: list[str] = []

    def walk(kids) -> None:
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found[str(kid.S)] = found.get(str(kid.S), 0) + 1
                if kid.S == "/TH":
                    scopes.append(str(kid.A.get("/Scope")))
                if "/K" in kid:
                    walk(kid.K)

    with pikepdf.open(made["archival"]) as pdf:
        walk(pdf.Root.StructTreeRoot.K)
    notes = len(tei.findall(f".//{TEI}note[@type='gloss']")) + len(tei.findall(f".//{TEI}note[@type='commentary']"))
    sources = len(tei.findall(f".//{TEI}listBibl/{TEI}bibl"))
    assert notes <= found.get("/Note", 0) <= notes * 1.5
    assert sources <= found.get("/BibEntry", 0) <= sources * 1.1
    assert found.get("/Reference", 0) > len(tei.findall(f".//{TEI}note[@type='gloss']"))
    assert scopes and set(scopes) == {"/Column"}
    assert found.get("/TOC") == 1 and found.get("/TOCI", 0) >= 5  # the printed contents, a line per section


def test_the_archival_pdf_claims_pdf_a_3a_and_pdf_ua_1_and_pdfua_finds_nothing(made):
    import pikepdf

    from edition.verify.ua import check_pdfua

    with pikepdf.open(made["archival"]) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode()
    assert 'pdfaid:part="3"' in xmp or "<pdfaid:part>3</pdfaid:part>" in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    found = check_pdfua(made["archival"])
    assert found.ok, found.problems[:5]
