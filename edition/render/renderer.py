"""The one interface every renderer has, and what the pipeline gives it besides the composed edition.

A format is a folder under edition/render/ whose __init__ exports RENDERER, an object with this interface; the
registry (outputs.py) names the folder as an output's renderer. The outputs of one renderer are made in one run
(the book's PDFs come from one layout). As Sphinx's Builder, a renderer knows its own files; the pipeline
knows only this interface, and so holds no output's name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

from jinja2 import Environment

from ..compose import Edition, check_documents
from ..outputs import OUTPUTS, Built

if TYPE_CHECKING:
    from ..compose import Composed


class Renderer(Protocol):
    aside: bool  # with a heavy renderer in the build: may be made by a forked copy as the build goes on (support/aside)
    heavy: bool  # works long on both processors: the others are made around it

    def start(self) -> None:
        """Begin, before the edition is composed, what takes long to start (the PDF's layout server)."""

    def render(self, composed: Composed, built: list[Built], given: Given) -> list[Built]:
        """Write each of its outputs at built[i].path; return them with their counts (pages, documents)."""
        ...

    def warm(self, composed: Composed, built: list[Built], given: Given) -> None:
        """Under --watch, before the first save: make now what the first rebuild would make cold."""

    def stop(self) -> None:
        """End what start() began and a watch session kept between saves."""

    def documents(self, ed: Edition, env: Environment) -> list[tuple[Iterable[tuple[str, str]], bool]]:
        """Its composed documents as (name, text) pieces, each stream with whether its ids must be unique across
        its documents (an EPUB's, the book's) or only within each (a site's pages): for check_composed."""
        ...


class Quick:
    """The defaults of a renderer that needs no starting, warming or stopping."""

    aside = False
    heavy = False

    def start(self) -> None:
        return None

    def warm(self, composed: Composed, built: list[Built], given: Given) -> None:
        return None

    def stop(self) -> None:
        return None

    def documents(self, ed: Edition, env: Environment) -> list[tuple[Iterable[tuple[str, str]], bool]]:
        return []


def check_composed(ed: Edition, env: Environment) -> None:
    """What a validator would reject in any format's documents (compose/integrity.py), found before anything is
    rendered: every format the registry names, whether or not this build makes it, so that an error is the same
    whatever the targets."""
    for name in dict.fromkeys(o.renderer for o in OUTPUTS.values()):
        for stream, across in renderer(name).documents(ed, env):
            check_documents(stream, ed.ms, across=across)


def renderer(name: str) -> Renderer:
    """The renderer an output names: RENDERER in edition/render/<name>/, imported only when it is needed."""
    return import_module(f"{__package__}.{name}").RENDERER


@dataclass
class Given:
    """What an output declared it needs (Output.needs), besides the composed edition.

    A need is either another output's name, made first, whose Built it is given (the cover's spine is as wide
    as the interior's page count makes it), or 'renderer.product': something another renderer makes from the
    composed edition on request, such as the cover's front panel, drawn, which is the EPUB's cover image. So
    no format imports another.
    """

    composed: Composed
    built: dict[str, Built]  # this build's outputs so far, and the last build's of those it does not make
    log: Callable[[str], None] = print
    # Called with an output as soon as it is written, by a renderer that makes several one after another
    # (the print PDF before the archival one): under --watch it is published then. The pipeline calls it
    # for any output the renderer did not.
    made: Callable[[Built], None] = lambda _out: None

    def output(self, name: str) -> Built:
        return self.built[name]

    def product(self, need: str) -> bytes:
        folder, _, name = need.partition(".")
        return renderer(folder).product(name, self.composed)  # type: ignore[attr-defined]
