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


def _own(name: str) -> str:
    return "_own_" + name.lstrip("_")


def replace(owner: object, name: str, new: object, where: str) -> None:
    """Put `new` in place of the pinned WeasyPrint's `owner.name`, keeping the original as `owner._own_<name>`."""
    require(name, owner, where)
    if not getattr(owner, _own(name), None):
        setattr(owner, _own(name), getattr(owner, name))
        setattr(owner, name, new)


def restore(owner: object, name: str) -> None:
    """Put WeasyPrint's own `owner.name` back."""
    original = getattr(owner, _own(name), None)
    if original:
        setattr(owner, name, original)
        delattr(owner, _own(name))
