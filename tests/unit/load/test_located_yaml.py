import pytest
from helpers import PROJECT

from edition.errors import BuildError
from edition.load.located_yaml import parse_yaml
from edition.load.reader import read_text


def test_remembers_lines():
    data = parse_yaml("a: 1\nb:\n  c: x\n", "f.yaml")
    assert data.line_of("b") == 2
    assert data["b"].line_of("c") == 3


def test_dates_stay_strings():
    assert parse_yaml("d: 2000-02-02\n", "f.yaml")["d"] == "2000-02-02"


def test_duplicate_key_names_both_lines():
    with pytest.raises(BuildError) as err:
        parse_yaml("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert str(err.value) == "f.yaml:3: duplicate key 'a' (first given on line 1)"


def test_malformed_yaml_names_line():
    with pytest.raises(BuildError) as err:
        parse_yaml("a: [1, 2\nb: 3\n", "f.yaml")
    assert str(err.value).startswith("f.yaml:")
    assert "malformed YAML" in str(err.value)


def test_not_utf8_names_line(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(b"fine\nalso fine\nbad \xff here\n")
    with pytest.raises(BuildError) as err:
        read_text(path, "x.md")
    assert str(err.value) == "x.md:3: not UTF-8 (byte 0xff cannot be decoded)"


# parse_yaml reads with libyaml and falls back to PyYAML's Python loader on any refusal: what libyaml accepts must
# come out exactly as the Python loader gives it, every line and every block scalar's source included.
_TRICKY = (
    "title: Mitrovicë – “Ibar” 𝄞\nnote: |\n  Zvečan é\n  second\n\nfolded: >-\n  a ü\n  b\n",
    "- a: é\n  b: |+\n    x\n\n- [1, 2]\n- {k: 𝄞}\n",
    "k: 'quoted\n  é'\nd: 2000-02-02\nn: ~\nt: yes\n",
)


def _located(value):
    """A value with every line the loader recorded, to compare two loads in full."""
    if isinstance(value, dict):
        kept = (value.line, value.key_lines, value.text_lines, value.sources)
        return ("map", kept, {key: _located(item) for key, item in value.items()})
    if isinstance(value, list):
        return ("seq", value.line, value.item_lines, [_located(item) for item in value])
    return (type(value).__name__, value)


_YAML_FILES = sorted([*PROJECT.glob("manuscript/*.yaml"), *PROJECT.glob("tests/fixtures/*/manuscript/*.yaml")])


@pytest.mark.parametrize(
    "text",
    [*_TRICKY, *(path.read_text(encoding="utf-8") for path in _YAML_FILES)],
    ids=[*(f"tricky-{n}" for n in range(len(_TRICKY))), *(str(path.relative_to(PROJECT)) for path in _YAML_FILES)],
)
def test_libyaml_loads_exactly_what_the_python_loader_loads(text):
    from edition.load.located_yaml import _FastLoader, _Loader, _single_data

    fast = _single_data(_FastLoader, text, "f.yaml")
    assert _located(fast) == _located(_single_data(_Loader, text, "f.yaml"))
