"""The gcloud mode end to end with the REAL Google Cloud CLI (issue 9, point 4).

gcloud reads its OAuth endpoints from the hidden properties ``auth/auth_host`` and
``auth/token_host`` (``CLOUDSDK_AUTH_AUTH_HOST``, ``CLOUDSDK_AUTH_TOKEN_HOST``): the test points
them at the fake Google. Plain http to loopback needs ``OAUTHLIB_INSECURE_TRANSPORT`` in gcloud's
environment: a wrapper script given as ``GoogleAuth.gcloud_path`` sets these for gcloud only
(``exec``, so gcloud is still started directly), never for the server. The fake knows gcloud's
client from gcloud's installed sources (read below, not guessed), and, like Google's auth-code
page at sdk.cloud.google.com, shows the code instead of redirecting.

HOME is a temporary directory (conftest.py) and the server runs gcloud with its own private
CLOUDSDK_CONFIG, so gcloud never touches a real home. Without gcloud the test says so and skips.
The failure modes the real gcloud cannot be made to show stay with testing/fake_gcloud.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import test_flows_fixtures as flows_fixtures

from jupyterlab_google_auth.clients import GCLOUD_CLIENT_ID
from jupyterlab_google_auth.credentials.validity import check_refresh
from testing.fake_gcloud import AUTH_PROXY_REDIRECT_URI, register_gcloud_client
from testing.fake_google import ALICE

api = flows_fixtures.api
registry = flows_fixtures.registry
settings = flows_fixtures.settings
stored_files = flows_fixtures.stored_files

REAL_GCLOUD = shutil.which("gcloud", path="/usr/bin:/usr/local/bin:/opt/google-cloud-sdk/bin")
pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="the bridge needs a POSIX pty"),
    pytest.mark.skipif(
        REAL_GCLOUD is None,
        reason="the Google Cloud CLI is not installed (no gcloud in /usr/bin, /usr/local/bin or "
        "/opt/google-cloud-sdk/bin): the real-gcloud test cannot run here",
    ),
]
CLOUD = "https://www.googleapis.com/auth/cloud-platform"


def installed_adc_client(gcloud: str) -> tuple[str, str]:
    """gcloud's client for application-default login, from its installed sources."""
    root = Path(os.path.realpath(gcloud)).parent.parent  # <sdk>/bin/gcloud
    source = (root / "lib/googlecloudsdk/api_lib/auth/util.py").read_text("utf-8")

    def constant(name: str) -> str:
        match = re.search(rf"^{name}\s*=\s*'([^']+)'", source, re.MULTILINE)
        assert match, f"{name} not found in gcloud's api_lib/auth/util.py"
        return match.group(1)

    return (
        constant("DEFAULT_CREDENTIALS_DEFAULT_CLIENT_ID"),
        constant("DEFAULT_CREDENTIALS_DEFAULT_CLIENT_SECRET"),
    )


@pytest.fixture
def real_gcloud(tmp_path, fake_google, settings):
    """The real gcloud behind a wrapper that points it at the fake Google."""
    client_id, client_secret = installed_adc_client(REAL_GCLOUD)
    register_gcloud_client(fake_google, client_id, client_secret)
    gcloud_env = {
        "CLOUDSDK_AUTH_AUTH_HOST": fake_google.url + "/o/oauth2/auth",
        "CLOUDSDK_AUTH_TOKEN_HOST": fake_google.url + "/token",
        "OAUTHLIB_INSECURE_TRANSPORT": "1",  # the fake is plain http on loopback
    }
    wrapper = tmp_path / "gcloud-at-the-fake"
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in gcloud_env.items())
    wrapper.write_text(f'#!/bin/sh\nexec env {assignments} {shlex.quote(REAL_GCLOUD)} "$@"\n')
    wrapper.chmod(0o700)
    settings.gcloud_path = str(wrapper)
    settings.http_timeout = 30.0  # the real gcloud needs seconds to start and to exchange
    assert "OAUTHLIB_INSECURE_TRANSPORT" not in os.environ  # the server never gets it
    return client_id


async def test_real_gcloud_end_to_end(api, fake_google, real_gcloud, registry):
    client_id = real_gcloud
    assert client_id == GCLOUD_CLIENT_ID  # the id the product and the fake know
    home = Path(os.environ["HOME"])

    status, view = await api.start(mode="gcloud", preset="cloud")
    assert status == 201, view
    assert view["expects"] == "code"
    private = registry.flows[view["id"]].secrets.extra["gcloud_dir"]  # gcloud's CLOUDSDK_CONFIG
    assert not str(private).startswith(str(home))

    # The URL the real gcloud printed: the fake's auth endpoint, gcloud's client, the auth-code
    # page as redirect, PKCE.
    url = view["consent_url"]
    assert url.startswith(fake_google.url + "/o/oauth2/auth?"), url
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert query["client_id"] == client_id
    assert query["redirect_uri"] == AUTH_PROXY_REDIRECT_URI
    assert query["code_challenge_method"] == "S256"
    assert CLOUD in query["scope"].split()

    # The user consents; the page shows the code (as sdk.cloud.google.com does).
    code = fake_google.approve(url, account=ALICE)["code"]
    status, done = await api.complete(view["id"], code=code)
    assert status == 200, done
    if done["state"] == "exchanging":
        for _ in range(120):
            status, done = await api.get(view["id"])
            if done["state"] != "exchanging":
                break
            await asyncio.sleep(0.5)
    assert done["state"] == "succeeded", done
    result = done["result"]
    assert result["account"] == ALICE
    assert CLOUD in result["scopes"]
    print("\nreal gcloud flow result:", json.dumps(result, indent=1))

    # What the product wrote: ADC with gcloud's client and a refresh token the fake issued.
    files = stored_files()
    adc = files["adc"]
    assert adc["type"] == "authorized_user" and adc["client_id"] == client_id
    token = fake_google.state.refresh_tokens[adc["refresh_token"]]
    assert token.account == ALICE and token.client_id == client_id
    check = check_refresh(adc, token_uri=fake_google.url + "/token")
    assert check["valid"] is True and check["account"] == ALICE

    # gcloud wrote nothing of its own in HOME: no logs, no configurations; its private
    # CLOUDSDK_CONFIG (where it wrote its own ADC) is gone.
    gcloud_dir = home / ".config" / "gcloud"
    left = sorted(p.name for p in gcloud_dir.iterdir())
    assert all(name.startswith("application_default_credentials.json") for name in left), left
    assert not private.exists()

    # What the API reports now.
    status, report = await api.call("GET", "credentials")
    assert status == 200
    adc_source = next(s for s in report["sources"] if s["name"] == "adc")
    assert adc_source["present"] and adc_source["account"] == ALICE, adc_source
    print("credentials report (adc):", json.dumps(adc_source, indent=1))
