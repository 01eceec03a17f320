""" "Set in kernels" on a real server: the kernel of a granted notebook starts with its secret as
an environment variable; the kernel of any other notebook never has it. Kernels are started the
way JupyterLab starts them (a session for a notebook path), so this also checks what
jupyter_server puts in ``JPY_SESSION_NAME``."""

from __future__ import annotations

import pytest

from jupyterlab_google_auth.secrets.store import SecretStore

KEY = "AIzaSyKernelEnvTestKey0000000000000000"
PRINT_ENV = "import os; print(os.environ.get('JPY_SESSION_NAME'), 'GEMINI_API_KEY' in os.environ)"


@pytest.fixture
def store(monkeypatch):
    monkeypatch.delenv("GEMINI_API_KEY", raising=False)
    s = SecretStore()
    s.put("GEMINI_API_KEY", KEY, env=True)
    return s


async def kernel_says(serverapp, path: str, code: str, rename_to: str | None = None) -> str:
    """Start a session for ``path`` as JupyterLab does (and rename it, as the sessions route
    does when a notebook is renamed), run ``code``, answer its stdout."""
    name = path.rsplit("/", 1)[-1]
    session = await serverapp.session_manager.create_session(
        path=path, name=name, type="notebook", kernel_name="python3"
    )
    if rename_to is not None:
        await serverapp.session_manager.update_session(session["id"], path=rename_to)
    kernel_id = session["kernel"]["id"]
    client = serverapp.kernel_manager.get_kernel(kernel_id).blocking_client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        out: list[str] = []
        client.execute_interactive(
            code,
            timeout=30,
            output_hook=lambda m: (
                out.append(m["content"].get("text", "")) if m["msg_type"] == "stream" else None
            ),
        )
        return "".join(out).strip()
    finally:
        client.stop_channels()
        await serverapp.session_manager.delete_session(session["id"])


async def test_only_the_granted_notebooks_kernel_gets_the_variable(
    jp_serverapp, jp_root_dir, store
):
    (jp_root_dir / "work").mkdir()
    granted = jp_root_dir / "work" / "granted.ipynb"
    store.set_grant(str(granted), "GEMINI_API_KEY", True)
    assert await kernel_says(jp_serverapp, "work/granted.ipynb", PRINT_ENV) == f"{granted} True"
    other = jp_root_dir / "work" / "other.ipynb"
    assert await kernel_says(jp_serverapp, "work/other.ipynb", PRINT_ENV) == f"{other} False"


async def test_not_when_marked_off_or_the_store_is_off(jp_serverapp, jp_root_dir, store):
    notebook = str(jp_root_dir / "a.ipynb")
    store.set_grant(notebook, "GEMINI_API_KEY", True)
    get_env = jp_serverapp.session_manager.get_kernel_env
    assert get_env("a.ipynb", "a.ipynb")["GEMINI_API_KEY"] == KEY
    store.set_env("GEMINI_API_KEY", False)
    assert "GEMINI_API_KEY" not in get_env("a.ipynb", "a.ipynb")
    store.set_env("GEMINI_API_KEY", True)
    jp_serverapp.web_app.settings["google_auth"].allow_secrets = False
    assert "GEMINI_API_KEY" not in get_env("a.ipynb", "a.ipynb")


async def test_a_renamed_notebooks_kernel_knows_its_new_name(jp_serverapp, jp_root_dir, store):
    """A grant to the old name must not follow the kernel (nor pass to the next Untitled)."""
    store.set_grant(str(jp_root_dir / "Untitled.ipynb"), "GEMINI_API_KEY", True)
    code = "from jupyterlab_google_auth import userdata\nprint(userdata._notebook())"
    said = await kernel_says(jp_serverapp, "Untitled.ipynb", code, rename_to="analysis.ipynb")
    assert said == str(jp_root_dir / "analysis.ipynb")
    check = (
        "from jupyterlab_google_auth import userdata\n"
        "try:\n"
        "    userdata.get('GEMINI_API_KEY', timeout=0.5)\n"
        "    print('read at once')\n"
        "except userdata.NotebookAccessError:\n"
        "    print('asked')"
    )
    said = await kernel_says(jp_serverapp, "Untitled.ipynb", check, rename_to="other.ipynb")
    assert said == "asked"
