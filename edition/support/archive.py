"""Reproducible zip files: entries in the order given, one fixed timestamp, fixed permissions."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from .storage import naming


def write_zip(files: Iterable[tuple[str, bytes]], target: Path, moment: datetime, stored: tuple[str, ...] = ()) -> None:
    """Zip files in the given order, dated moment; the names in stored are not compressed.

    The files may be made as they are reached (a generator), so that no more than one is held at once.
    """
    # A zip entry cannot record a year before 1980.
    stamp = (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)
    with naming(target), zipfile.ZipFile(target, "w") as zf:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.create_system = 3
            if name in stored:
                info.compress_type = zipfile.ZIP_STORED
                zf.writestr(info, data)
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, data, compresslevel=9)
