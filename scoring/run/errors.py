"""The exceptions of a run that cannot start or go on."""
from __future__ import annotations

import errno
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

#: errno values of a file system with no room left: the run can go on once there is.
_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


class RunError(Exception):
    """A run cannot be done as asked (its message says why and what to do)."""


class OutputError(RunError):
    """An output file cannot be written: a read-only or missing folder, a full disk.
    ``path`` is the file, ``what`` says which of the run's files it is."""

    def __init__(self, path: Path | str, what: str, cause: OSError) -> None:
        self.path, self.what, self.errno = Path(path), what, cause.errno
        super().__init__(f"cannot write the {what} {path}: {_reason(Path(path), cause)}")

    @property
    def no_room(self) -> bool:
        """The disk (or the user's quota) is full: freeing space and resuming finishes the run."""
        return self.errno in _NO_ROOM


def _reason(path: Path, cause: OSError) -> str:
    """What went wrong, in words (an ancestor that is a file says which)."""
    if cause.errno in (errno.ENOTDIR, errno.EEXIST):
        for parent in path.parents:
            if parent.is_file():
                return f"{parent} is a file, not a folder"
    reason = cause.strerror or str(cause)
    if cause.filename is not None and Path(cause.filename) != path:
        reason += f" ({cause.filename})"
    return reason


@contextmanager
def writing(path: Path | str, what: str) -> Iterator[None]:
    """Turn an ``OSError`` raised inside the block into an :class:`OutputError` on ``path``."""
    try:
        yield
    except OutputError:
        raise
    except OSError as e:
        raise OutputError(path, what, e) from e
