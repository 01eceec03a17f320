"""How long a sign-in lasts: the issue record beside each file, "expires about" in GET
credentials for the notebook mode's Testing client, and what GET credentials says once Google
ends the sign-in (7 days of the fake's clock) or the organisation asks for a new one
(invalid_rapt)."""

# ruff: noqa: F811

import json
import os
import stat
from datetime import datetime, timedelta, timezone

from test_flows_fixtures import api, registry, settings, stored_files  # noqa: F401

from jupyterlab_google_auth.credentials import issued, validity
from jupyterlab_google_auth.credentials.store import CredentialStore
from testing.fake_google import BOB

DAY = 24 * 3600
EE_PRESET_SCOPE = "https://www.googleapis.com/auth/earthengine"


def source(report, name):
    return next(s for s in report["sources"] if s["name"] == name)


async def sign_in_notebook(api, fake_google):
    status, view = await api.start(mode="notebook", preset="earthengine")
    assert status == 201
    code = fake_google.approve(view["consent_url"], BOB, "allow")["code"]
    status, view = await api.complete(view["id"], code=code)
    assert view["state"] == "succeeded", view
    return view


def test_record_is_written_beside_each_file_without_secrets(tmp_path):
    store = CredentialStore(env={"CLOUDSDK_CONFIG": str(tmp_path / "gcloud")}, home=tmp_path)
    written = store.write_user_credentials(
        ["earthengine", "adc"],
        refresh_token="1//secret-refresh",
        client_id="c",
        client_secret="client-secret-value",
        scopes=[EE_PRESET_SCOPE],
        issue={"mode": "notebook", "preset": "earthengine", "client": "notebook"},
    )
    for file in written:
        record_file = issued.record_path(file.path)
        text = record_file.read_text()
        assert "secret" not in text
        assert stat.S_IMODE(os.stat(record_file).st_mode) == 0o600
        life = issued.read_lifetime(file.path, "1//secret-refresh")
        issued_at = datetime.strptime(life["issued_at"], "%Y-%m-%dT%H:%M:%SZ")
        expires = datetime.strptime(life["expires_about"], "%Y-%m-%dT%H:%M:%SZ")
        assert expires - issued_at == timedelta(days=7)
        assert life["mode"] == "notebook" and life["preset"] == "earthengine"
        # A file rewritten by someone else (ee.Authenticate(), gcloud) is not misdated.
        assert issued.read_lifetime(file.path, "1//another-token") is None
    # A sign-in without a record (a caller that does not say how) drops the old one.
    store.write_user_credentials(
        ["adc"], refresh_token="1//x", client_id="c", client_secret="s", scopes=[]
    )
    assert not issued.record_path(store.paths.adc).exists()
    store.sign_out()
    assert not issued.record_path(store.paths.earthengine).exists()


def test_only_testing_clients_get_an_expiry(tmp_path):
    path = tmp_path / "credentials"
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for mode, client, expires, note in (
        ("loopback", "earthengine", None, False),
        ("paste-url", "custom", None, True),
        ("notebook", "notebook", "2026-01-08T00:00:00Z", False),
    ):
        record = issued.make_record("rt", mode=mode, preset=None, client=client, now=now)
        issued.write_record(path, record)
        life = issued.read_lifetime(path, "rt")
        assert life["expires_about"] == expires
        assert (life["lifetime_note"] is not None) is note


async def test_notebook_sign_in_reports_expires_about(api, fake_google):
    await sign_in_notebook(api, fake_google)
    status, report = await api.call("GET", "credentials")
    assert status == 200
    for name in ("earthengine", "adc"):
        life = source(report, name)["issued"]
        assert life["mode"] == "notebook" and life["preset"] == "earthengine"
        assert life["client"] == "notebook" and life["expires_about"].endswith("Z")
    assert "token_digest" not in json.dumps(report)


async def test_seven_days_later_the_sign_in_is_invalid_grant(api, fake_google):
    await sign_in_notebook(api, fake_google)
    fake_google.advance(7 * DAY + 60)
    validity.clear_cache()  # the server's own clock moved too: its checked token expired
    status, report = await api.call("GET", "credentials")
    ee = source(report, "earthengine")
    assert ee["valid"] is False and ee["check_error"] == "invalid_grant"
    assert "7 days" in ee["problems"][-1]["message"]
    # What "Sign in again" needs to repeat the same sign-in.
    assert ee["issued"]["mode"] == "notebook" and ee["issued"]["preset"] == "earthengine"


async def test_session_policy_is_reauth_required(api, fake_google):
    await sign_in_notebook(api, fake_google)
    fake_google.control("accounts", {"account": BOB, "reauth_required": True})
    validity.clear_cache()  # an hour later: the access token from the sign-in has expired
    status, report = await api.call("GET", "credentials")
    ee = source(report, "earthengine")
    assert ee["valid"] is False and ee["check_error"] == "reauth_required"
    assert "organisation" in ee["problems"][-1]["message"]
