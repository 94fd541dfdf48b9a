"""YAML loading that remembers where every value came from.

PyYAML forgets line numbers and silently keeps the last of two duplicate
keys; editors need both reported, so mappings and lists carry their lines.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml._yaml import CParser
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from ..errors import BuildError


class LocatedDict(dict):
    """A mapping with the line of the mapping and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]
    text_lines: dict[str, int]  # where each string value's text begins
    sources: dict[str, str]  # a block scalar's text as written, its lines unfolded, for locating within it

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def text_line(self, key: str) -> int:
        """The line a string value's text begins on: after its `|` or `>`, or where a plain string stands."""
        return self.text_lines.get(key, self.line_of(key))


class LocatedList(list):
    line: int = 0
    item_lines: list[int]


def _without_timestamps() -> dict:
    # Dates stay strings: the manuscript's date syntax (ranges, partial dates)
    # is parsed by the build, not by YAML.
    return {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class _Located:
    """What both loaders below share: anchors refused, and every mapping and list carrying its lines.

    `text` is the YAML as given; a node's marks index it by character with either parser (libyaml's marks
    count characters, not the UTF-8 bytes it reads), so a block scalar's source is a slice of it."""

    yaml_implicit_resolvers = _without_timestamps()
    path: str
    text: str

    def compose_node(self, parent, index):
        # Anchors and aliases have no place in a manuscript, and nested aliases expand without bound.
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor is not None:
            raise BuildError(
                self.path, "YAML anchors and aliases (&name, *name) are not allowed", event.start_mark.line + 1
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LocatedDict:
        result = LocatedDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        result.text_lines = {}
        result.sources = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise BuildError(
                    self.path,
                    f"duplicate key {key!r} (first given on line {result.key_lines[key]})",
                    key_node.start_mark.line + 1,
                )
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = key_node.start_mark.line + 1
            block = isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">")
            result.text_lines[key] = value_node.start_mark.line + 1 + (1 if block else 0)
            if block:
                written = self.text[value_node.start_mark.index : value_node.end_mark.index]
                result.sources[key] = written.partition("\n")[2]
        return result

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:
        result = LocatedList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


class _Loader(_Located, yaml.SafeLoader):
    """PyYAML's own loader, in Python: slow, and the one whose errors the build reports."""

    def __init__(self, stream: str, path: str):
        super().__init__(stream)
        self.path, self.text = path, stream


class _FastLoader(_Located, Composer, CParser, SafeConstructor, Resolver):
    """libyaml's parser (five times faster) under PyYAML's Python composer, which `compose_node` above needs:
    libyaml's own composer neither calls it nor keeps a node's anchor."""

    def __init__(self, stream: str, path: str):
        CParser.__init__(self, stream)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.path, self.text = path, stream


for _class in (_Loader, _FastLoader):
    _class.add_constructor("tag:yaml.org,2002:map", _Located.construct_mapping)
    _class.add_constructor("tag:yaml.org,2002:seq", _Located.construct_sequence)


def parse_yaml(text: str, path: str) -> Any:
    """Parse YAML text; errors become BuildError with the file and line."""
    try:
        return _single_data(_FastLoader, text, path)
    except Exception:  # any refusal at all (a BuildError too) is said again, in the slow loader's words, below
        pass
    # libyaml's messages are not PyYAML's, and its reader errors count bytes: a file libyaml refuses is read
    # again by the Python loader, whose errors (and lines) are the ones the build has always given.
    loader = None
    try:
        loader = _Loader(text, path)
        return loader.get_single_data()
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise BuildError(path, f"malformed YAML: character {exc.character!r} is not allowed", line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise BuildError(path, f"malformed YAML: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise BuildError(path, f"malformed YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _single_data(kind: type, text: str, path: str) -> Any:
    loader = kind(text, path)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
