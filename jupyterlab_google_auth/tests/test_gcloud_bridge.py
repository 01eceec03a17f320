"""The gcloud bridge (GcloudLogin) driving the fake ``gcloud`` (testing/fake_gcloud) in a pty.

The fake checks it was started directly (argv exact, no shell, stdin a terminal) and prints what
gcloud 528 prints. Timeouts are small so the hang cases stay fast.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import stat
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from jupyterlab_google_auth.clients import GCLOUD_CLIENT_ID
from jupyterlab_google_auth.credentials.validity import check_refresh
from jupyterlab_google_auth.gcloud import GcloudError, GcloudLogin
from testing.fake_gcloud import (
    AUTH_PROXY_REDIRECT_URI,
    fake_gcloud_env,
    install_fake_gcloud,
    register_gcloud_client,
)
from testing.fake_google import ALICE

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="the bridge needs a POSIX pty"),
    pytest.mark.asyncio,
]

G = "https://www.googleapis.com/auth/"
EE_PRESET = [G + "earthengine", G + "cloud-platform", G + "drive", G + "devstorage.full_control"]
FAST = {"start_timeout": 5, "complete_timeout": 5, "prompt_wait": 2}


@pytest.fixture
def bin_dir(tmp_path) -> Path:
    return install_fake_gcloud(tmp_path / "bin").parent


@pytest.fixture
def config_dir(tmp_path) -> Path:
    return tmp_path / "home" / "gcloud-config"


@pytest.fixture
def record(tmp_path) -> Path:
    return tmp_path / "gcloud-argv.json"


@pytest.fixture
def env(bin_dir, config_dir, record):
    def make(mode: str | None = "ok", **extra) -> dict[str, str]:
        return fake_gcloud_env(
            bin_dir, config_dir, mode=mode, FAKE_GCLOUD_RECORD=str(record), **extra
        )

    return make


@pytest.fixture
def quiet_log(caplog):
    """The server log at DEBUG: the tests check gcloud's output never reaches it."""
    caplog.set_level(logging.DEBUG)
    return caplog


def live_members(pgid: int) -> list[int]:
    """Processes of the group that are not zombies (an orphan waits for init to reap it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


async def all_dead(pgid: int, within: float = 3.0) -> bool:
    """No living member of the group (SIGKILL takes effect when the process is next scheduled)."""
    deadline = time.monotonic() + within
    while live_members(pgid):
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


async def group_gone(pgid: int, within: float = 5.0) -> bool:
    """os.killpg(pgid, 0) raises once every member is gone and reaped."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        await asyncio.sleep(0.05)
    return False


def adc_file(config_dir: Path) -> Path:
    return config_dir / "application_default_credentials.json"


# -- success -------------------------------------------------------------------------------------


async def test_code_is_exchanged_and_adc_written(fake_google, env, config_dir, record, quiet_log):
    register_gcloud_client(fake_google)
    login = GcloudLogin("", EE_PRESET, env(mode=None, fake_google=fake_google), **FAST)

    started = await login.start()

    url = started["consent_url"]
    assert url.startswith(fake_google.url + "/o/oauth2/auth?")
    query = parse_qs(urlsplit(url).query)
    assert query["client_id"] == [GCLOUD_CLIENT_ID]
    assert query["redirect_uri"] == [AUTH_PROXY_REDIRECT_URI]
    assert query["code_challenge_method"] == ["S256"]
    assert G + "drive" not in query["scope"][0].split()
    assert login.state == "waiting_code"
    # Started directly: argv as the bridge built it, a terminal on stdin, no shell.
    seen = json.loads(record.read_text())
    assert seen["problem"] is None and seen["isatty"] is True
    assert seen["argv"][:4] == ["auth", "application-default", "login", "--no-launch-browser"]

    # The user consents in the browser; Google's auth-code page shows the code.
    code = fake_google.approve(url, account=ALICE)["code"]
    result = await login.complete(code)

    path = adc_file(config_dir)
    assert result["adc_path"] == str(path)
    assert result["scopes"] == started["scopes"]
    assert result["quota_project"] is None
    assert any("quota project" in note for note in result["notes"])
    assert login.state == "succeeded"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    adc = json.loads(path.read_text())
    assert adc["type"] == "authorized_user"
    assert adc["client_id"] == GCLOUD_CLIENT_ID
    assert "quota_project_id" not in adc
    token = fake_google.state.refresh_tokens[adc["refresh_token"]]
    assert token.account == ALICE and G + "earthengine" in token.scopes
    # The written credentials refresh at Google, and name the account (openid was asked for).
    check = check_refresh(adc, token_uri=fake_google.url + "/token")
    assert check["valid"] is True and check["account"] == ALICE
    assert await group_gone(login.pgid)
    for secret in (code, url, adc["refresh_token"], "Credentials saved", "verification code"):
        assert secret not in quiet_log.text
    assert json.dumps(result).find(code) == -1


async def test_older_prompt_wording_and_quota_project(env, config_dir):
    login = GcloudLogin(
        "",
        [G + "cloud-platform"],
        env(FAKE_GCLOUD_PROMPT="legacy", FAKE_GCLOUD_QUOTA_PROJECT="ee-alice"),
        **FAST,
    )
    started = await login.start()
    assert started["consent_url"].startswith("https://accounts.google.com/o/oauth2/auth?")
    assert started["notes"] == []
    result = await login.complete("4/0AbCd-efgh_ijk")
    assert result["quota_project"] == "ee-alice"
    assert json.loads(adc_file(config_dir).read_text())["quota_project_id"] == "ee-alice"


async def test_the_servers_python_settings_are_not_passed_on(env, record):
    # gcloud runs its own Python; the server's PYTHONPATH makes it fail to load.
    login = GcloudLogin("", [G + "cloud-platform"], env(PYTHONPATH="/x", PYTHONHOME="/y"), **FAST)
    await login.start()
    assert json.loads(record.read_text())["server_python_vars"] == []
    await login.cancel()


@pytest.mark.skipif(
    not os.environ.get("JLGA_REAL_GCLOUD"),
    reason="set JLGA_REAL_GCLOUD=/path/to/gcloud to check the parser against a real gcloud",
)
async def test_real_gcloud_shows_its_link(tmp_path):
    """Opt-in: a real gcloud prints a link the bridge finds (no network needed), and cancel
    ends it."""
    environment = dict(os.environ, CLOUDSDK_CONFIG=str(tmp_path / "config"))
    login = GcloudLogin(os.environ["JLGA_REAL_GCLOUD"], EE_PRESET, environment)
    started = await login.start()
    query = parse_qs(urlsplit(started["consent_url"]).query)
    assert query["client_id"] == [GCLOUD_CLIENT_ID]
    assert G + "drive" not in query["scope"][0].split()
    await login.cancel()
    assert await group_gone(login.pgid)


async def test_gcloud_path_setting_wins_over_path(bin_dir, config_dir, tmp_path):
    environment = fake_gcloud_env(bin_dir, config_dir, mode="ok")
    environment["PATH"] = "/nonexistent"
    login = GcloudLogin(str(bin_dir / "gcloud"), [G + "cloud-platform"], environment, **FAST)
    await login.start()
    assert (await login.complete("4/code"))["adc_path"] == str(adc_file(config_dir))


# -- scopes --------------------------------------------------------------------------------------


async def test_scopes_refused_by_gclouds_client_are_dropped_with_a_note(env, record):
    login = GcloudLogin(
        "", EE_PRESET + [G + "generative-language.retriever"], env("refuse_scope"), **FAST
    )
    started = await login.start()  # refuse_scope would fail on drive: it was not sent
    sent = json.loads(record.read_text())["argv"][4].removeprefix("--scopes=").split(",")
    assert G + "drive" not in sent and G + "generative-language.retriever" not in sent
    assert sent[:3] == [G + "earthengine", G + "cloud-platform", G + "devstorage.full_control"]
    assert {"openid", G + "userinfo.email"} <= set(sent)
    assert started["scopes"] == sent
    drive_note = next(n for n in started["notes"] if G + "drive" in n)
    assert "Google Drive" in drive_note
    assert any("generative-language.retriever" in n for n in started["notes"])
    await login.cancel()


async def test_cloud_platform_is_always_sent(env, record):
    login = GcloudLogin("", [G + "earthengine"], env(), **FAST)
    started = await login.start()
    assert G + "cloud-platform" in started["scopes"]
    assert any("cloud-platform" in n for n in started["notes"])
    await login.cancel()


async def test_a_refused_scope_is_reported_as_invalid_scope(env):
    login = GcloudLogin("", [G + "cloud-platform"], env("refuse_scope"), **FAST)
    login.scopes.append(G + "drive")  # as if the allow-list had let it through
    with pytest.raises(GcloudError) as info:
        await login.start()
    assert info.value.code == "invalid_scope"
    assert G + "drive" in info.value.message


# -- failures ------------------------------------------------------------------------------------


async def test_wrong_code_is_invalid_grant(env, config_dir, quiet_log):
    login = GcloudLogin("", [G + "cloud-platform"], env(FAKE_GCLOUD_CODE="4/right"), **FAST)
    await login.start()
    with pytest.raises(GcloudError) as info:
        await login.complete("4/0wrong-code-from-another-tab")
    error = info.value
    assert error.code == "invalid_grant"
    assert "Malformed auth code" in error.message
    assert "4/0wrong" not in error.message
    assert error.help
    assert login.state == "failed"
    assert not adc_file(config_dir).exists()
    assert await group_gone(login.pgid)
    assert "Malformed" not in quiet_log.text and "4/0wrong" not in quiet_log.text


async def test_wrong_code_against_fake_google(fake_google, env, config_dir):
    register_gcloud_client(fake_google)
    login = GcloudLogin("", [G + "cloud-platform"], env(None, fake_google=fake_google), **FAST)
    await login.start()
    with pytest.raises(GcloudError) as info:
        await login.complete("4/0never-issued")
    assert info.value.code == "invalid_grant"
    assert not adc_file(config_dir).exists()


async def test_crash_is_gcloud_failed_with_its_error_line(env, config_dir):
    login = GcloudLogin("", [G + "cloud-platform"], env("crash"), **FAST)
    await login.start()
    with pytest.raises(GcloudError) as info:
        await login.complete("4/some-code")
    assert info.value.code == "gcloud_failed"
    assert "gcloud crashed (AttributeError)" in info.value.message
    assert "gcloud auth application-default login" in info.value.help
    assert not adc_file(config_dir).exists()


async def test_hang_before_the_link_gives_up_and_kills_the_group(env):
    login = GcloudLogin("", [G + "cloud-platform"], env("hang"), **{**FAST, "start_timeout": 1})
    began = time.monotonic()
    with pytest.raises(GcloudError) as info:
        await login.start()
    assert time.monotonic() - began < 5
    assert info.value.code == "gcloud_hung"
    # The fake left a child that ignores SIGTERM: it is gone too.
    assert await all_dead(login.pgid)
    assert await group_gone(login.pgid)


async def test_hang_after_the_code_gives_up(env):
    login = GcloudLogin(
        "", [G + "cloud-platform"], env("hang_after_code"), **{**FAST, "complete_timeout": 1}
    )
    await login.start()
    with pytest.raises(GcloudError) as info:
        await login.complete("4/code")
    assert info.value.code == "gcloud_hung"
    assert await all_dead(login.pgid)


async def test_cancel_kills_the_process_group(env, config_dir):
    login = GcloudLogin("", [G + "cloud-platform"], env(), **FAST)
    await login.start()
    pgid = login.pgid
    os.killpg(pgid, 0)  # running
    await login.cancel()
    assert login.state == "cancelled"
    assert await group_gone(pgid)
    with pytest.raises(GcloudError) as info:
        await login.complete("4/code")
    assert info.value.code == "cancelled"
    await login.cancel()  # harmless twice
    assert not adc_file(config_dir).exists()


async def test_cancel_while_waiting_for_gcloud(env):
    login = GcloudLogin(
        "", [G + "cloud-platform"], env("hang_after_code"), **{**FAST, "complete_timeout": 30}
    )
    await login.start()
    completing = asyncio.ensure_future(login.complete("4/code"))
    await asyncio.sleep(0.3)
    await login.cancel()
    with pytest.raises(GcloudError) as info:
        await asyncio.wait_for(completing, 5)
    assert info.value.code == "cancelled"
    assert await all_dead(login.pgid)


async def test_cancel_while_starting(env):
    login = GcloudLogin("", [G + "cloud-platform"], env("hang"), **FAST)
    starting = asyncio.ensure_future(login.start())
    while login.pgid is None:
        await asyncio.sleep(0.02)
    await login.cancel()
    with pytest.raises(GcloudError) as info:
        await asyncio.wait_for(starting, 3)
    assert info.value.code == "cancelled"
    assert await all_dead(login.pgid)


async def test_whole_login_expires(env):
    login = GcloudLogin("", [G + "cloud-platform"], env(), timeout=0.5, **FAST)
    await login.start()
    await asyncio.sleep(1.0)
    assert login.state == "expired"
    assert await all_dead(login.pgid)
    with pytest.raises(GcloudError) as info:
        await login.complete("4/code")
    assert info.value.code == "flow_expired"


async def test_missing_gcloud(tmp_path):
    (tmp_path / "empty").mkdir()
    login = GcloudLogin("", [G + "cloud-platform"], {"PATH": str(tmp_path / "empty")})
    with pytest.raises(GcloudError) as info:
        await login.start()
    assert info.value.code == "gcloud_missing"
    assert "Google Cloud CLI" in info.value.help
    configured = GcloudLogin(str(tmp_path / "nope" / "gcloud"), [G + "cloud-platform"], {})
    with pytest.raises(GcloudError) as info:
        await configured.start()
    assert info.value.code == "gcloud_missing"
    assert str(tmp_path / "nope" / "gcloud") in info.value.message


@pytest.mark.parametrize("code", ["", "   ", "4/a b", "4/a\nY", "4/\x1b[A", "x" * 600])
async def test_unusable_code_is_refused_before_gcloud_sees_it(env, config_dir, code):
    login = GcloudLogin("", [G + "cloud-platform"], env(), **FAST)
    await login.start()
    with pytest.raises(GcloudError) as info:
        await login.complete(code)
    assert info.value.code == "bad_code"
    assert login.state == "waiting_code"  # the user may paste again
    assert (await login.complete("4/good"))["adc_path"] == str(adc_file(config_dir))


async def test_complete_before_start_and_start_twice(env):
    login = GcloudLogin("", [G + "cloud-platform"], env(), **FAST)
    with pytest.raises(GcloudError) as info:
        await login.complete("4/code")
    assert info.value.code == "not_waiting"
    await login.start()
    with pytest.raises(GcloudError) as info:
        await login.start()
    assert info.value.code == "not_waiting"
    await login.cancel()


async def test_the_fake_refuses_a_shell_and_a_pipe(bin_dir, config_dir):
    """The fake's own launch checks, so the tests above mean something."""
    environment = fake_gcloud_env(bin_dir, config_dir, mode="ok")
    gcloud = str(bin_dir / "gcloud")
    args = f"{gcloud} auth application-default login --no-launch-browser --scopes={G}cloud-platform"
    import pty

    master, slave = pty.openpty()
    try:
        through_shell = await asyncio.create_subprocess_exec(
            "/bin/sh", "-c", args, stdin=slave, stdout=slave, stderr=slave, env=environment
        )
        assert await through_shell.wait() == 3
    finally:
        os.close(slave)
        os.close(master)
    piped = await asyncio.create_subprocess_exec(
        *args.split(),
        stdin=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=environment,
    )
    _, err = await piped.communicate(b"4/code\n")
    assert piped.returncode == 3
    assert b"not a terminal" in err
