"""What a watching process keeps between builds: recalled while used, let go a build after it is not."""

import pytest

from edition.support import memo


@pytest.fixture
def store():
    memo.enable()
    memo.new_build()
    memo.new_build()
    yield memo
    memo.enable(False)


def test_nothing_is_kept_unless_a_watch_turned_it_on():
    memo.enable(False)
    memo.keep("space", "key", "value")
    assert memo.recall("space", "key") is None


def test_a_result_is_recalled_while_each_build_uses_it(store):
    store.keep("space", "a", "one")
    store.keep("space", "b", "two")
    store.new_build()
    assert store.recall("space", "a") == "one"  # used by this build: kept for the next
    store.new_build()
    assert store.recall("space", "a") == "one"
    assert store.recall("space", "b") is None  # not asked for by the build before: let go
    assert store.recall("other", "a") is None


def test_digests_tell_their_parts_apart():
    assert memo.digest("ab", "c") != memo.digest("a", "bc")
    assert memo.digest("a", b"b") == memo.digest(b"a", "b")


def test_a_folder_s_stamp_changes_with_a_file(tmp_path):
    (tmp_path / "a.css").write_text("p {}")
    before = memo.stamp(tmp_path)
    assert memo.stamp(tmp_path) == before
    (tmp_path / "a.css").write_text("p { color: red }")
    assert memo.stamp(tmp_path) != before
