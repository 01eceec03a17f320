"""The error of a write the credential store refuses (a link, a directory, a weak parent),
shared by the writer (atomic.py) and the directory checks (directories.py)."""


class UnsafeTargetError(OSError):
    """The target path is something we must not write over; the message says what to do."""
