"""Test kernels only: send google-auth's refreshes for Google's token endpoint to the fake.

ee (``ee.oauth.TOKEN_URI``, "not overridable in file") and google-auth's authorized_user loader
both pin Google's token URL, and nothing in them can be configured. Rebinding the one function
they both refresh through (``google.oauth2.reauth.refresh_grant``) keeps every other line of
theirs real. Loaded by an IPython startup file the Galata server config writes, or by a test.
"""

from __future__ import annotations

GOOGLE_TOKEN_URIS = (
    "https://oauth2.googleapis.com/token",
    "https://accounts.google.com/o/oauth2/token",
)


def redirect_token_endpoint(token_uri: str) -> None:
    from google.oauth2 import reauth

    original = getattr(reauth.refresh_grant, "__wrapped_original__", reauth.refresh_grant)

    def refresh_grant(request, uri, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        return original(request, token_uri if uri in GOOGLE_TOKEN_URIS else uri, *args, **kwargs)

    refresh_grant.__wrapped_original__ = original  # type: ignore[attr-defined]
    reauth.refresh_grant = refresh_grant
