"""Give freed memory back to the system between the build's large steps.

glibc keeps memory a process has freed for its own later use; after the
Markdown is rendered or a round of the book is composed, that is hundreds of
megabytes at 200 times the edition, counted against the build while the
parts are laid out. malloc_trim returns the free pages.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import cache


@cache
def _trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc: nothing to do
        return None


def release() -> None:
    gc.collect()
    trim = _trim()
    if trim is not None:
        trim(0)
