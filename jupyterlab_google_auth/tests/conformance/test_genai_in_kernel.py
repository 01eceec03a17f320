"""The real google-genai client (PyPI) in a real ipykernel, with the key from the secret store:
through ``userdata.get`` and through "set in kernels" (``genai.Client()`` with no arguments);
its model list reaches the fake Generative Language API and succeeds. Without a key it fails
as the SDK documents ("No API key was provided"), and with a key Google refuses it raises the
SDK's ClientError carrying Google's reason.

The SDK is pointed at the fake through its documented ``GOOGLE_GEMINI_BASE_URL`` variable (the
same as ``http_options={"base_url": ...}``); it then calls ``<base>/v1/models``.
"""

# ruff: noqa: F811  (the runtime fixture comes from kernel_helpers)

from __future__ import annotations

import pytest

from jupyterlab_google_auth.secrets.store import SecretStore
from jupyterlab_google_auth.tests.kernel_helpers import Kernel, kernel_env, runtime  # noqa: F401

LIST = (
    "from google import genai\n"
    "client = genai.Client({args})\n"
    "print(sorted(m.name for m in client.models.list()))"
)


@pytest.fixture
def notebook(tmp_path):
    return str(tmp_path / "gemini.ipynb")


@pytest.fixture
def kernel(tmp_path, runtime, notebook, fake_google):
    env = kernel_env(str(tmp_path / "home"), str(runtime))
    for name in list(env):
        if name.lower().endswith("_proxy") or name.startswith(("GOOGLE_", "GEMINI_")):
            del env[name]
    env.update(JPY_SESSION_NAME=notebook, GOOGLE_GEMINI_BASE_URL=fake_google.url)
    k = Kernel(env)
    yield k
    k.stop()


def models_listed(fake_google) -> list[dict]:
    return fake_google.log("generativelanguage_models")


def test_a_key_read_with_userdata(kernel, fake_google, notebook):
    key = fake_google.mint_api_key()
    store = SecretStore()
    store.put("GEMINI_API_KEY", key)
    store.set_grant(notebook, "GEMINI_API_KEY", True)
    code = "from jupyterlab_google_auth import userdata\n" + LIST.format(
        args="api_key=userdata.get('GEMINI_API_KEY')"
    )
    run = kernel.run(code)
    assert "models/gemini-2.5-flash" in run.stdout()
    assert key not in run.stdout()
    assert models_listed(fake_google)


def test_a_key_set_in_kernels_needs_no_code(kernel, fake_google, notebook):
    store = SecretStore()
    store.put("GEMINI_API_KEY", fake_google.mint_api_key(), env=True)
    store.set_grant(notebook, "GEMINI_API_KEY", True)
    # A running kernel catches up as the front end makes it (at start, the server sets it).
    kernel.run("from jupyterlab_google_auth import userdata\nuserdata.sync_environment()")
    assert "models/gemini-2.5-pro" in kernel.run(LIST.format(args="")).stdout()


def test_without_a_key_the_sdk_fails_as_documented(kernel, fake_google):
    run = kernel.collect(kernel.send(LIST.format(args="")))
    assert run.reply["status"] == "error"
    assert run.reply["ename"] == "ValueError" and "No API key was provided" in run.reply["evalue"]
    assert not models_listed(fake_google)


def test_a_refused_key_raises_the_sdks_client_error(kernel, fake_google):
    key = fake_google.mint_api_key("restricted")
    run = kernel.collect(kernel.send(LIST.format(args=f"api_key={key!r}")))
    assert run.reply["status"] == "error" and run.reply["ename"] == "ClientError"
    assert "403" in run.reply["evalue"] and "API_KEY_SERVICE_BLOCKED" in run.reply["evalue"]
