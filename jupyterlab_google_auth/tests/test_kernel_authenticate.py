"""authenticate(), %google_auth and the ee.Authenticate route in a real ipykernel.

The kernel only reads files: the test plays the server's part by writing the credential files
with the credential store (as a finished flow does) or the request's status file (as the
cell-requests route does), while the kernel is blocked in the cell.
"""

# ruff: noqa: F811  (the runtime fixture comes from kernel_helpers)

from __future__ import annotations

import json
import sys
import time

import pytest

from jupyterlab_google_auth import cell_status, ids
from jupyterlab_google_auth.credentials.store import CredentialStore
from jupyterlab_google_auth.ids import is_id
from jupyterlab_google_auth.scopes import PRESETS
from jupyterlab_google_auth.tests.kernel_helpers import Kernel, kernel_env, runtime  # noqa: F401

EE_SCOPES = list(PRESETS["earthengine"])
TOKEN = "1//kernel-test-refresh-token"
CLIENT = "1234-test.apps.googleusercontent.com"


@pytest.fixture
def kernel(tmp_path, runtime):
    k = Kernel(kernel_env(str(tmp_path / "home"), str(runtime)))
    yield k
    k.stop()


def write_credentials(targets=("earthengine", "adc"), scopes=EE_SCOPES, project="ee-alice"):
    CredentialStore().write_user_credentials(
        list(targets),
        refresh_token=TOKEN,
        client_id=CLIENT,
        client_secret="not-a-real-secret",
        scopes=scopes,
        account="alice@example.com",
        project=project,
    )


def has_bundle(run):
    return bool(run.bundles())


def start_waiting(kernel, code):
    """Runs ``code`` and returns once the panel's bundle is shown (the kernel is blocked)."""
    run = kernel.collect(kernel.send(code), 30, until=has_bundle)
    bundle = run.bundles()[0]
    assert bundle["state"] == "pending" and is_id(ids.REQUEST_ID, bundle["request_id"])
    return run, bundle


def error_of(run):
    assert run.reply is not None and run.reply["status"] == "error", run.reply
    return run.reply["ename"], run.reply["evalue"]


def test_returns_when_the_files_appear(kernel):
    run, bundle = start_waiting(
        kernel, "from jupyterlab_google_auth import authenticate\nr = authenticate()"
    )
    # The fallback for front ends without the renderer says what to do, and holds no secret.
    shown = run.outputs[-1]["content"]["data"]
    assert "Interrupt the kernel" in shown["text/plain"] and "text/html" in shown
    time.sleep(1)  # still waiting: nothing was written
    assert kernel.kc.is_alive()
    write_credentials()
    run = kernel.collect(run, 30)
    assert run.reply["status"] == "ok", run.reply
    done = run.bundles("update_display_data")
    assert done and done[-1]["state"] == "done" and done[-1]["request_id"] == bundle["request_id"]
    assert done[-1]["project"] == "ee-alice"
    out = kernel.run("print(r.account, r.project, r.targets, r.already_signed_in)").stdout()
    # The Earth Engine file records no e-mail; the default watches ee's own file.
    assert out.split() == ["None", "ee-alice", "('earthengine',)", "False"]
    everything = json.dumps([o["content"] for o in run.outputs])
    assert TOKEN not in everything and "not-a-real-secret" not in everything


def test_returns_at_once_when_credentials_fit(kernel):
    write_credentials()
    run = kernel.run(
        "import jupyterlab_google_auth.kernel as g, time\n"
        "t = time.monotonic()\n"
        "r = g.authenticate(targets=['earthengine', 'adc'])\n"
        "print(r.account, r.project, r.already_signed_in, time.monotonic() - t < 1)"
    )
    assert run.bundles() == []
    assert run.stdout().split() == ["alice@example.com", "ee-alice", "True", "True"]


def test_missing_scopes_or_another_project_do_not_fit(kernel):
    write_credentials(scopes=["https://www.googleapis.com/auth/cloud-platform"])
    code = "import jupyterlab_google_auth.kernel as g\ng.authenticate(timeout=1)"
    assert error_of(kernel.collect(kernel.send(code)))[0] == "AuthenticationTimeout"
    write_credentials()
    code = "g.authenticate(project='other-project', timeout=1)"
    assert error_of(kernel.collect(kernel.send(code)))[0] == "AuthenticationTimeout"


def test_times_out_with_a_clear_message(kernel):
    run = kernel.collect(
        kernel.send("import jupyterlab_google_auth.kernel as g\ng.authenticate(timeout=1.5)")
    )
    name, message = error_of(run)
    assert name == "AuthenticationTimeout" and "Run the cell again" in message
    ended = run.bundles("update_display_data")[-1]
    assert ended["state"] == "ended" and ended["reason"] == "timeout"


def test_a_kernel_interrupt_cancels(kernel):
    run, _ = start_waiting(kernel, "import jupyterlab_google_auth.kernel as g\ng.authenticate()")
    kernel.km.interrupt_kernel()
    run = kernel.collect(run)
    name, message = error_of(run)
    assert name == "AuthenticationCancelled" and "interrupted" in message
    assert run.bundles("update_display_data")[-1]["reason"] == "interrupted"
    assert kernel.run("print(1)").stdout() == "1\n"  # the kernel is usable again


@pytest.mark.parametrize(
    ("body", "name", "text"),
    [
        ({"outcome": "cancelled"}, "AuthenticationCancelled", "cancelled in the panel"),
        (
            {"outcome": "failed", "code": "access_denied", "message": "You did not allow it."},
            "AuthenticationFailed",
            "access_denied",
        ),
    ],
)
def test_cancel_and_deny_arrive_through_the_status_file(kernel, runtime, body, name, text):
    run, bundle = start_waiting(
        kernel, "import jupyterlab_google_auth.kernel as g\ng.authenticate()"
    )
    path = cell_status.write_outcome(bundle["request_id"], body)
    assert path.parent.parent == runtime and oct(path.stat().st_mode & 0o777) == "0o600"
    got = error_of(kernel.collect(run))
    assert got[0] == name and text in got[1]
    assert not path.exists()  # the kernel removes what it has read


def test_waits_for_the_project_when_none_is_set(kernel):
    """ee.Initialize() needs a project: a sign-in without one keeps the cell waiting."""
    run, _ = start_waiting(
        kernel, "import jupyterlab_google_auth.kernel as g\nr = g.authenticate()"
    )
    write_credentials(project=None)  # the flow wrote the files; the project step is next
    with pytest.raises(AssertionError, match="no answer"):
        kernel.collect(run, 1.5)  # still waiting for the project
    write_credentials(project="ee-alice")  # what PUT project writes
    assert kernel.collect(run, 30).reply["status"] == "ok"
    assert kernel.run("print(r.project)").stdout() == "ee-alice\n"


def test_the_adc_quota_project_is_a_project_for_ee(kernel):
    """ee.Initialize() falls back to ADC's quota_project_id: that is a project, nothing to ask."""
    write_credentials(targets=("earthengine",), project=None)
    write_credentials(targets=("adc",), project="ee-alice")
    run = kernel.run("import jupyterlab_google_auth.kernel as g\nprint(g.authenticate().project)")
    assert run.bundles() == [] and run.stdout() == "ee-alice\n"


def test_signed_in_without_a_project_asks_for_it(kernel):
    """Credentials that fit but name no project: the panel asks for the project only."""
    write_credentials(project=None)
    run, bundle = start_waiting(
        kernel, "import jupyterlab_google_auth.kernel as g\nr = g.authenticate()"
    )
    cell_status.write_outcome(bundle["request_id"], {"outcome": "skipped"})
    assert kernel.collect(run, 30).reply["status"] == "ok"
    assert kernel.run("print(r.account, r.project)").stdout() == "None None\n"


def test_force_waits_for_a_new_sign_in(kernel):
    write_credentials()
    run, _ = start_waiting(
        kernel, "import jupyterlab_google_auth.kernel as g\nr = g.authenticate(force=True)"
    )
    time.sleep(1.2)  # the fitting file already there does not end a forced sign-in
    assert not any(
        o["msg_type"] == "status" and o["content"]["execution_state"] == "idle" for o in run.outputs
    )
    write_credentials(project="ee-bob")
    assert kernel.collect(run).reply["status"] == "ok"
    assert kernel.run("print(r.project)").stdout() == "ee-bob\n"


def test_bad_arguments_say_what_to_pass(kernel):
    for code, fragment in [
        ("g.authenticate(preset='nope')", "preset must be one of"),
        ("g.authenticate(targets=['nope'])", "targets must be"),
        ("g.authenticate(scopes=['not a scope'])", "is not a Google OAuth scope"),
        ("g.authenticate(timeout=0)", "timeout must be"),
    ]:
        run = kernel.collect(kernel.send("import jupyterlab_google_auth.kernel as g\n" + code))
        assert error_of(run)[0] == "ValueError" and fragment in error_of(run)[1]


def test_google_auth_magic(kernel):
    write_credentials(targets=("adc",), project="ee-magic")
    run = kernel.run(
        "%load_ext jupyterlab_google_auth\n"
        "r = %google_auth --preset cloud --targets adc\n"
        "print(r.account, r.project, r.already_signed_in)"
    )
    assert run.stdout().split() == ["alice@example.com", "ee-magic", "True"]
    run = kernel.collect(kernel.send("%google_auth --preset nope"))
    assert "Usage: %google_auth" in error_of(run)[1]
    run, bundle = start_waiting(kernel, "%google_auth --preset gemini --force --timeout 30")
    assert bundle["preset"] == "gemini" and bundle["targets"] is None and bundle["force"]
    kernel.km.interrupt_kernel()
    assert error_of(kernel.collect(run))[0] == "AuthenticationCancelled"


def test_importing_the_kernel_side_stays_light(tmp_path):
    import subprocess

    code = (
        "import sys, jupyterlab_google_auth.kernel, jupyterlab_google_auth\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('tornado', 'jupyter_server', 'jupyterlab', 'google', 'requests', 'IPython', 'ee')]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- the ee.Authenticate route -------------------------------------------------------------

RECORD_EE = (
    "import ee.oauth\n"
    "calls = []\n"
    "ee.oauth.authenticate = lambda *a, **k: calls.append((a, k)) or 'ee-own'\n"
)


@pytest.mark.parametrize("ee_first", [True, False], ids=["ee-imported-before", "ee-imported-after"])
def test_installer_routes_ee_authenticate(kernel, ee_first):
    if ee_first:
        kernel.run("import ee")
    # What the front end runs: a user expression in a silent execution.
    reply = kernel.collect(
        kernel.send(
            "",
            silent=True,
            store_history=False,
            user_expressions={
                "install": "__import__('jupyterlab_google_auth.kernel', "
                "fromlist=['install']).install()"
            },
        )
    ).reply
    answer = reply["user_expressions"]["install"]
    assert answer["status"] == "ok"
    assert answer["data"]["application/json"] == {"installed": True, "ee_wrapped": ee_first}
    if not ee_first:
        kernel.run("import ee")
    kernel.run(RECORD_EE)

    # Modes ee keeps: quiet=True, gcloud, an authorization code.
    kernel.run("r1 = ee.Authenticate(quiet=True)\nr2 = ee.Authenticate(auth_mode='gcloud')")
    out = kernel.run("print(r1, r2, [sorted(k.items()) if k else a for a, k in calls])").stdout()
    assert out.startswith("ee-own ee-own")
    assert "'gcloud'" in out and "True" in out
    assert kernel.run("print(len(calls))").stdout() == "2\n"

    # No mode, notebook and localhost go to the panel (then interrupted here).
    for call in ("ee.Authenticate()", "ee.Authenticate(auth_mode='notebook', force=True)"):
        run, bundle = start_waiting(kernel, call)
        assert bundle["preset"] == "earthengine"
        kernel.km.interrupt_kernel()
        assert error_of(kernel.collect(run))[0] == "AuthenticationCancelled"
    assert bundle["force"] is True
    assert kernel.run("print(len(calls))").stdout() == "2\n"  # ee's own flow never ran

    # Fitting credentials: True at once, as ee answers.
    write_credentials()
    out = kernel.run("print(ee.Authenticate(auth_mode='localhost'), ee.Authenticate())").stdout()
    assert out == "True True\n"
    # Custom scopes are passed on; ee's own module is otherwise the same.
    run, bundle = start_waiting(
        kernel, "ee.Authenticate(scopes=['https://www.googleapis.com/auth/earthengine.readonly'])"
    )
    assert bundle["scopes"] == ["https://www.googleapis.com/auth/earthengine.readonly"]
    kernel.km.interrupt_kernel()
    kernel.collect(run)
    assert kernel.run(
        "print(ee.oauth.authenticate is not None, ee.Initialize.__module__)"
    ).stdout() == ("True ee\n")


def test_installing_twice_wraps_once(kernel):
    kernel.run(
        "import jupyterlab_google_auth.kernel as g\ng.install(); g.install()\nimport ee\n"
        "g.install()\nprint(ee.Authenticate.__jupyterlab_google_auth_original__.__module__)"
    )
    out = kernel.run(
        "import sys\nprint(sum(type(f).__name__ == '_EEImportWatch' for f in sys.meta_path))"
    ).stdout()
    assert out == "0\n"
