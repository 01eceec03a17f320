"""A sign-in writes two files (Earth Engine's and ADC) as one change: both or neither.

Before anything is written, every target and its directories are checked (a link at the ADC
path used to be found only after the Earth Engine file had been replaced). When a later write
still fails, the files already written are put back from the backups just made (or removed when
there was no file before), and the error says what is where.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .atomic import UnsafeTargetError, atomic_write_bytes, check_target, read_regular
from .directories import check_directories


@contextmanager
def all_or_nothing(paths: list[Path], written: list[Any]) -> Iterator[None]:
    """``written`` is the list of WrittenFile the block appends to, in order."""
    for path in paths:
        check_directories(path.parent)
        check_target(path)
    try:
        yield
    except BaseException as exc:
        undone = [_undo(w) for w in written]
        if written and isinstance(exc, OSError):
            note = " ".join(undone)
            raise UnsafeTargetError(f"{exc} Nothing was changed: {note}") from exc
        raise


def _undo(written: Any) -> str:
    path: Path = written.path
    try:
        if written.backup is not None:
            atomic_write_bytes(path, read_regular(written.backup), backup=False)
            return f"{path} was restored from {written.backup}."
        os.unlink(path)
        return f"{path}, written by this sign-in, was removed again."
    except OSError as exc:
        return f"{path} could not be restored ({exc}); its previous content is in the backup."
