"""Credential files: where they live, their formats, safe writes, and the status report.

A pure library (no tornado) so it can be used and tested alone; the server routes call it.
"""

from .atomic import (
    DirectoryTargetError,
    SymlinkTargetError,
    UnsafeTargetError,
    atomic_write_json,
    move_to_backup,
)
from .formats import InvalidServiceAccountKey, validate_project_id, validate_service_account
from .paths import CredentialPaths, resolve_paths
from .report import describe_sources
from .store import CredentialStore, SignOutResult, WrittenFile
from .validity import check_refresh, clear_cache

__all__ = [
    "CredentialPaths",
    "CredentialStore",
    "DirectoryTargetError",
    "InvalidServiceAccountKey",
    "SignOutResult",
    "SymlinkTargetError",
    "UnsafeTargetError",
    "WrittenFile",
    "atomic_write_json",
    "check_refresh",
    "clear_cache",
    "describe_sources",
    "move_to_backup",
    "resolve_paths",
    "validate_project_id",
    "validate_service_account",
]
