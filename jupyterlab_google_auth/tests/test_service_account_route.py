"""POST service-account through a real Jupyter server (auth and XSRF on) against the fake Google.

Keys are real RSA keys made here; the fake checks the JWT signature of an account whose public
key was registered (/_control/service-accounts)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from tornado.httpclient import HTTPClientError

from jupyterlab_google_auth.credentials.formats import SERVICE_ACCOUNT_REQUIRED
from jupyterlab_google_auth.credentials.store import CredentialStore

EMAIL = "robot@sa-project.iam.gserviceaccount.com"
CONSUMER = Path(__file__).parent / "conformance" / "consumer_python.py"


def new_private_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def private_key():
    return new_private_key()


def pem(private) -> str:
    return private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def public_pem(private) -> str:
    return (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def register(fake, private, email: str = EMAIL) -> None:
    fake.control("service-accounts", {"email": email, "public_key_pem": public_pem(private)})


def make_key(fake, private, email: str = EMAIL) -> dict:
    return {
        "type": "service_account",
        "project_id": "sa-project",
        "private_key_id": "0123456789abcdef",
        "private_key": pem(private),
        "client_email": email,
        "client_id": "109876543210987654321",
        "auth_uri": fake.url + "/o/oauth2/auth",
        "token_uri": fake.url + "/token",
        "universe_domain": "googleapis.com",
    }


class Responses:
    """Every answer the tests saw, for the secret scan at the end of each test."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    async def post(self, jp_fetch, body: object, *, raw: bytes | None = None):
        """(status, JSON body) of POST service-account; errors come back, not raised."""
        data = raw if raw is not None else json.dumps(body).encode()
        try:
            response = await jp_fetch("google-auth", "service-account", method="POST", body=data)
            status, text = response.code, response.body.decode()
            assert response.headers["Cache-Control"] == "no-store"
        except HTTPClientError as exc:
            status, text = exc.code, exc.response.body.decode()
        self.texts.append(text)
        return status, json.loads(text)

    def assert_no_secrets(self, private, fake) -> None:
        secret_pem = pem(private)
        body = "".join(secret_pem.splitlines()[1:-1])
        tokens = list(fake.state.access_tokens)
        for text in self.texts:
            assert "PRIVATE KEY" not in text
            assert body[:40] not in text and body[-40:] not in text
            assert "ya29." not in text
            for token in tokens:
                assert token not in text


@pytest.fixture
def answers(private_key, fake_google, caplog):
    caplog.set_level("DEBUG")
    seen = Responses()
    yield seen
    seen.assert_no_secrets(private_key, fake_google)
    assert "PRIVATE KEY" not in caplog.text
    assert "ya29." not in caplog.text


def adc_path() -> Path:
    return CredentialStore().paths.adc


def token_calls(fake) -> int:
    return len(fake.log("token"))


async def test_good_key_is_tried_and_stored_privately(jp_fetch, fake_google, private_key, answers):
    register(fake_google, private_key)
    previous = {"type": "authorized_user", "client_id": "a", "client_secret": "b"}
    adc = adc_path()
    adc.parent.mkdir(parents=True)
    adc.write_text(json.dumps(previous))
    key = make_key(fake_google, private_key)

    status, body = await answers.post(jp_fetch, {"key": key})

    assert status == 200
    assert body["client_email"] == EMAIL
    assert body["project_id"] == "sa-project"
    assert body["tried"] is True
    [written] = body["files"]
    assert written["target"] == "adc" and written["path"] == str(adc)
    assert json.loads(Path(written["backup"]).read_text()) == previous
    assert json.loads(adc.read_text()) == key  # stored as is
    assert body["notes"] == []
    assert stat.S_IMODE(os.stat(adc).st_mode) == 0o600
    # Tried for real: the fake verified the signature and issued a token to the account.
    assert [t.account for t in fake_google.state.access_tokens.values()] == [EMAIL]


async def test_key_as_text_loads_in_google_auth_default(
    jp_fetch, fake_google, private_key, answers, tmp_path
):
    register(fake_google, private_key)
    key = make_key(fake_google, private_key)
    status, body = await answers.post(jp_fetch, {"key": json.dumps(key, indent=2)})
    assert status == 200, body

    # The real consumer, in a clean process whose HOME is the server's (temporary) HOME.
    env = {
        "HOME": os.environ["HOME"],
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "GCE_METADATA_HOST": "127.0.0.1:9",
        "GCE_METADATA_IP": "127.0.0.1:9",
        "NO_GCE_CHECK": "True",
    }
    proc = subprocess.run(
        [sys.executable, str(CONSUMER), "google-auth", fake_google.url + "/token"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["class"] == "google.oauth2.service_account.Credentials"
    assert got["account"] == EMAIL
    assert got["project"] == "sa-project"
    assert fake_google.state.access_tokens[got["token"]].account == EMAIL


async def test_try_false_stores_without_asking_google(jp_fetch, fake_google, private_key, answers):
    key = make_key(fake_google, private_key)
    status, body = await answers.post(jp_fetch, {"key": key, "try": False})
    assert status == 200
    assert body["tried"] is False
    assert token_calls(fake_google) == 0
    assert json.loads(adc_path().read_text()) == key


@pytest.mark.parametrize("field", SERVICE_ACCOUNT_REQUIRED)
async def test_missing_field_is_named(jp_fetch, fake_google, private_key, answers, field):
    key = make_key(fake_google, private_key)
    del key[field]
    status, body = await answers.post(jp_fetch, {"key": key})
    assert status == 400
    assert body["code"] == "bad_key"
    assert field in body["message"]
    assert body["help"]
    assert not adc_path().exists()
    assert token_calls(fake_google) == 0


def _not_pem(key):
    key["private_key"] = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ"


def _truncated_pem(key):
    lines = key["private_key"].splitlines()
    key["private_key"] = "\n".join(lines[:5] + lines[-1:]) + "\n"


def _wrong_type(key):
    key["type"] = "authorized_user"


def _plain_http(key):
    key["token_uri"] = "http://oauth2.example.com/token"


def _not_an_email(key):
    key["client_email"] = "robot"


def _number_field(key):
    key["project_id"] = 12345


@pytest.mark.parametrize(
    "damage, named",
    [
        (_not_pem, "private_key"),
        (_truncated_pem, "private_key"),
        (_wrong_type, "service_account"),
        (_plain_http, "token_uri"),
        (_not_an_email, "client_email"),
        (_number_field, "project_id"),
    ],
)
async def test_damaged_key_is_refused_naming_the_problem(
    jp_fetch, fake_google, private_key, answers, damage, named
):
    key = make_key(fake_google, private_key)
    damage(key)
    status, body = await answers.post(jp_fetch, {"key": key})
    assert (status, body["code"]) == (400, "bad_key")
    assert named in body["message"]
    assert not adc_path().exists()


@pytest.mark.parametrize(
    "payload, words",
    [
        ({"key": ["type", "service_account"]}, "JSON object"),
        ({"key": '["type", "service_account"]'}, "JSON object"),
        ({"key": "{'type': 'service_account'"}, "not valid JSON"),
        ({"key": ""}, "not valid JSON"),
        ({"key": 42}, "JSON object"),
        ({}, "No key"),
    ],
)
async def test_not_a_key_is_refused(jp_fetch, fake_google, answers, payload, words):
    status, body = await answers.post(jp_fetch, payload)
    assert (status, body["code"]) == (400, "bad_key")
    assert words in body["message"]
    assert not adc_path().exists()


async def test_body_not_json_and_bad_try(jp_fetch, fake_google, private_key, answers):
    status, body = await answers.post(jp_fetch, None, raw=b"type=service_account")
    assert (status, body["code"]) == (400, "bad_json")
    key = make_key(fake_google, private_key)
    status, body = await answers.post(jp_fetch, {"key": key, "try": "yes"})
    assert (status, body["code"]) == (400, "bad_request")
    assert not adc_path().exists()


async def test_key_over_64_kb_is_refused(jp_fetch, fake_google, private_key, answers):
    key = make_key(fake_google, private_key)
    key["padding"] = "x" * (64 * 1024)
    status, body = await answers.post(jp_fetch, {"key": key})
    assert status == 413
    assert body["code"] == "too_large"
    assert "too large" in body["message"]
    assert not adc_path().exists()


async def test_wrong_signature_is_rejected_and_nothing_written(
    jp_fetch, fake_google, private_key, answers
):
    # Google knows another public key for this account (the uploaded key was deleted).
    register(fake_google, new_private_key())
    adc = adc_path()
    adc.parent.mkdir(parents=True)
    adc.write_text('{"type": "authorized_user"}')
    status, body = await answers.post(jp_fetch, {"key": make_key(fake_google, private_key)})
    assert (status, body["code"]) == (400, "key_rejected")
    assert "invalid_grant" in body["message"]
    assert "Invalid JWT Signature" in body["message"]
    assert "deleted or disabled" in body["help"]
    assert adc.read_text() == '{"type": "authorized_user"}'
    assert list(adc.parent.iterdir()) == [adc]  # not even a backup


async def test_google_refusal_text_is_shown_as_plain_text(
    jp_fetch, fake_google, private_key, answers
):
    fake_google.set_faults(
        route="token",
        status=400,
        body=json.dumps(
            {"error": "invalid_grant", "error_description": "<b>Account</b>\u0007 disabled."}
        ),
    )
    status, body = await answers.post(jp_fetch, {"key": make_key(fake_google, private_key)})
    assert (status, body["code"]) == (400, "key_rejected")
    # The one sanitiser (text.plain): tags and control characters gone, the words kept.
    assert "Account disabled." in body["message"] and "<b>" not in body["message"]
    assert "\u0007" not in body["message"]
    assert not adc_path().exists()


async def test_unavailable_token_endpoint_writes_nothing(
    jp_fetch, fake_google, private_key, answers
):
    register(fake_google, private_key)
    fake_google.set_faults(route="token", status=503, count=5)
    status, body = await answers.post(jp_fetch, {"key": make_key(fake_google, private_key)})
    assert (status, body["code"]) == (502, "endpoint_unavailable")
    assert "without trying" in body["help"]
    assert not adc_path().exists()


async def test_notes_name_credentials_that_hide_the_key(
    jp_fetch, fake_google, private_key, answers, monkeypatch, tmp_path
):
    store = CredentialStore()
    store.paths.earthengine.parent.mkdir(parents=True)
    store.paths.earthengine.write_text('{"refresh_token": "1//user", "scopes": []}')
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "other.json"))
    key = make_key(fake_google, private_key)
    status, body = await answers.post(jp_fetch, {"key": key, "try": False})
    assert status == 200
    assert len(body["notes"]) == 2
    assert (
        "ee.Initialize()" in body["notes"][0]
        and "GOOGLE_APPLICATION_CREDENTIALS" in body["notes"][1]
    )
    assert "1//user" not in json.dumps(body)
