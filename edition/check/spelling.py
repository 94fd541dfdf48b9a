"""The apparatus's spelling: every word in the declared language's hunspell dictionary or the project's word list.

The essay is the author's and is never checked. Quotations keep their
source's spelling and are not checked either. An unknown word is a warning
with its file and line; --strict makes it an error.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import BuildError, ToolMissing
from ..load import WORD_LIST
from ..markup.pandoc_ast import plain_text
from ..model import Fragment, Manuscript
from ..support import memo
from ..support.aside import Aside
from ..support.storage import read_json, write_json

DICTIONARIES = Path("/usr/share/hunspell")  # Debian's hunspell-* packages
_TOKEN = re.compile(r"[\w’'-]+")


def dictionary_path(language: str) -> Path:
    """The hunspell dictionary of a language tag (en-US -> en_US), or the package that brings it."""
    name = language.replace("-", "_")
    path = DICTIONARIES / name
    if not path.with_suffix(".dic").is_file():
        package = "hunspell-" + language.lower()
        raise ToolMissing(None, f"the spell check needs the {name} dictionary: apt-get install {package}")
    return path


@cache
def _dictionary(path: Path):
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(str(path))


def apparatus(ms: Manuscript) -> Iterator[Fragment]:
    """Every fragment of the apparatus: the notes, the chronology, the glossary, the introduction, the textual note."""
    yield ms.introduction
    yield ms.textual_note
    for note in ms.notes.values():
        yield from note.parts
    for entry in ms.chronology:
        yield entry.text
    for entry in ms.glossary.values():
        yield entry.identification


def words_of(frag: Fragment) -> list[str]:
    """The words of a fragment's checkable text: hyphenated words in parts, numbers and possessive 's left out."""
    # Quotations keep their source's spelling; citations and code are not prose.
    text = plain_text(frag.blocks, citations=False, quotations=False)
    words = []
    for token in _TOKEN.findall(text):
        for word in token.replace("’", "'").split("-"):
            word = word.strip("'")
            word = word[:-2] if word.endswith("'s") else word
            # Numbers are not words, and a word in another script (a name in Cyrillic) is not English.
            if word and not any(ch.isdigit() or ch == "_" for ch in word) and _latin(word):
                words.append(word)
    return words


def _latin(word: str) -> bool:
    return any("LATIN" in unicodedata.name(ch, "") for ch in word)


def check_spelling(ms: Manuscript, cache_dir: Path, warnings: list[BuildError]) -> None:
    """Warn of every word of the apparatus that neither the dictionary nor the word list knows."""
    warnings += spell_check(ms, cache_dir).wait()


def spell_check(ms: Manuscript, cache_dir: Path, aside: bool = False) -> Spelling:
    """The spell check of the apparatus, begun.

    With aside, words the dictionary must be asked about (it takes over half
    a second to load) are looked up by a forked copy of the build, while the
    build goes on: the warnings are the Spelling's wait().
    """
    path = dictionary_path(ms.metadata.language)
    allowed = ms.words  # read by the load stage, as every manuscript file is
    first: dict[str, Fragment] = {}
    for frag in apparatus(ms):
        for word in words_of(frag):
            if word not in allowed and word.lower() not in allowed:
                first.setdefault(word, frag)
    words = sorted(first)
    # Under --watch (memo on) the dictionary is loaded here, once for the session, not by a copy for each save.
    loaded = _dictionary.cache_info().currsize > 0
    if aside and not loaded and not memo.enabled() and not set(words) <= _answers(path, cache_dir)[1].keys():
        return Spelling(first, path, None, Aside(lambda: unknown_words(words, path, cache_dir)))
    return Spelling(first, path, unknown_words(words, path, cache_dir))


@dataclass
class Spelling:
    """A spell check's unknown words, each with the fragment it first appears in: found, or being found aside."""

    first: dict[str, Fragment]
    path: Path
    unknown: list[str] | None
    aside: Aside | None = None

    def wait(self) -> list[BuildError]:
        if self.unknown is None and self.aside is not None:
            self.unknown = self.aside.result()[0]  # type: ignore[assignment]
        return [
            BuildError(
                self.first[word].loc.path,
                f"unknown word {word!r}: not in the {self.path.name} dictionary or manuscript/{WORD_LIST}",
                self.first[word].line_of(word),
            )
            for word in self.unknown or []
        ]

    def cancel(self) -> None:
        if self.aside is not None:
            self.aside.cancel()


def unknown_words(words: list[str], path: Path, cache_dir: Path) -> list[str]:
    """The words the dictionary does not know, remembering answers so that a rebuild need not load it."""
    key, answers = _answers(path, cache_dir)
    record = cache_dir / "spelling.json"
    new = [w for w in words if w not in answers]
    if new:
        dictionary = _dictionary(path)
        answers.update({w: bool(dictionary.lookup(w)) for w in new})
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            write_json(record, {"key": key, "answers": answers})
        except OSError:
            pass  # the record only saves time
    return [w for w in words if not answers[w]]


def _answers(path: Path, cache_dir: Path) -> tuple[str, dict[str, bool]]:
    """The dictionary's key, and the answers it gave before, as the record in cache_dir keeps them."""
    key = hashlib.sha256(path.with_suffix(".dic").read_bytes() + path.with_suffix(".aff").read_bytes()).hexdigest()
    known = read_json(cache_dir / "spelling.json")
    answers = known.get("answers", {}) if known.get("key") == key else {}
    if not isinstance(answers, dict) or not all(isinstance(v, bool) for v in answers.values()):
        answers = {}
    return key, answers
