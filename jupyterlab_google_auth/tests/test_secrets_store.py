"""The store file on its own: private, never through a link, a broken file refused with what to
do, and grants keyed by the notebook's absolute path."""

from __future__ import annotations

import os
import stat

import pytest

from jupyterlab_google_auth.credentials import UnsafeTargetError
from jupyterlab_google_auth.secrets.errors import SecretError
from jupyterlab_google_auth.secrets.store import (
    SecretStore,
    StoreUnreadable,
    notebook_key,
    store_path,
)

KEY = "AIzaSyStoreTestKey000000000000000000000"


def test_the_file_lives_under_home_privately(tmp_path):
    store = SecretStore()
    store.put("GEMINI_API_KEY", KEY)
    path = store_path()
    assert path == tmp_path / "home" / ".config" / "jupyterlab-google-auth" / "secrets.json"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700


def test_a_link_at_the_file_is_refused(tmp_path):
    path = store_path()
    path.parent.mkdir(parents=True, mode=0o700)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text('{"version": 1, "secrets": {}, "grants": {}}')
    path.symlink_to(elsewhere)
    with pytest.raises(StoreUnreadable, match="Move it away"):
        SecretStore().listing()
    with pytest.raises((StoreUnreadable, UnsafeTargetError)):
        SecretStore().put("GEMINI_API_KEY", KEY)
    assert KEY not in elsewhere.read_text()


@pytest.mark.parametrize("content", ["not json", "[]", '{"secrets": []}'])
def test_a_file_that_is_not_the_store_is_refused(content):
    path = store_path()
    path.parent.mkdir(parents=True, mode=0o700)
    path.write_text(content)
    with pytest.raises(StoreUnreadable, match="is not the secret store's file"):
        SecretStore().listing()


def test_notebook_keys_are_absolute_paths(tmp_path):
    assert notebook_key("work/a.ipynb", "/srv/root") == "/srv/root/work/a.ipynb"
    assert notebook_key("/srv/root/./work/../a.ipynb") == "/srv/root/a.ipynb"
    for bad in ("", "a\nb", "x" * 2000, None):
        with pytest.raises(SecretError):
            notebook_key(bad)  # type: ignore[arg-type]


def test_kernel_environment_is_only_granted_and_marked(tmp_path):
    store = SecretStore()
    store.put("GEMINI_API_KEY", KEY, env=True)
    store.put("GOOGLE_API_KEY", KEY + "2")  # granted, not marked "set in kernels"
    store.set_grant("/n/a.ipynb", "GEMINI_API_KEY", True)
    store.set_grant("/n/a.ipynb", "GOOGLE_API_KEY", True)
    assert store.kernel_environment("/n/a.ipynb") == {"GEMINI_API_KEY": KEY}
    assert store.kernel_environment("/n/b.ipynb") == {}
    assert store.kernel_environment(None) == {}
