"""The administrator's policy reaches kernels, and grants follow their notebook.

A kernel reads the store file itself, so ``allow_secrets=False`` on the server must reach it:
a real ipykernel granted access before the store was turned off reads nothing after, on a live
server (the trait changed at run time) as after a restart. And a notebook deleted (or renamed)
through the contents manager takes its grants along: a new notebook at its path is asked again.
"""

from __future__ import annotations

import asyncio

import pytest

from jupyterlab_google_auth.secrets import published_policy
from jupyterlab_google_auth.secrets.store import SecretStore
from jupyterlab_google_auth.tests.kernel_helpers import Kernel, kernel_env

KEY = "AIzaSyPolicyGapTestKey00000000000000000"
READ = (
    "from jupyterlab_google_auth import userdata\n"
    "try:\n"
    f"    print(userdata.get('GEMINI_API_KEY', timeout=1) == {KEY!r})\n"
    "except userdata.NotebookAccessError as e:\n"
    "    print('refused:', e)\n"
    "print(userdata.sync_environment())\n"
    "import os; print('GEMINI_API_KEY' in os.environ)"
)


@pytest.fixture
def store(monkeypatch):
    monkeypatch.delenv("GEMINI_API_KEY", raising=False)
    s = SecretStore()
    s.put("GEMINI_API_KEY", KEY, env=True)
    return s


@pytest.fixture
def granted_kernel(tmp_path, jp_serverapp, jp_runtime_dir, store):
    # After the server: it publishes the policy when it loads, as in JupyterLab.
    notebook = str(tmp_path / "work" / "granted.ipynb")
    store.set_grant(notebook, "GEMINI_API_KEY", True)
    env = kernel_env(str(tmp_path / "home"), str(jp_runtime_dir))
    env["JPY_SESSION_NAME"] = notebook
    env.pop("GEMINI_API_KEY", None)
    k = Kernel(env)
    yield k
    k.stop()


async def test_a_granted_kernel_reads_nothing_once_the_store_is_off(
    jp_serverapp, store, granted_kernel
):
    assert not published_policy.policy_path().exists()  # the default writes nothing
    before = granted_kernel.run(READ).stdout().splitlines()
    assert before[0] == "True" and before[-1] == "True"  # granted: value and variable
    # The administrator turns the store off on the running server.
    jp_serverapp.web_app.settings["google_auth"].allow_secrets = False
    after = granted_kernel.run(READ).stdout().splitlines()
    assert after[0].startswith("refused:") and "GoogleAuth.allow_secrets" in after[0]
    assert "'removed': ['GEMINI_API_KEY']" in after[1]  # the variable is taken back
    assert after[-1] == "False"
    assert KEY not in "\n".join(after)
    # And back on: the grant, kept in the store, works again.
    jp_serverapp.web_app.settings["google_auth"].allow_secrets = True
    again = granted_kernel.run(READ).stdout().splitlines()
    assert again[0] == "True"
    assert not published_policy.policy_path().exists()


async def test_names_outside_the_allowed_list_are_refused_in_kernels(
    jp_serverapp, store, granted_kernel
):
    jp_serverapp.web_app.settings["google_auth"].allowed_secret_names = ["MAPS_API_KEY"]
    out = granted_kernel.run(READ).stdout().splitlines()
    assert out[0].startswith("refused:") and "MAPS_API_KEY" in out[0]
    assert out[-1] == "False"


def test_a_policy_file_that_is_not_ours_fails_closed(store):
    path = published_policy.policy_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("not json")
    assert "allow_secrets" in (published_policy.refusal("GEMINI_API_KEY") or "")
    path.unlink()
    assert published_policy.refusal("GEMINI_API_KEY") is None  # no file: no policy


async def until(condition, seconds=10.0):
    """The contents manager's listeners run as tasks: wait for their effect, bounded."""
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    while not condition():
        assert loop.time() < end, "the grants did not change"
        await asyncio.sleep(0.05)


async def test_a_deleted_notebooks_grants_are_dropped(jp_serverapp, jp_root_dir, store):
    contents = jp_serverapp.contents_manager
    await contents.new(path="old.ipynb")
    await contents.new(path="kept.ipynb")
    old, kept = str(jp_root_dir / "old.ipynb"), str(jp_root_dir / "kept.ipynb")
    store.set_grant(old, "GEMINI_API_KEY", True)
    store.set_grant(kept, "GEMINI_API_KEY", True)
    await contents.delete("old.ipynb")
    await until(lambda: old not in store.grants())
    # A new notebook at the same path inherits nothing; the other keeps its grant.
    await contents.new(path="old.ipynb")
    assert not store.granted(old, "GEMINI_API_KEY")
    assert store.granted(kept, "GEMINI_API_KEY")


async def test_a_renamed_notebook_or_directory_takes_its_grants(jp_serverapp, jp_root_dir, store):
    contents = jp_serverapp.contents_manager
    await contents.new(path="a.ipynb")
    (jp_root_dir / "dir").mkdir()
    await contents.new(path="dir/b.ipynb")
    a, b = str(jp_root_dir / "a.ipynb"), str(jp_root_dir / "dir" / "b.ipynb")
    store.set_grant(a, "GEMINI_API_KEY", True)
    store.set_grant(b, "GEMINI_API_KEY", True)
    await contents.rename("a.ipynb", "renamed.ipynb")
    await until(lambda: a not in store.grants())
    assert store.granted(str(jp_root_dir / "renamed.ipynb"), "GEMINI_API_KEY")
    await contents.rename("dir", "moved")
    await until(lambda: b not in store.grants())
    assert store.granted(str(jp_root_dir / "moved" / "b.ipynb"), "GEMINI_API_KEY")
