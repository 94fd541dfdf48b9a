"""A watch session that starts with nothing to build makes what its first save needs before the save."""

from edition.markup import pandoc
from edition.project import Project
from edition.support import memo


def test_a_warmed_session_sends_pandoc_nothing_it_has_seen(scratch, monkeypatch):
    from edition.authoring.warm import warm
    from edition.load import load

    memo.enable()
    try:
        warm(Project.at(scratch, "951782400"), ("epub",))
        sent: list[str] = []
        monkeypatch.setattr(pandoc, "_run", lambda args, stdin, cwd: sent.append(stdin) or "")
        memo.new_build()  # the first save's build
        assert len(load(scratch).fragments()) > 10  # every fragment parsed, none of it by pandoc
        assert sent == []
    finally:
        memo.enable(False)


def test_warming_a_broken_manuscript_is_quiet(scratch):
    """The first build has said what is wrong; the session goes on to watch for the fix."""
    from edition.authoring.warm import warm

    (scratch / "manuscript" / "notes.yaml").write_text("- [unclosed\n", encoding="utf-8")
    memo.enable()
    try:
        warm(Project.at(scratch, "951782400"), ("epub", "print"))
    finally:
        memo.enable(False)
