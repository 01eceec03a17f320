"""A fake ``gcloud`` that prints what the real one prints (Cloud SDK 528, checked against its
sources: ``googlecloudsdk/core/credentials/flow.py``, ``api_lib/auth/util.py``,
``command_lib/auth/auth_util.py``, ``surface/auth/application_default/login.py``).

Commands: ``version --format=json``, ``--version`` and
``auth application-default login --no-launch-browser --scopes=A,B``. Anything else fails like
gcloud's argument parser.

It refuses to run unless started the way the bridge must start it: argv exactly as above (a
shell would have split or quoted it differently), stdin a terminal, the parent not a shell, and,
when ``FAKE_GCLOUD_PARENT_PID`` is set, started by that process.

Environment (set by testing.fake_gcloud.fake_gcloud_env):

* ``FAKE_GCLOUD_MODE``: ``exchange`` (default when ``FAKE_GCLOUD_TOKEN_URI`` is set: the code
  is exchanged at that token endpoint with PKCE, as gcloud does), ``ok`` (any code, or exactly
  ``FAKE_GCLOUD_CODE`` when set, is accepted without a network call), ``bad_code`` (invalid_grant),
  ``crash`` (gcloud's crash report after the code), ``hang`` (never prints the link),
  ``hang_after_code`` (never finishes after the code), ``refuse_scope`` (a scope outside Cloud
  fails with invalid_scope before the link; otherwise like ``ok``).
* ``FAKE_GCLOUD_AUTH_URI``, ``FAKE_GCLOUD_TOKEN_URI``, ``FAKE_GCLOUD_CLIENT_SECRET``: the fake
  Google's endpoints and its secret for gcloud's client.
* ``FAKE_GCLOUD_PROMPT``: ``current`` (default) or ``legacy`` (the older "Go to the following
  link in your browser:" / "Enter authorization code:" wording).
* ``FAKE_GCLOUD_QUOTA_PROJECT``: a quota project gcloud finds and adds to the ADC file.
* ``FAKE_GCLOUD_RECORD``: a file where the argv and checks are written as JSON, for the tests.

In the hang modes it also starts a child that ignores SIGTERM, so only killing the whole process
group with SIGKILL ends everything.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

GCLOUD_CLIENT_ID = "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com"
AUTH_PROXY_REDIRECT_URI = "https://sdk.cloud.google.com/applicationdefaultauthcode.html"
CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform"
VERSION = {
    "Google Cloud SDK": "528.0.0",
    "bq": "2.1.18",
    "core": "2025.06.13",
    "gcloud-crc32c": "1.0.0",
    "gsutil": "5.34",
}
CLOUD_SCOPES = {
    "openid",
    "https://www.googleapis.com/auth/userinfo.email",
    "https://www.googleapis.com/auth/userinfo.profile",
    *(
        "https://www.googleapis.com/auth/" + name
        for name in (
            "cloud-platform",
            "cloud-platform.read-only",
            "sqlservice.login",
            "accounts.reauth",
            "appengine.admin",
            "compute",
            "compute.readonly",
            "earthengine",
            "earthengine.readonly",
            "devstorage.full_control",
            "devstorage.read_write",
            "devstorage.read_only",
        )
    ),
}
SHELLS = {"sh", "bash", "dash", "zsh", "ksh", "mksh", "fish", "csh", "tcsh", "busybox"}

WEB_AUTH_PROBLEM = "ERROR: There was a problem with web authentication."
COMMAND = "(gcloud.auth.application-default.login)"
CRASH_TAIL = (
    "\nIf you would like to report this issue, please run the following command:\n"
    "  gcloud feedback\n\n"
    "To check gcloud for common problems, please run the following command:\n"
    "  gcloud info --run-diagnostics\n"
)


def err(text: str) -> None:
    sys.stderr.write(text)
    sys.stderr.flush()


def parent_command(ppid: int) -> str:
    try:
        return Path(f"/proc/{ppid}/comm").read_text().strip()
    except OSError:
        return ""


def record(data: dict) -> None:
    path = os.environ.get("FAKE_GCLOUD_RECORD")
    if path:
        Path(path).write_text(json.dumps(data))


def check_launch(args: list[str]) -> str | None:
    """Why this start is not the bridge's (None when it is)."""
    expected = ["auth", "application-default", "login", "--no-launch-browser"]
    if args[:4] != expected or len(args) != 5 or not args[4].startswith("--scopes="):
        return f"unexpected arguments {args!r}; expected {expected + ['--scopes=A,B']!r}"
    value = args[4][len("--scopes=") :]
    if not value or any(c in value for c in " \t'\"\\$`;&|<>") or ",," in value:
        return f"the --scopes value {value!r} was quoted or split (started through a shell?)"
    ppid = os.getppid()
    if parent_command(ppid) in SHELLS:
        return f"started through a shell ({parent_command(ppid)})"
    wanted = os.environ.get("FAKE_GCLOUD_PARENT_PID")
    if wanted and int(wanted) != ppid:
        return f"started by process {ppid}, not directly by {wanted} (through a shell?)"
    # `sh -c "gcloud ..."` execs gcloud in place of the shell (dash and bash both do), so the
    # parent test cannot see it; but the shell exports PWD (and bash SHLVL and _), which the
    # tests' exact environment never holds.
    shell_vars = sorted({"PWD", "SHLVL", "_"} & set(os.environ))
    if wanted and shell_vars:
        return f"started through a shell (it exported {', '.join(shell_vars)})"
    if not os.isatty(0):
        return "stdin is not a terminal: gcloud's code prompt needs one"
    return None


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def consent_url(scopes: list[str], challenge: str) -> str:
    auth_uri = os.environ.get("FAKE_GCLOUD_AUTH_URI", "https://accounts.google.com/o/oauth2/auth")
    params = {
        "response_type": "code",
        "client_id": GCLOUD_CLIENT_ID,
        "redirect_uri": AUTH_PROXY_REDIRECT_URI,
        "scope": " ".join(scopes),
        "state": secrets.token_urlsafe(22)[:30],
        "prompt": "consent",
        "token_usage": "remote",
        "access_type": "offline",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    return auth_uri + "?" + urllib.parse.urlencode(params)


def prompt_for_code(url: str) -> str:
    if os.environ.get("FAKE_GCLOUD_PROMPT") == "legacy":
        err(f"Go to the following link in your browser:\n\n    {url}\n\n")
        question = "Enter authorization code: "
    else:
        err(
            "Go to the following link in your browser, and complete the sign-in prompts:"
            f"\n\n    {url}\n\n"
        )
        question = "Once finished, enter the verification code provided in your browser: "
    return input(question).strip()


def hang() -> None:
    # A child in the same process group that ignores SIGTERM, as a stuck helper would.
    subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)",
        ],
        stdin=subprocess.DEVNULL,
    )
    time.sleep(600)


def exchange(code: str, verifier: str) -> str:
    """The code for a refresh token at the fake token endpoint; exits like gcloud on errors."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": AUTH_PROXY_REDIRECT_URI,
        "client_id": GCLOUD_CLIENT_ID,
        "client_secret": os.environ.get("FAKE_GCLOUD_CLIENT_SECRET", "fake-gcloud-secret"),
        "code_verifier": verifier,
    }
    request = urllib.request.Request(
        os.environ["FAKE_GCLOUD_TOKEN_URI"],
        data=urllib.parse.urlencode(form).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            body = json.loads(response.read())
    except urllib.error.HTTPError as exc:
        try:
            data = json.loads(exc.read())
        except ValueError:
            data = {"error": "server_error", "error_description": f"HTTP {exc.code}"}
        error, description = data.get("error", "unknown"), data.get("error_description", "")
        if error in ("invalid_grant", "access_denied"):
            err(WEB_AUTH_PROBLEM + "\n")
        err(f"ERROR: {COMMAND} ({error}) {description}\n")
        sys.exit(1)
    except (urllib.error.URLError, OSError) as exc:
        err(f"ERROR: gcloud crashed (ConnectionError): {exc}\n" + CRASH_TAIL)
        sys.exit(1)
    return body["refresh_token"]


def adc_path() -> Path:
    config = os.environ.get("CLOUDSDK_CONFIG") or os.path.join(
        os.path.expanduser("~"), ".config", "gcloud"
    )
    return Path(config) / "application_default_credentials.json"


def save_adc(refresh_token: str) -> None:
    """Write the ADC file as gcloud does (sorted keys, 0600) and print what it prints."""
    quota = os.environ.get("FAKE_GCLOUD_QUOTA_PROJECT")
    adc = {
        "account": "",
        "client_id": GCLOUD_CLIENT_ID,
        "client_secret": os.environ.get("FAKE_GCLOUD_CLIENT_SECRET", "fake-gcloud-secret"),
        "refresh_token": refresh_token,
        "type": "authorized_user",
        "universe_domain": "googleapis.com",
    }
    if quota:
        adc["quota_project_id"] = quota
    path = adc_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(json.dumps(adc, sort_keys=True, indent=2, separators=(",", ": ")))
    os.chmod(path, 0o600)
    err(
        f"\nCredentials saved to file: [{path}]\n\n"
        "These credentials will be used by any library that requests Application Default "
        "Credentials (ADC).\n"
    )
    if quota:
        err(
            f'\nQuota project "{quota}" was added to ADC which can be used by Google client '
            "libraries for billing and quota. Note that some services may still bill the "
            "project owning the resource.\n"
        )
    else:
        err(
            "WARNING: \nCannot find a quota project to add to ADC. You might receive a "
            '"quota exceeded" or "API not enabled" error. Run $ gcloud auth '
            "application-default set-quota-project to add a quota project.\n"
        )


def login(args: list[str]) -> int:
    problem = check_launch(args)
    config = adc_path().parent
    record(
        {
            "argv": args,
            "problem": problem,
            "isatty": os.isatty(0),
            "ppid": os.getppid(),
            "config_dir": str(config),
            "server_python_vars": sorted(
                k for k in os.environ if k in ("PYTHONPATH", "PYTHONHOME")
            ),
            "config_files": sorted(
                str(p.relative_to(config)) for p in config.rglob("*") if p.is_file()
            ),
        }
    )
    if problem:
        err(f"ERROR: (fake gcloud) {problem}\n")
        return 3
    scopes = [s for s in args[4][len("--scopes=") :].split(",") if s]
    if CLOUD_PLATFORM not in scopes:
        err(
            f"ERROR: {COMMAND} Invalid value for [--scopes]: {CLOUD_PLATFORM} scope is required "
            "but not requested. Please include it in the --scopes flag.\n"
        )
        return 1
    default = "exchange" if os.environ.get("FAKE_GCLOUD_TOKEN_URI") else "ok"
    mode = os.environ.get("FAKE_GCLOUD_MODE") or default
    if mode == "hang":
        hang()
        return 1
    refused = [s for s in scopes if s not in CLOUD_SCOPES]
    if mode == "refuse_scope" and refused:
        err(f"ERROR: {COMMAND} (invalid_scope) Some requested scopes were invalid. ")
        err("{invalid=[" + ", ".join(refused) + "]}\n")
        return 1
    verifier = secrets.token_urlsafe(64)[:86]
    try:
        code = prompt_for_code(consent_url(scopes, s256(verifier)))
    except EOFError:
        err(f"ERROR: {COMMAND} (invalid_request) Missing required parameter: code\n")
        return 1
    if mode == "hang_after_code":
        hang()
        return 1
    if mode == "crash":
        err("ERROR: gcloud crashed (AttributeError): 'NoneType' object has no attribute 'token'\n")
        err(CRASH_TAIL)
        return 1
    wanted = os.environ.get("FAKE_GCLOUD_CODE")
    if mode == "bad_code" or (mode in ("ok", "refuse_scope") and wanted and code != wanted):
        err(WEB_AUTH_PROBLEM + "\n")
        err(f"ERROR: {COMMAND} (invalid_grant) Malformed auth code.\n")
        return 1
    if mode == "exchange":
        refresh_token = exchange(code, verifier)
    else:
        refresh_token = "1//fake-gcloud-" + secrets.token_urlsafe(24)
    save_adc(refresh_token)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["version", "--format=json"]:
        print(json.dumps(VERSION, indent=2, sort_keys=True))
        return 0
    if args in (["--version"], ["version"]):
        print("\n".join(f"{k} {v}" for k, v in VERSION.items()))
        return 0
    if args[:3] == ["auth", "application-default", "login"]:
        return login(args)
    shown = args[0] if args else ""
    err(f"ERROR: (gcloud) Invalid choice: '{shown}'.\n")
    return 2


if __name__ == "__main__":
    sys.exit(main())
