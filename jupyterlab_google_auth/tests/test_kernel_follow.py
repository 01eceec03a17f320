"""Running kernels follow the credentials: ee initialised against the fake Earth Engine API is
reset and initialised again with the new project and the same URL; other kernels stay as
they are."""

from __future__ import annotations

import json

import pytest

from jupyterlab_google_auth.scopes import PRESETS
from jupyterlab_google_auth.tests.kernel_helpers import Kernel, kernel_env
from testing import signed_in

EE_SCOPES = list(PRESETS["earthengine"])
FOLLOW = "__import__('jupyterlab_google_auth.kernel', fromlist=['follow']).follow({args})"


@pytest.fixture
def kernel(tmp_path, fake_google):
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    k = Kernel(kernel_env(str(tmp_path / "home"), str(runtime)))
    k.run(
        "from testing.token_redirect import redirect_token_endpoint\n"
        f"redirect_token_endpoint({fake_google.url + '/token'!r})"
    )
    yield k
    k.stop()


def follow(kernel, args):
    reply = kernel.collect(
        kernel.send(
            "", silent=True, store_history=False, user_expressions={"f": FOLLOW.format(args=args)}
        )
    ).reply
    assert reply["user_expressions"]["f"]["status"] == "ok", reply
    return reply["user_expressions"]["f"]["data"]["application/json"]


def state(kernel):
    out = kernel.run(
        "import json, os\ns = ee.data._get_state()\n"
        "print(json.dumps([s.initialized, s.cloud_api_user_project, s.cloud_api_base_url, "
        "os.environ.get('GOOGLE_CLOUD_PROJECT'), os.environ.get('GOOGLE_CLOUD_QUOTA_PROJECT')]))"
    ).stdout()
    return json.loads(out)


def test_ee_follows_a_project_change_and_keeps_its_url(kernel, fake_google):
    signed_in.sign_in(fake_google, EE_SCOPES, targets=["earthengine"], project="ee-alice")
    fake_google.set_service(
        "alice-sandbox-1", service="earthengine.googleapis.com", state="ENABLED"
    )
    kernel.run(
        f"import ee\nee.Initialize(project='ee-alice', opt_url={fake_google.url!r})\n"
        "print(ee.Number(1).add(2).serialize()[:1])"
    )
    assert state(kernel)[:3] == [True, "ee-alice", fake_google.url]
    calls = [e for e in fake_google.log() if e["route"] == "ee_algorithms"]
    assert calls and calls[-1]["path"] == "/v1/projects/ee-alice/algorithms"

    assert follow(kernel, "project='alice-sandbox-1'") == {
        "touched": True,
        "ee": True,
        "error": None,
    }
    assert state(kernel) == [
        True,
        "alice-sandbox-1",
        fake_google.url,
        "alice-sandbox-1",
        "alice-sandbox-1",
    ]
    assert fake_google.log()[-1]["path"] == "/v1/projects/alice-sandbox-1/algorithms"

    # A project without the Earth Engine API: ee says so, and the answer carries the reason.
    answer = follow(kernel, "project='alice-analytics'")
    assert answer["ee"] is True and "Earth Engine API has not been used" in answer["error"]

    # Sign-out: ee is reset (its next call asks for credentials), the variables go.
    assert follow(kernel, "project=None, signed_in=False")["ee"] is True
    assert state(kernel)[0] is False and state(kernel)[3:] == [None, None]


def test_kernels_that_never_used_ee_are_left_alone(kernel):
    kernel.run("import os\nos.environ['GOOGLE_CLOUD_PROJECT'] = 'mine'")
    assert follow(kernel, "project='alice-sandbox-1'") == {
        "touched": False,
        "ee": False,
        "error": None,
    }
    assert (
        kernel.run(
            "import sys\nprint(os.environ['GOOGLE_CLOUD_PROJECT'], 'ee' in sys.modules)"
        ).stdout()
        == "mine False\n"
    )
