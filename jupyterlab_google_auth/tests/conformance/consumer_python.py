"""Run in a clean subprocess (HOME = a temp dir): load credentials as a real consumer would,
refresh them against the fake token endpoint, print what was obtained as one JSON line.

    python consumer_python.py google-auth <fake token uri>
    python consumer_python.py earthengine <fake token uri>
    FAKE_MODELS_URL=<fake>/v1/models python consumer_python.py generative-models <token uri>

Redirecting the token endpoint. The consumers do not take it from the files:
- google-auth builds authorized_user credentials with ``token_uri=_GOOGLE_OAUTH2_TOKEN_ENDPOINT``
  ("always overrides", google/oauth2/credentials.py, from_authorized_user_info), a module global
  read at call time, and offers no setting or environment variable for it. We rebind that global
  here, before google.auth.default() runs; nothing else of google-auth is touched, so the file is
  still found, parsed and turned into credentials by google-auth's own code.
- earthengine-api sets ``token_uri = ee.oauth.TOKEN_URI`` ("Not overridable in file") in
  get_credentials_arguments(), also read at call time; we rebind it the same way. ee's ADC path
  goes through google.auth.default(), covered by the first patch.
- Impersonated credentials (google-auth) call IAM Credentials at ``google.auth.iam._IAM_ENDPOINT``
  whatever URL the file holds; with ``FAKE_IAM_URI`` set it is rebound to the fake the same way.
- Service account keys need no patch: google-auth uses the key's own ``token_uri``, so the test
  writes the fake's URL into the key.
ee.Initialize() runs for real up to the point where it would fetch Earth Engine's API discovery
document over the network: ``ee.data.initialize`` is replaced by a recorder that stops there,
so we see the credentials and project ee.Initialize() chose.
"""

from __future__ import annotations

import json
import sys
import warnings


def redirect_google_auth(token_uri: str) -> None:
    import os

    import google.auth.iam
    import google.oauth2.credentials

    google.oauth2.credentials._GOOGLE_OAUTH2_TOKEN_ENDPOINT = token_uri
    # Impersonated credentials call IAM Credentials at google.auth.iam._IAM_ENDPOINT (a
    # template read at call time), not at the URL in the file; rebound the same way.
    iam = os.environ.get("FAKE_IAM_URI")
    if iam:
        google.auth.iam._IAM_ENDPOINT = (
            iam + "/v1/projects/-/serviceAccounts/{}:generateAccessToken"
        )


def describe(creds) -> dict:
    return {
        "class": f"{type(creds).__module__}.{type(creds).__name__}",
        "token_uri": getattr(creds, "token_uri", None) or getattr(creds, "_token_uri", None),
        "token": creds.token,
        "quota_project_id": getattr(creds, "quota_project_id", None),
        "client_id": getattr(creds, "client_id", None),
        "account": getattr(creds, "account", None) or getattr(creds, "service_account_email", None),
    }


def google_auth(token_uri: str) -> dict:
    import google.auth
    import google.auth.transport.requests

    redirect_google_auth(token_uri)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        creds, project = google.auth.default(
            scopes=["https://www.googleapis.com/auth/cloud-platform"]
        )
    creds.refresh(google.auth.transport.requests.Request())
    return {**describe(creds), "project": project}


def earthengine(token_uri: str) -> dict:
    import ee
    import ee.data
    import ee.oauth

    redirect_google_auth(token_uri)
    ee.oauth.TOKEN_URI = token_uri
    seen: dict = {}

    class Stop(Exception):
        pass

    def record_initialize(**kwargs):  # stands in for the network part of ee.Initialize()
        seen.update(kwargs)
        raise Stop

    ee.data.initialize = record_initialize
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ee.Initialize()
        except Stop:
            pass
    try:
        args = ee.oauth.get_credentials_arguments()
    except OSError:
        args = None
    creds = seen["credentials"]
    return {
        **describe(creds),
        "initialize_project": seen.get("project"),
        "ee_file_quota_project": args.get("quota_project_id") if args else None,
        "ee_file_token_uri": args.get("token_uri") if args else None,
    }


def generative_models(token_uri: str) -> dict:
    """The Gemini OAuth page's REST call done by google-auth itself: ADC credentials in an
    AuthorizedSession, which sends the file's quota_project_id as x-goog-user-project."""
    import os

    import google.auth
    import google.auth.transport.requests

    redirect_google_auth(token_uri)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        creds, _ = google.auth.default()
    session = google.auth.transport.requests.AuthorizedSession(creds)
    answer = session.get(os.environ["FAKE_MODELS_URL"], timeout=30)
    body = answer.json()
    return {
        **describe(creds),
        "status": answer.status_code,
        "sent_quota_project": answer.request.headers.get("x-goog-user-project"),
        "models": [m["name"] for m in body.get("models", [])],
        "error": body.get("error"),
    }


if __name__ == "__main__":
    mode, uri = sys.argv[1], sys.argv[2]
    consumers = {
        "google-auth": google_auth,
        "earthengine": earthengine,
        "generative-models": generative_models,
    }
    result = consumers[mode](uri)
    print(json.dumps(result))
