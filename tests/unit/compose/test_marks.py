"""Each target's marks template defines every macro the code calls on it: a macro missing from a new target's
template would otherwise be found only when a build reaches the call (StrictUndefined)."""

from __future__ import annotations

import re

import pytest
from helpers import PROJECT

from edition.compose import environment
from edition.compose.targets import Target

CODE = PROJECT / "edition"


def targets() -> list[type[Target]]:
    """Every format's Target (render/<format>/target.py): a new format's is tested without being listed here."""
    import importlib

    found = []
    for path in sorted((CODE / "render").glob("*/target.py")):
        module = importlib.import_module(f"edition.render.{path.parent.name}.target")
        found += [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, Target) and v is not Target]
    return found


# target.marks.fragment("x", ...), target.marks.element("x", ...), self.marks.module.x(...)
CALL = re.compile(r"""\b(?:target|self)\.marks\.(?:(?:fragment|element)\(\s*"(\w+)"|module\.(\w+)\()""")


def called(paths) -> set[str]:
    names = set()
    for path in paths:
        for match in CALL.finditer(path.read_text()):
            names.add(match.group(1) or match.group(2))
    return names


def defined(template: str) -> set[str]:
    module = environment(PROJECT / "templates").get_template(template).module
    return {name for name in dir(module) if not name.startswith("_")}


def test_the_code_calls_the_marks_it_is_expected_to():
    """The scan finds the calls (a test that finds none could not fail)."""
    shared = called((CODE / "compose").rglob("*.py"))
    assert {"note_mark", "note_head", "gloss_end", "passage_link", "xref_suffix"} <= shared


def test_every_format_with_a_target_is_found():
    assert {t.__name__ for t in targets()} >= {"EpubTarget", "WebTarget", "PrintTarget"}


@pytest.mark.parametrize("target", targets(), ids=lambda t: t.__name__)
def test_a_targets_marks_template_defines_every_macro_called_on_it(target: type[Target]):
    own = CODE / "render" / target.__module__.split(".")[2]
    needed = called((CODE / "compose").rglob("*.py")) | called(own.rglob("*.py"))
    missing = needed - defined(target.marks_template)
    assert not missing, f"{target.marks_template} lacks {sorted(missing)}"


def test_the_shared_marks_template_defines_every_macro_called_on_it():
    calls = set()
    for path in (CODE / "compose").rglob("*.py"):
        calls |= set(re.findall(r"""\bmarks\.element\(\s*"(\w+)\"""", path.read_text()))
    calls -= called((CODE / "compose").rglob("*.py"))  # the target's own, above
    assert {"index_anchor", "initialism", "readable_url", "foreign"} <= calls
    assert calls <= defined("partials/marks.j2")
