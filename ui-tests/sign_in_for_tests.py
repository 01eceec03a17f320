"""Sign a fake Google account in for the Galata specs, without the browser.

Runs the real consent through the fake Google (``POST /_control/approve``, then the
authorization-code exchange at its ``/token``), and writes the resulting refresh token where
the libraries read it with the extension's own ``CredentialStore``, under the test server's
HOME. The specs call it through the venv's python:

    python ui-tests/sign_in_for_tests.py [--account A] [--project P] [--fake URL --home DIR]
        [--profile NAME]

With ``--profile``, the sign-in becomes a new profile of that name (the extension's own
``add_user_grant``, as "Add account" does) and the standard files stay as they are.

It prints one JSON line: the account, the files written. The fake URL and HOME default to the
ones ui-tests/jupyter_server_test_config.py wrote to ui-tests/.state/env-<GALATA_PORT>.json
(else env.json).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from jupyterlab_google_auth.clients import EE_CLIENT_ID, EE_CLIENT_SECRET  # noqa: E402
from jupyterlab_google_auth.credentials.store import CredentialStore  # noqa: E402

SCOPES = [
    "openid",
    "https://www.googleapis.com/auth/userinfo.email",
    "https://www.googleapis.com/auth/earthengine",
    "https://www.googleapis.com/auth/cloud-platform",
]
# Any loopback address will do: the fake answers with the redirect instead of following it.
REDIRECT_URI = "http://127.0.0.1:9/callback"


def _post(url: str, data: bytes, content_type: str) -> dict:
    request = urllib.request.Request(  # noqa: S310 - the loopback fake
        url, data=data, headers={"Content-Type": content_type}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback fake
        return json.loads(response.read())


def refresh_token_for(fake: str, account: str) -> str:
    auth_url = (
        fake
        + "/o/oauth2/auth?"
        + urllib.parse.urlencode(
            {
                "client_id": EE_CLIENT_ID,
                "redirect_uri": REDIRECT_URI,
                "response_type": "code",
                "scope": " ".join(SCOPES),
                "access_type": "offline",
                "state": "galata",
            }
        )
    )
    body = json.dumps({"auth_url": auth_url, "account": account}).encode()
    location = _post(fake + "/_control/approve", body, "application/json")["location"]
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]
    form = urllib.parse.urlencode(
        {
            "grant_type": "authorization_code",
            "code": code,
            "client_id": EE_CLIENT_ID,
            "client_secret": EE_CLIENT_SECRET,
            "redirect_uri": REDIRECT_URI,
        }
    ).encode()
    return _post(fake + "/token", form, "application/x-www-form-urlencoded")["refresh_token"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--account", default="alice@example.com")
    parser.add_argument("--project", default=None)
    parser.add_argument("--fake", default=None, help="fake Google URL")
    parser.add_argument("--home", default=None, help="the test server's HOME")
    parser.add_argument("--profile", default=None, help="add the sign-in as this new profile")
    parser.add_argument(
        "--mode", default=None, help="record the sign-in as made in this mode (issue record)"
    )
    args = parser.parse_args()
    saved: dict = {}
    port = os.environ.get("GALATA_PORT", "8876")
    for name in (f"env-{port}.json", "env.json"):  # per port first: servers may share .state
        env_file = HERE / ".state" / name
        if env_file.exists():
            saved = json.loads(env_file.read_text())
            break
    fake = (args.fake or saved["fake_google"]).rstrip("/")
    home = args.home or saved["home"]

    token = refresh_token_for(fake, args.account)
    # Only HOME: the developer's CLOUDSDK_CONFIG or GOOGLE_APPLICATION_CREDENTIALS must not
    # send these files anywhere else.
    store = CredentialStore(env={"HOME": home}, home=home)
    write = store.write_user_credentials
    if args.profile:
        from jupyterlab_google_auth.profiles.adding import add_user_grant
        from jupyterlab_google_auth.profiles.store import profile_store

        def write(targets, **grant):  # noqa: ANN001, ANN003, ANN202
            return add_user_grant(profile_store(store), args.profile, 20, targets, **grant)[1]

    written = write(
        ["earthengine", "adc"],
        refresh_token=token,
        client_id=EE_CLIENT_ID,
        client_secret=EE_CLIENT_SECRET,
        scopes=SCOPES,
        account=args.account,
        project=args.project,
        issue=(
            {"mode": args.mode, "preset": "earthengine", "client": "earthengine"}
            if args.mode
            else None
        ),
    )
    print(json.dumps({"account": args.account, "files": [w.to_json() for w in written]}))


if __name__ == "__main__":
    main()
