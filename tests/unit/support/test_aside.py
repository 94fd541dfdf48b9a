"""Work done by a forked copy of the build: its value, or its error, comes back; a cancelled copy is stopped."""

import os
import time

import pytest

from edition.errors import BuildError
from edition.support.aside import Aside


def test_the_value_and_its_seconds_come_back():
    value, seconds = Aside(lambda: {"pages": 12}).result()
    assert value == {"pages": 12} and seconds >= 0


def test_an_error_comes_back_as_the_build_reports_it():
    def fails():
        raise BuildError("manuscript/notes.yaml", "bad note", 7)

    with pytest.raises(BuildError, match="bad note") as caught:
        Aside(fails).result()
    assert str(caught.value) == "manuscript/notes.yaml:7: bad note"
    with pytest.raises(BuildError, match="ZeroDivisionError"):
        Aside(lambda: 1 / 0).result()
    # An OS error comes back as one, its path kept: the build names it as the output it was to become.
    with pytest.raises(FileNotFoundError) as missing:
        Aside(lambda: open("nowhere/x")).result()
    assert (missing.value.filename, missing.value.strerror) == ("nowhere/x", "No such file or directory")


def test_a_cancelled_copy_is_stopped_at_once_and_reaped():
    aside = Aside(lambda: time.sleep(60))
    pid = aside.pid
    start = time.perf_counter()
    aside.cancel()
    assert time.perf_counter() - start < 5
    with pytest.raises(ChildProcessError):  # ended and reaped: no zombie left
        os.waitpid(pid, os.WNOHANG)


def test_cancel_after_the_result_closes_nothing_of_anyone_else(tmp_path):
    aside = Aside(lambda: "done")
    aside.result()
    path = tmp_path / "other.txt"
    path.write_text("still open")
    with open(path) as other:  # may be given the number the copy's pipe had
        aside.cancel()
        assert other.read() == "still open"


def test_work_at_once_gives_each_value_in_order_and_the_first_error():
    from edition.support.aside import at_once

    assert at_once([lambda: os.getpid(), lambda: "b", lambda: "c"])[1:] == ["b", "c"]
    assert at_once([lambda: os.getpid()]) == [os.getpid()]  # the first runs here

    def fails():
        raise BuildError(None, "the copy failed")

    with pytest.raises(BuildError, match="the copy failed"):
        at_once([lambda: None, fails])


def test_a_copy_of_a_process_that_ignores_ctrl_c_ignores_it_too():
    import signal

    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert Aside(lambda: signal.getsignal(signal.SIGINT) is signal.SIG_IGN).result()[0] is True
    finally:
        signal.signal(signal.SIGINT, before)
    assert Aside(lambda: signal.getsignal(signal.SIGINT) is signal.SIG_DFL).result()[0] is True
