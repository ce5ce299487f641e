"""The installed relscore version, for ``relscore --version`` and the report footer."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def package_version(missing: str = "unknown") -> str:
    """The version of the installed ``relscore`` distribution; ``missing`` when
    it is not installed (running from a bare checkout)."""
    try:
        return version("relscore")
    except PackageNotFoundError:
        return missing
