"""The credential report: hostile files become problems, precedence matches the libraries,
and no secret ever appears in it."""

import json
import os
import stat
from functools import partial

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from jupyterlab_google_auth.clients import EE_CLIENT_ID, EE_CLIENT_SECRET, GCLOUD_CLIENT_ID
from jupyterlab_google_auth.credentials import CredentialStore, describe_sources

TOKEN_URI = "http://127.0.0.1:9/token"
CUSTOM_ID = "111111111111-custom.apps.googleusercontent.com"
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file types and modes")


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


@pytest.fixture
def env(home):
    return {"HOME": str(home)}


@pytest.fixture
def store(env, home):
    return CredentialStore(env=env, home=home)


def report(store, **kw):
    out = describe_sources(store, token_uri=TOKEN_URI, **kw)
    json.dumps(out)  # always serialisable
    return out


def source(rep, name):
    return next(s for s in rep["sources"] if s["name"] == name)


def codes(src):
    return [p["code"] for p in src["problems"]]


def put(path, content, mode=0o600):
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if isinstance(content, (dict, list)):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    os.chmod(path, mode)
    return path


def user_adc(**extra):
    return {
        "type": "authorized_user",
        "client_id": EE_CLIENT_ID,
        "client_secret": EE_CLIENT_SECRET,
        "refresh_token": "rt-adc",
        "universe_domain": "googleapis.com",
        **extra,
    }


def pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def sa_key(private_key: str) -> dict:
    return {
        "type": "service_account",
        "project_id": "sa-project",
        "private_key_id": "k1",
        "private_key": private_key,
        "client_email": "robot@sa-project.iam.gserviceaccount.com",
        "client_id": "1",
        "token_uri": "https://oauth2.googleapis.com/token",
    }


# -- plain descriptions ----------------------------------------------------------------------


def test_nothing_anywhere(store):
    rep = report(store)
    assert rep["used_by"] == {"earthengine": None, "google_auth": None}
    for s in rep["sources"]:
        assert s["present"] is False and s["problems"] == []
    assert source(rep, "earthengine")["path"] == str(store.paths.earthengine)
    assert source(rep, "env")["path"] is None


def test_signed_in_with_the_extension(store):
    store.write_user_credentials(
        ["earthengine", "adc"],
        refresh_token="rt",
        client_id=EE_CLIENT_ID,
        client_secret=EE_CLIENT_SECRET,
        scopes=["https://www.googleapis.com/auth/earthengine"],
        account="alice@example.com",
        project="ee-alice",
    )
    rep = report(store)
    ee, adc = source(rep, "earthengine"), source(rep, "adc")
    assert ee["type"] == "authorized_user" and ee["client"] == "earthengine"
    assert ee["project"] == "ee-alice" and ee["scopes"] == [
        "https://www.googleapis.com/auth/earthengine"
    ]
    assert ee["account"] == "alice@example.com"  # same sign-in as the ADC file
    assert adc["account"] == "alice@example.com" and adc["quota_project"] == "ee-alice"
    assert ee["valid"] is None and ee["problems"] == [] and adc["problems"] == []
    assert rep["used_by"] == {"earthengine": "earthengine", "google_auth": "adc"}
    assert rep["projects"] == {
        "earthengine": "ee-alice",
        "earthengine_from": "earthengine",
        "google_auth": "ee-alice",
    }


def test_client_kinds(store):
    put(
        store.paths.earthengine,
        {"refresh_token": "a", "client_id": CUSTOM_ID, "client_secret": "s"},
    )
    put(store.paths.adc, user_adc(client_id=GCLOUD_CLIENT_ID, quota_project_id="my-proj1"))
    rep = report(store)
    assert source(rep, "earthengine")["client"] == "custom"
    assert source(rep, "adc")["client"] == "gcloud"


def test_service_account_file(store):
    put(store.paths.adc, sa_key(pem()))
    rep = report(store)
    adc = source(rep, "adc")
    assert adc["type"] == "service_account"
    assert adc["account"] == "robot@sa-project.iam.gserviceaccount.com"
    assert adc["project"] == "sa-project" and adc["problems"] == [] and adc["valid"] is None
    assert rep["used_by"] == {"earthengine": "adc", "google_auth": "adc"}


def test_service_account_missing_fields_named(store):
    key = sa_key(pem())
    del key["private_key"], key["token_uri"]
    put(store.paths.adc, key)
    adc = source(report(store), "adc")
    assert codes(adc) == ["missing_fields"]
    assert "private_key" in adc["problems"][0]["message"]
    assert "token_uri" in adc["problems"][0]["message"]


def test_authorized_user_missing_fields_named(store):
    put(store.paths.adc, {"type": "authorized_user", "client_id": CUSTOM_ID, "client_secret": ""})
    adc = source(report(store), "adc")
    assert codes(adc) == ["missing_fields"] and adc["valid"] is False
    msg = adc["problems"][0]["message"]
    assert "refresh_token" in msg and "client_secret" in msg and "Node" in msg


def test_external_account_and_unknown_type(store, tmp_path):
    put(store.paths.adc, {"type": "external_account", "audience": "//iam/x"})
    assert source(report(store), "adc")["type"] == "external_account"
    put(store.paths.adc, {"type": "gdch_service_account"})
    adc = source(report(store), "adc")
    assert adc["type"] == "unknown" and codes(adc) == ["unsupported_type"]


def test_impersonated_service_account_names_the_account_it_acts_as(store):
    url = "https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/sa@p.iam.gserviceaccount.com:generateAccessToken"
    put(
        store.paths.adc,
        {
            "type": "impersonated_service_account",
            "service_account_impersonation_url": url,
            "source_credentials": {"type": "authorized_user", "refresh_token": "1//secret"},
        },
    )
    adc = source(report(store), "adc")
    assert adc["type"] == "impersonated_service_account" and "unsupported_type" not in codes(adc)
    assert adc["account"] == "sa@p.iam.gserviceaccount.com" and "1//secret" not in str(adc)


def test_no_quota_project(store):
    put(store.paths.adc, user_adc(client_id=CUSTOM_ID, client_secret="s"))
    rep = report(store)
    adc = source(rep, "adc")
    assert "no_quota_project" in codes(adc)
    # ee falls back to the custom client's own project number, which is the user's project.
    assert rep["projects"]["earthengine"] == "111111111111"
    assert rep["projects"]["earthengine_from"] == "client"  # nobody chose it


def test_sdk_project_from_gcloud_client(store):
    put(store.paths.adc, user_adc(client_id=GCLOUD_CLIENT_ID, client_secret="x"))
    rep = report(store)
    adc = source(rep, "adc")
    assert "sdk_project" in codes(adc) and "no_quota_project" in codes(adc)
    assert rep["projects"]["earthengine"] is None


def test_sdk_project_in_project_field(store):
    put(store.paths.earthengine, {"refresh_token": "a", "project": "764086051850"})
    ee = source(report(store), "earthengine")
    assert codes(ee) == ["sdk_project"]


def test_ee_client_without_project(store):
    put(store.paths.earthengine, {"refresh_token": "a"})
    ee = source(report(store), "earthengine")
    assert codes(ee) == ["no_project"]


# -- hostile and broken files ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["earthengine", "adc"])
@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("{not json", "malformed_json"),
        ('["refresh_token", "x"]', "not_an_object"),
        (b"\xff\xfe\x00garbage\x80" * 50, "malformed_json"),
        ("[" * 200_000 + "]" * 200_000, "malformed_json"),
        ("", "malformed_json"),
        (b"{" + b" " * (10 << 20) + b"}", "too_large"),
    ],
    ids=["malformed", "array", "binary", "deep", "empty", "huge"],
)
def test_hostile_content_is_a_problem(store, name, content, code):
    put(getattr(store.paths, name), content)
    rep = report(store)
    src = source(rep, name)
    assert src["present"] is True
    assert src["type"] == "unknown"
    assert code in codes(src)
    assert all(p["message"] for p in src["problems"])


@pytest.mark.parametrize("name", ["earthengine", "adc"])
def test_directory_at_the_path(store, name):
    getattr(store.paths, name).mkdir(parents=True)
    rep = report(store)
    assert codes(source(rep, name)) == ["is_directory"]
    if name == "earthengine":
        # ee skips a path it cannot open (an OSError) and goes on to ADC.
        assert rep["used_by"]["earthengine"] is None


@posix_only
@pytest.mark.parametrize("name", ["earthengine", "adc"])
def test_fifo_at_the_path_does_not_block(store, name):
    path = getattr(store.paths, name)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    src = source(report(store), name)
    assert codes(src) == ["not_a_regular_file"]


@posix_only
@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="running as root: root reads a mode-000 file anyway, so 'unreadable' cannot happen",
)
def test_unreadable_file(store):
    put(store.paths.adc, user_adc(quota_project_id="my-proj1"), mode=0o000)
    try:
        adc = source(report(store), "adc")
    finally:
        os.chmod(store.paths.adc, 0o600)
    assert "unreadable" in codes(adc)
    assert "permission denied" in adc["problems"][-1]["message"]


@posix_only
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_group_or_world_readable(store, mode):
    put(store.paths.adc, user_adc(quota_project_id="my-proj1"), mode=mode)
    adc = source(report(store), "adc")
    assert codes(adc) == ["insecure_permissions"]
    assert f"chmod 600 {store.paths.adc}" in adc["problems"][0]["message"]


@posix_only
def test_symlink_is_reported_and_followed(store, tmp_path):
    real = put(tmp_path / "real.json", user_adc(quota_project_id="my-proj1"))
    store.paths.adc.parent.mkdir(parents=True)
    store.paths.adc.symlink_to(real)
    adc = source(report(store), "adc")
    assert codes(adc) == ["symlink"] and adc["type"] == "authorized_user"
    real.unlink()
    adc = source(report(store), "adc")
    assert "broken_link" in codes(adc)


def test_wrong_value_types_do_not_crash(store):
    put(
        store.paths.earthengine,
        {"refresh_token": 12, "scopes": "a b", "project": ["x"], "client_id": None},
    )
    put(store.paths.adc, {"type": "authorized_user", "account": {"x": 1}, "refresh_token": []})
    rep = report(store)
    assert "missing_fields" in codes(source(rep, "earthengine"))
    assert source(rep, "adc")["account"] is None


# -- which source each library uses ----------------------------------------------------------


def test_ee_file_with_token_wins_for_ee_only(store):
    put(store.paths.earthengine, {"refresh_token": "a", "project": "ee-proj1"})
    put(store.paths.adc, user_adc(quota_project_id="adc-proj1"))
    rep = report(store)
    assert rep["used_by"] == {"earthengine": "earthengine", "google_auth": "adc"}
    assert rep["projects"] == {
        "earthengine": "ee-proj1",
        "earthengine_from": "earthengine",
        "google_auth": "adc-proj1",
    }


def test_ee_file_without_token_defers_to_adc_but_gives_project(store):
    put(store.paths.earthengine, {"project": "ee-proj1"})
    put(store.paths.adc, user_adc(quota_project_id="adc-proj1"))
    rep = report(store)
    assert rep["used_by"] == {"earthengine": "adc", "google_auth": "adc"}
    assert rep["projects"]["earthengine"] == "ee-proj1"
    assert source(rep, "earthengine")["type"] is None


def test_ee_takes_adc_quota_project_when_its_file_has_none(store):
    put(store.paths.earthengine, {"refresh_token": "a"})
    put(store.paths.adc, user_adc(quota_project_id="adc-proj1"))
    rep = report(store)
    assert rep["projects"]["earthengine"] == "adc-proj1"
    assert codes(source(rep, "earthengine")) == []


def test_broken_ee_file_still_stops_ee(store):
    put(store.paths.earthengine, "{broken")
    put(store.paths.adc, user_adc(quota_project_id="adc-proj1"))
    assert report(store)["used_by"] == {"earthengine": "earthengine", "google_auth": "adc"}


def test_env_variable_wins_over_adc_file(store, env, tmp_path):
    key_path = put(tmp_path / "key.json", sa_key(pem()))
    env["GOOGLE_APPLICATION_CREDENTIALS"] = str(key_path)
    put(store.paths.adc, user_adc(quota_project_id="adc-proj1"))
    rep = report(store)
    assert rep["used_by"] == {"earthengine": "env", "google_auth": "env"}
    e = source(rep, "env")
    assert e["present"] and e["path"] == str(key_path) and e["type"] == "service_account"


def test_env_variable_to_missing_file(store, env, tmp_path):
    env["GOOGLE_APPLICATION_CREDENTIALS"] = str(tmp_path / "gone.json")
    put(store.paths.adc, user_adc(quota_project_id="adc-proj1"))
    rep = report(store)
    e = source(rep, "env")
    assert e["present"] is False and codes(e) == ["missing_file"]
    assert rep["used_by"]["google_auth"] == "env"  # and google.auth.default() fails on it


def test_env_variable_equal_to_adc_path(store, env):
    put(store.paths.adc, user_adc(quota_project_id="adc-proj1"))
    env["GOOGLE_APPLICATION_CREDENTIALS"] = str(store.paths.adc)
    assert report(store)["used_by"]["google_auth"] == "adc"


def test_adc_directory_is_skipped_by_google_auth(store):
    store.paths.adc.mkdir(parents=True)
    meta = {"email": "sa@p.iam.gserviceaccount.com", "scopes": ["s"]}
    assert report(store, metadata=meta)["used_by"]["google_auth"] == "metadata"


def test_metadata_only(store):
    meta = {"email": "123-compute@developer.gserviceaccount.com", "scopes": ["a", "b"]}
    rep = report(store, metadata=meta)
    m = source(rep, "metadata")
    assert m["present"] and m["account"] == meta["email"] and m["scopes"] == ["a", "b"]
    assert rep["used_by"] == {"earthengine": "metadata", "google_auth": "metadata"}
    assert codes(m) == ["no_project"]


def test_cloudsdk_config_moves_adc(tmp_path):
    home = tmp_path / "home"
    env = {"HOME": str(home), "CLOUDSDK_CONFIG": str(tmp_path / "cfg")}
    store = CredentialStore(env=env, home=home)
    put(tmp_path / "cfg" / "application_default_credentials.json", user_adc())
    put(home / ".config" / "gcloud" / "application_default_credentials.json", "{bad")
    rep = report(store)
    assert source(rep, "adc")["path"] == str(
        tmp_path / "cfg" / "application_default_credentials.json"
    )
    assert "malformed_json" not in codes(source(rep, "adc"))


# -- validity checks -------------------------------------------------------------------------


def test_check_results_are_applied(store):
    put(store.paths.earthengine, {"refresh_token": "ee-rt", "project": "ee-proj1"})
    put(store.paths.adc, user_adc(quota_project_id="adc-proj1"))
    seen = []

    def check(info, token_uri):
        seen.append((dict(info), token_uri))
        if info["refresh_token"] == "ee-rt":
            return {"valid": True, "error": None, "account": "alice@example.com", "scopes": ["s"]}
        return {"valid": False, "error": "invalid_grant", "account": None}

    rep = report(store, check=check)
    ee, adc = source(rep, "earthengine"), source(rep, "adc")
    assert ee["valid"] is True and ee["account"] == "alice@example.com"
    assert adc["valid"] is False and codes(adc) == ["invalid_grant"]
    # The EE file relies on ee's own client; the check gets it filled in, and the server's URI.
    assert seen[0] == (
        {"refresh_token": "ee-rt", "client_id": EE_CLIENT_ID, "client_secret": EE_CLIENT_SECRET},
        TOKEN_URI,
    )


def test_check_may_be_a_partial_binding_token_uri(store):
    put(store.paths.adc, user_adc(quota_project_id="adc-proj1"))
    seen = []

    def check(info, token_uri, timeout=5.0):
        seen.append((token_uri, timeout))
        return {"valid": True, "error": None, "account": None}

    describe_sources(
        store, token_uri=TOKEN_URI, check=partial(check, token_uri=TOKEN_URI, timeout=1)
    )
    assert seen == [(TOKEN_URI, 1)]


def test_failing_check_does_not_break_the_report(store):
    put(store.paths.adc, user_adc(quota_project_id="adc-proj1"))

    def check(info, token_uri):
        raise RuntimeError("boom")

    adc = source(report(store, check=check), "adc")
    assert adc["valid"] is None and adc["check_error"] == "check_failed"


# -- secrets ---------------------------------------------------------------------------------


def test_no_secret_appears_in_the_report(store, env, tmp_path):
    rt = "1//SECRET-REFRESH-TOKEN-aaaa"
    rt2 = "1//SECRET-REFRESH-TOKEN-bbbb"
    cs = "SECRET-CLIENT-SECRET-cccc"
    at = "ya29.SECRET-ACCESS-TOKEN-dddd"
    private_key = pem()
    key_body = private_key.splitlines()[1]
    secrets = [rt, rt2, cs, at, key_body, "SECRET-EXTRA-eeee"]

    put(
        store.paths.earthengine,
        {
            "refresh_token": rt,
            "client_id": CUSTOM_ID,
            "client_secret": cs,
            "access_token": at,
            "token": at,
            "scopes": ["s"],
            "project": "ee-proj1",
            "x-extra": "SECRET-EXTRA-eeee",
        },
    )
    put(
        store.paths.adc,
        user_adc(
            refresh_token=rt2,
            client_id=CUSTOM_ID,
            client_secret=cs,
            token=at,
            access_token=at,
            quota_project_id="adc-proj1",
            account="alice@example.com",
            rapt_token="SECRET-EXTRA-eeee",
        ),
    )
    key = {**sa_key(private_key), "access_token": at, "x-extra": "SECRET-EXTRA-eeee"}
    key_path = put(tmp_path / "key.json", key)
    env["GOOGLE_APPLICATION_CREDENTIALS"] = str(key_path)
    metadata = {"email": "sa@x.iam.gserviceaccount.com", "scopes": ["s"], "token": at}

    def check(info, token_uri):
        # A careless check that echoes what it got must still not leak through the report.
        return {"valid": True, "error": None, "account": None, "access_token": at, **info}

    rep = describe_sources(store, token_uri=TOKEN_URI, metadata=metadata, check=check)
    dumped = json.dumps(rep)
    for secret in secrets:
        assert secret not in dumped
    # Also the malformed-file path: a secret in an unparseable file is not echoed.
    put(store.paths.adc, '{"refresh_token": "' + rt2 + '", oops')
    dumped = json.dumps(describe_sources(store, token_uri=TOKEN_URI, check=check))
    for secret in secrets:
        assert secret not in dumped


@posix_only
def test_report_does_not_change_files(store):
    put(store.paths.adc, user_adc(quota_project_id="p-roj12"), mode=0o644)
    before = store.paths.adc.read_bytes()
    report(store)
    assert store.paths.adc.read_bytes() == before
    assert stat.S_IMODE(store.paths.adc.stat().st_mode) == 0o644
