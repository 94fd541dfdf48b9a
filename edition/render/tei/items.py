"""What the TEI writer's essay is made of: text, anchors, choices, blocks. Data only; templates write it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Anchor:
    id: str


@dataclass(frozen=True)
class IndexPoint:
    """A place the book's index points to: the id of its anchor in the composed edition (an `ix` span)."""

    id: str
    indexed: bool = True  # what the template tells it from an Anchor by


@dataclass
class Choice:
    """An emendation: the copy-text's reading (sic) and the edition's (corr, with any anchors inside it)."""

    number: int  # the emendation's place in emendations.yaml, from 1
    sic: str
    corr: list[str | Anchor | IndexPoint]
    kind: str
    line: int
    part: int = 0  # an emendation whose reading spans two blocks (a supplied title and the first words) is
    parts: int = 1  # written as linked choices, one in each block: its part (from 0) and how many it has

    @property
    def corr_text(self) -> str:
        return "".join(part for part in self.corr if isinstance(part, str))


Item = str | Anchor | IndexPoint | Choice


@dataclass
class Block:
    kind: str  # 'head' or 'p'
    rend: str | None  # the class of the block's container in the essay, as a tagline's
    items: list[Item] = field(default_factory=list)
    removed: list[Choice] = field(default_factory=list)  # whole lines of the copy-text removed before it


@dataclass
class EssayText:
    blocks: list[Block]
    trailing: list[Choice]  # whole lines removed after the last block
