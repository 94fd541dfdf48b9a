"""The archival PDF's manifest carries the evidence for each claim, so that a claim can be audited offline."""

from __future__ import annotations

import json
import shutil

from helpers import FIXED_EPOCH, PROJECT

from edition.load import load
from edition.project import Project
from edition.render.pdf.attachments import attachments

FIXTURE = PROJECT / "tests" / "unit" / "compose" / "fixture" / "manuscript"


def test_the_manifest_carries_each_claim_s_quotations(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "manuscript")
    ms = load(tmp_path)
    files = {a.name: a for a in attachments(Project.at(tmp_path, FIXED_EPOCH), {"pandoc": "test"}, ms.evidence())}
    manifest = files["build-manifest.json"]
    assert manifest.relationship == "Supplement" and manifest.mime_type == "application/json"
    evidence = json.loads(manifest.data.decode("utf-8"))["evidence"]
    unmik = (
        "The United Nations Interim Administration Mission in Kosovo (UNMIK) is the civil presence "
        "the Security Council established."
    )
    assert evidence == {
        "notes": [
            {
                "id": "city",
                "support": [
                    {
                        "source": "test-source",
                        "locator": "para. 2",
                        "quote": "The river Ibar divides the town: Serbs to the north, Albanians to the south.",
                    }
                ],
            },
            {"id": "unmik", "support": [{"source": "test-report", "locator": "p. 1", "quote": unmik}]},
        ],
        "chronology": [
            {
                "id": "arrival",
                "support": [
                    {
                        "source": "test-report",
                        "locator": "p. 3, § 2",
                        "quote": "On 12 June 1999 the first NATO troops crossed into Kosovo.",
                    }
                ],
            }
        ],
    }
    # Written as UTF-8, as the sources have it, for a person reading the file: not as \u escapes.
    assert "p. 3, § 2".encode() in manifest.data
