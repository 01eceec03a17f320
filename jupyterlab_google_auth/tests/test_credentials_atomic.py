"""Atomic private writes: all-or-nothing, 0600/0700, no links followed, a few backups kept."""

import json
import os
import stat

import pytest

from jupyterlab_google_auth.credentials import atomic
from jupyterlab_google_auth.credentials.atomic import (
    BACKUPS_KEPT,
    DirectoryTargetError,
    SymlinkTargetError,
    atomic_write_json,
    move_to_backup,
)

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions and links")


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def names(directory) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@posix_only
def test_new_file_and_directories_are_private(tmp_path):
    target = tmp_path / "a" / "b" / "credentials"
    old_umask = os.umask(0o022)
    try:
        assert atomic_write_json(target, {"k": "v"}) is None
    finally:
        os.umask(old_umask)
    assert json.loads(target.read_text()) == {"k": "v"}
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
    assert mode(target.parent.parent) == 0o700


@posix_only
def test_existing_directory_permissions_are_not_changed(tmp_path):
    d = tmp_path / "shared"
    d.mkdir(mode=0o755)
    os.chmod(d, 0o755)
    atomic_write_json(d / "f.json", {})
    assert mode(d) == 0o755
    assert mode(d / "f.json") == 0o600


@posix_only
def test_replacing_a_loose_file_makes_it_private(tmp_path):
    target = tmp_path / "f.json"
    target.write_text("{}")
    os.chmod(target, 0o644)
    atomic_write_json(target, {"new": 1})
    assert mode(target) == 0o600


def test_failure_between_write_and_rename_leaves_old_file(tmp_path, monkeypatch):
    target = tmp_path / "credentials"
    atomic_write_json(target, {"refresh_token": "old"})
    before = target.read_bytes()
    listing = names(tmp_path)

    def boom(tmp, dest):
        assert tmp.exists() and json.loads(tmp.read_text()) == {"refresh_token": "new"}
        raise OSError("disk on fire")

    monkeypatch.setattr(atomic, "before_replace", boom)
    with pytest.raises(OSError, match="disk on fire"):
        atomic_write_json(target, {"refresh_token": "new"})
    assert target.read_bytes() == before
    assert names(tmp_path) == listing  # no temporary file, no stray backup


def test_failure_of_the_rename_itself_leaves_old_file(tmp_path, monkeypatch):
    target = tmp_path / "credentials"
    atomic_write_json(target, {"v": 1})
    before = target.read_bytes()
    listing = names(tmp_path)

    def failing_replace(src, dst):
        raise PermissionError("no")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(PermissionError):
        atomic_write_json(target, {"v": 2})
    assert target.read_bytes() == before
    assert names(tmp_path) == listing


def test_unserialisable_data_writes_nothing(tmp_path):
    target = tmp_path / "credentials"
    with pytest.raises(TypeError):
        atomic_write_json(target, {"x": object()})
    assert not target.exists()


@posix_only
def test_symlink_target_is_refused(tmp_path):
    real = tmp_path / "elsewhere.json"
    real.write_text('{"keep": true}')
    link = tmp_path / "credentials"
    link.symlink_to(real)
    with pytest.raises(SymlinkTargetError, match="symbolic link.*Remove the link"):
        atomic_write_json(link, {"x": 1})
    assert real.read_text() == '{"keep": true}'
    assert link.is_symlink()


@posix_only
def test_dangling_symlink_target_is_refused(tmp_path):
    link = tmp_path / "credentials"
    link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(SymlinkTargetError):
        atomic_write_json(link, {"x": 1})
    assert not (tmp_path / "nowhere").exists()


def test_directory_target_is_refused(tmp_path):
    (tmp_path / "credentials").mkdir()
    with pytest.raises(DirectoryTargetError, match="is a directory"):
        atomic_write_json(tmp_path / "credentials", {"x": 1})
    assert (tmp_path / "credentials").is_dir()


def test_backups_rotate_keeping_five(tmp_path):
    target = tmp_path / "credentials"
    made = []
    for i in range(9):
        backup = atomic_write_json(target, {"n": i})
        if backup is not None:
            made.append(backup)
    assert len(made) == 8
    backups = sorted(p for p in tmp_path.iterdir() if ".bak-" in p.name)
    assert len(backups) == BACKUPS_KEPT
    assert backups == made[-BACKUPS_KEPT:]
    # The newest backup holds the file as it was just before the last write.
    assert json.loads(backups[-1].read_text()) == {"n": 7}
    assert json.loads(target.read_text()) == {"n": 8}
    if os.name != "nt":
        assert all(mode(b) == 0o600 for b in backups)


def test_backup_name_format(tmp_path):
    target = tmp_path / "credentials"
    atomic_write_json(target, {})
    backup = atomic_write_json(target, {"x": 1})
    assert backup is not None
    assert backup.parent == tmp_path
    suffix = backup.name.removeprefix("credentials.bak-")
    assert len(suffix) == len("20250101T120000123456") and suffix[8] == "T"


def test_move_to_backup(tmp_path):
    target = tmp_path / "application_default_credentials.json"
    assert move_to_backup(target) is None
    atomic_write_json(target, {"refresh_token": "t"})
    backup = move_to_backup(target)
    assert backup is not None and not target.exists()
    assert json.loads(backup.read_text()) == {"refresh_token": "t"}
    if os.name != "nt":
        assert mode(backup) == 0o600


@posix_only
def test_move_to_backup_refuses_symlink(tmp_path):
    real = tmp_path / "real"
    real.write_text("{}")
    (tmp_path / "credentials").symlink_to(real)
    with pytest.raises(SymlinkTargetError):
        move_to_backup(tmp_path / "credentials")
