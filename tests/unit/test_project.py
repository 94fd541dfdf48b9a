"""The build moment: SOURCE_DATE_EPOCH, whole seconds, within what every output can record."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from edition.errors import BuildError
from edition.project import Project, fixed_time


def test_the_moment_is_given_explicitly(tmp_path):
    assert Project.at(tmp_path, "951782400").moment == datetime(2000, 2, 29, tzinfo=UTC)


@pytest.mark.parametrize("value", ["7258118400", "-1"])  # 2200, and before 1970
def test_a_moment_the_outputs_cannot_record_is_one_line_naming_the_range(tmp_path, value):
    with pytest.raises(BuildError, match=r"out of range: it must lie between 0 \(1970-01-01\) and \d+ \(2107-12-31\)"):
        fixed_time(tmp_path, value)


def test_a_moment_that_is_not_a_number_is_refused(tmp_path):
    with pytest.raises(BuildError, match="whole number of seconds"):
        fixed_time(tmp_path, "tomorrow")
