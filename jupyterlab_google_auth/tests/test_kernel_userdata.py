"""``userdata.get`` in a real ipykernel, Colab's way: a missing name, a granted notebook, the
prompt answered Allow or Deny, a timeout, an interrupt, and "set in kernels" variables.

The test plays the server's part: it writes the store (as ``POST secrets`` does) and the
answer file (as ``POST secrets/requests/<id>`` does) while the kernel waits in the cell.
"""

# ruff: noqa: F811  (the runtime fixture comes from kernel_helpers)

from __future__ import annotations

import pytest

from jupyterlab_google_auth import userdata
from jupyterlab_google_auth.secrets import answers
from jupyterlab_google_auth.secrets.prompt import MIME_TYPE
from jupyterlab_google_auth.secrets.store import SecretStore
from jupyterlab_google_auth.tests.kernel_helpers import Kernel, kernel_env, runtime  # noqa: F401

KEY = "AIzaSyKernelTestKey00000000000000000000"
GET = "from jupyterlab_google_auth import userdata\nv = userdata.get('GEMINI_API_KEY'{extra})"


@pytest.fixture
def notebook(tmp_path):
    return str(tmp_path / "work" / "analysis.ipynb")


@pytest.fixture
def store():
    s = SecretStore()
    s.put("GEMINI_API_KEY", KEY, env=True)
    return s


@pytest.fixture
def kernel(tmp_path, runtime, notebook, store):
    env = kernel_env(str(tmp_path / "home"), str(runtime))
    env["JPY_SESSION_NAME"] = notebook  # what jupyter_server gives a notebook's kernel
    env.pop("GEMINI_API_KEY", None)
    k = Kernel(env)
    yield k
    k.stop()


def prompts(run, msg_type="display_data"):
    return [
        o["content"]["data"][MIME_TYPE]
        for o in run.outputs
        if o["msg_type"] == msg_type and MIME_TYPE in o["content"].get("data", {})
    ]


def start_waiting(kernel, code):
    run = kernel.collect(kernel.send(code), 30, until=lambda r: bool(prompts(r)))
    [prompt] = prompts(run)
    assert prompt["state"] == "pending" and prompt["name"] == "GEMINI_API_KEY"
    return run, prompt


def error_of(run):
    assert run.reply is not None and run.reply["status"] == "error", run.reply
    return run.reply["ename"], run.reply["evalue"]


def never_shown(run):
    """The value is in no output of the cell (the echo of the test's own code aside)."""
    shown = [o["content"] for o in run.outputs if o["msg_type"] != "execute_input"]
    assert KEY not in str(shown) and KEY not in str(run.reply)


def test_a_missing_name_is_colabs_secret_not_found(kernel):
    run = kernel.collect(kernel.send(GET.replace("GEMINI_API_KEY", "OTHER_KEY").format(extra="")))
    name, message = error_of(run)
    assert name == "SecretNotFoundError" and "Secrets panel" in message
    assert not prompts(run)


def test_a_granted_notebook_reads_at_once(kernel, store, notebook):
    store.set_grant(notebook, "GEMINI_API_KEY", True)
    run = kernel.run(GET.format(extra="") + f"\nprint(v == {KEY!r})")
    assert run.stdout() == "True\n" and not prompts(run)
    never_shown(run)


def test_allow_returns_the_value_and_sets_the_variable(kernel, store, notebook):
    run, prompt = start_waiting(kernel, GET.format(extra=""))
    assert prompt["notebook"] == notebook
    assert "Secrets panel" in run.outputs[-1]["content"]["data"]["text/plain"]
    # The server's part: the grant first, then the answer file.
    store.set_grant(notebook, "GEMINI_API_KEY", True)
    answers.write_answer(prompt["request_id"], "allow")
    run = kernel.collect(run)
    assert run.reply["status"] == "ok", run.reply
    assert prompts(run, "update_display_data")[-1]["state"] == "allowed"
    check = kernel.run(f"import os\nprint(v == {KEY!r}, os.environ.get('GEMINI_API_KEY') == v)")
    assert check.stdout() == "True True\n"
    assert not answers.answer_path(prompt["request_id"]).exists()  # the kernel cleaned up
    never_shown(run)


def test_the_panels_switch_also_ends_the_wait(kernel, store, notebook):
    run, _ = start_waiting(kernel, GET.format(extra=""))
    store.set_grant(notebook, "GEMINI_API_KEY", True)
    assert kernel.collect(run).reply["status"] == "ok"


def test_deny_raises_notebook_access_error(kernel, store, notebook):
    run, prompt = start_waiting(kernel, GET.format(extra=""))
    answers.write_answer(prompt["request_id"], "deny")
    name, message = error_of(kernel.collect(run))
    assert name == "NotebookAccessError" and "denied" in message
    assert prompts(run, "update_display_data")[-1]["state"] == "denied"
    assert store.grants() == {}
    assert kernel.run("import os\nprint('GEMINI_API_KEY' in os.environ)").stdout() == "False\n"


def test_no_answer_in_time_is_notebook_access_error(kernel):
    run = kernel.collect(kernel.send(GET.format(extra=", timeout=1")))
    name, message = error_of(run)
    assert name == "NotebookAccessError" and "No answer within 1 seconds" in message
    assert prompts(run, "update_display_data")[-1]["state"] == "timeout"


def test_an_interrupt_stops_the_wait(kernel):
    run, _ = start_waiting(kernel, GET.format(extra=""))
    kernel.km.interrupt_kernel()
    name, _ = error_of(kernel.collect(run))
    assert name == "KeyboardInterrupt"
    assert prompts(run, "update_display_data")[-1]["state"] == "interrupted"
    assert kernel.run("print(1)").stdout() == "1\n"  # the kernel is usable again


def test_sync_environment_follows_grants(kernel, store, notebook):
    sync = "from jupyterlab_google_auth import userdata\nprint(userdata.sync_environment())"
    assert "'set': []" in kernel.run(sync).stdout()  # not granted: nothing set
    store.set_grant(notebook, "GEMINI_API_KEY", True)
    assert "'set': ['GEMINI_API_KEY']" in kernel.run(sync).stdout()
    store.set_grant(notebook, "GEMINI_API_KEY", False)
    assert "'removed': ['GEMINI_API_KEY']" in kernel.run(sync).stdout()
    assert kernel.run("import os\nprint('GEMINI_API_KEY' in os.environ)").stdout() == "False\n"


# -- without a kernel: the refusals that need no prompt ------------------------------------


def test_a_kernel_without_a_notebook_cannot_be_granted(store, monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    with pytest.raises(userdata.NotebookAccessError, match="JPY_SESSION_NAME"):
        userdata.get("GEMINI_API_KEY")


def test_a_name_that_is_no_name(store):
    with pytest.raises(userdata.SecretNotFoundError, match="environment variables"):
        userdata.get("gemini key")


def test_userdata_imports_no_server_or_http_library():
    import subprocess
    import sys

    probe = (
        "import sys; from jupyterlab_google_auth import userdata; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'jupyter_server', 'tornado', 'requests', 'google', 'oauthlib'}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
