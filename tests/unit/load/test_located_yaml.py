import pytest

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
