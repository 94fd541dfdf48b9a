"""The one WeasyPrint whose private code the build replaces, and the check that it is the one installed."""

from __future__ import annotations

from ...errors import BuildError

VERSION = "70.0"  # pyproject.toml pins WeasyPrint to this


def require(name: str, owner: object, where: str) -> None:
    """A BuildError unless the installed WeasyPrint is VERSION and `owner` still has `name`.

    A build with any other WeasyPrint would silently lose the replacement
    made in `where`, so it stops instead.
    """
    import weasyprint

    if weasyprint.__version__ != VERSION or not hasattr(owner, name):
        raise BuildError(
            None,
            f"WeasyPrint {weasyprint.__version__} is installed, but the build replaces a private part of "
            f"WeasyPrint {VERSION} ({where}): pip install weasyprint=={VERSION}",
        )
