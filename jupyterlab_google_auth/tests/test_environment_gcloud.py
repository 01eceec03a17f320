"""gcloud detection with fake ``gcloud`` scripts on PATH."""

import asyncio
import os
import sys
import time

import pytest

from jupyterlab_google_auth.environment.gcloud import (
    GcloudProbe,
    detect_gcloud,
    find_gcloud,
    parse_version,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fake gcloud is a shell script")

SYSTEM_PATH = "/usr/bin:/bin"
REAL_GCLOUD = "/usr/bin/gcloud"  # the Google Cloud CLI Debian's package installs


def fake_gcloud(tmp_path, body: str):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    script = bin_dir / "gcloud"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(0o755)
    return script, {"PATH": f"{bin_dir}:{SYSTEM_PATH}", "HOME": str(tmp_path)}


VERSION_JSON = (
    'echo \'{"Google Cloud SDK": "999.0.0", "bq": "2.1.0", "core": "2024.01.01"}\'\n'
    'echo "$CLOUDSDK_CORE_DISABLE_PROMPTS $1 $2" > "$HOME/args"'
)


@pytest.mark.asyncio
async def test_found_with_version(tmp_path):
    script, env = fake_gcloud(tmp_path, VERSION_JSON)
    info = await detect_gcloud("", env)
    assert info.to_dict() == {
        "available": True,
        "path": str(script),
        "version": "999.0.0",
        "reason": None,
    }
    # Run directly with these arguments, prompts disabled.
    assert (tmp_path / "args").read_text().strip() == "1 version --format=json"


@pytest.mark.asyncio
async def test_plain_text_version(tmp_path):
    _, env = fake_gcloud(tmp_path, 'echo "Google Cloud SDK 450.0.0"; echo "bq 2.0.0"')
    assert (await detect_gcloud("", env)).version == "450.0.0"


@pytest.mark.asyncio
async def test_not_installed(tmp_path):
    (tmp_path / "empty").mkdir()
    info = await detect_gcloud("", {"PATH": str(tmp_path / "empty")})
    assert not info.available
    assert info.reason == "gcloud is not installed on the server host"


@pytest.mark.asyncio
async def test_configured_path_wins(tmp_path):
    script, _ = fake_gcloud(tmp_path, VERSION_JSON)
    info = await detect_gcloud(str(script), {"PATH": "/nonexistent", "HOME": str(tmp_path)})
    assert info.available and info.path == str(script)


@pytest.mark.asyncio
async def test_configured_path_missing(tmp_path):
    info = await detect_gcloud(str(tmp_path / "nope" / "gcloud"), {"PATH": SYSTEM_PATH})
    assert not info.available
    assert "GoogleAuth.gcloud_path" in info.reason


@pytest.mark.asyncio
async def test_failing_gcloud(tmp_path):
    _, env = fake_gcloud(tmp_path, 'echo "ERROR: (gcloud) boom" >&2; exit 2')
    info = await detect_gcloud("", env)
    assert not info.available
    assert "exit status 2" in info.reason and "boom" in info.reason


@pytest.mark.asyncio
async def test_garbage_output(tmp_path):
    _, env = fake_gcloud(tmp_path, "echo hello")
    info = await detect_gcloud("", env)
    assert not info.available and "did not report its version" in info.reason


@pytest.mark.asyncio
async def test_hanging_gcloud_is_killed(tmp_path):
    # The child sleep keeps stdout open: only killing the whole process group ends the read.
    _, env = fake_gcloud(tmp_path, 'sleep 10 &\necho $! > "$HOME/child"\nwait')
    started = time.perf_counter()
    info = await detect_gcloud("", env, timeout=0.5)
    elapsed = time.perf_counter() - started
    assert not info.available
    assert "did not answer within 0.5 s" in info.reason
    assert elapsed < 1.5, elapsed
    child = int((tmp_path / "child").read_text())
    await asyncio.sleep(0.1)
    assert not _running(child)


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


@pytest.mark.asyncio
async def test_probe_answers_at_once_and_runs_gcloud_only_when_asked(tmp_path):
    _, env = fake_gcloud(
        tmp_path, 'echo run >> "$HOME/runs"\nsleep 1\necho \'{"Google Cloud SDK": "1.2.3"}\''
    )
    probe = GcloudProbe()
    started = time.perf_counter()
    first = await probe.get("", env)
    assert time.perf_counter() - started < 0.5  # gcloud takes a second; nobody waits for it
    assert first.available and first.version is None and first.path
    assert not (tmp_path / "runs").exists()  # found on the file system, never run
    # "Check again": one run shared by concurrent callers, then kept for plain answers.
    checked, again = await asyncio.gather(
        probe.get("", env, refresh=True), probe.get("", env, refresh=True)
    )
    assert checked == again and checked.version == "1.2.3"
    assert await probe.get("", env) == checked
    assert (tmp_path / "runs").read_text().count("run") == 1


@pytest.mark.asyncio
async def test_a_broken_gcloud_is_unavailable_once_checked(tmp_path):
    _, env = fake_gcloud(tmp_path, 'echo "ERROR: (gcloud) boom" >&2; exit 2')
    probe = GcloudProbe()
    assert (await probe.get("", env)).available  # on the file system: usable, for now
    await probe.get("", env, refresh=True)
    info = await probe.get("", env)
    assert not info.available and "boom" in info.reason


@pytest.mark.asyncio
async def test_gcloud_runs_with_a_private_config_that_is_removed(tmp_path):
    _, env = fake_gcloud(
        tmp_path,
        'echo "$CLOUDSDK_CONFIG" > "$HOME/config"\nmkdir -p "$CLOUDSDK_CONFIG/logs"\n'
        'echo \'{"Google Cloud SDK": "1.0.0"}\'',
    )
    assert (await detect_gcloud("", env)).version == "1.0.0"
    private = (tmp_path / "config").read_text().strip()
    assert private and not private.startswith(str(tmp_path))
    assert not os.path.exists(private)


@pytest.mark.asyncio
@pytest.mark.skipif(not os.path.exists(REAL_GCLOUD), reason=f"no Google Cloud CLI at {REAL_GCLOUD}")
async def test_probing_the_real_gcloud_writes_nothing_in_home(tmp_path):
    home = tmp_path / "gcloud-home"
    home.mkdir()
    env = {"PATH": os.path.dirname(REAL_GCLOUD) + ":/bin", "HOME": str(home)}
    info = await GcloudProbe().get("", env, timeout=20, refresh=True)
    assert info.available and info.version and info.version[0].isdigit(), info
    assert not (home / ".config" / "gcloud").exists()
    assert list(home.iterdir()) == []


def test_find_gcloud_uses_path(tmp_path):
    script, env = fake_gcloud(tmp_path, VERSION_JSON)
    assert find_gcloud("", env) == str(script)
    assert find_gcloud("", {"PATH": str(tmp_path / "none")}) is None


@pytest.mark.parametrize(
    ("out", "version"),
    [
        ('{"Google Cloud SDK": "467.0.0", "core": "2024.03.01"}', "467.0.0"),
        ("Google Cloud SDK 467.0.0\nbq 2.0.101\n", "467.0.0"),
        ("[]", None),
        ("", None),
    ],
)
def test_parse_version(out, version):
    assert parse_version(out) == version
