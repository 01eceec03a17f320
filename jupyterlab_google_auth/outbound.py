"""How this server reaches Google over HTTP: the one place that decides about proxies.

Every call to Google (code exchange, Earth Engine's client fetch, userinfo, token refresh,
service-account key check, Cloud Resource Manager, Service Usage...) goes through a
``requests.Session`` made or fitted here. The rule is requests' own: ``HTTPS_PROXY``,
``HTTP_PROXY``, ``ALL_PROXY`` and ``NO_PROXY`` (either case) are read from the environment, so
a server behind a corporate proxy reaches Google the way ``pip`` or ``gcloud`` do. One
exception: a loopback host (the fake Google, a local token proxy) is always reached directly;
a proxy elsewhere cannot reach this machine's loopback, and it must not see what is sent there.

A URL that comes from a file a user supplied (a key's ``token_uri``, a client_secret.json, an
imported or hand-edited credential file) is called only when it is Google's own endpoint or the
administrator's (``trusted_file_url``); no session made here follows a redirect.

Not here, on purpose:
- the metadata probe (``environment/metadata.py``) opens its own TCP connection to the
  link-local metadata server and never uses a proxy, as google-auth's metadata client does not;
- gcloud (``flows/modes/gcloud.py``) runs with this server's environment and applies the same
  variables (and its own ``proxy/*`` properties) itself.

requests is imported on first use: loading the extension stays cheap.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import requests


def is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def follow_environment_proxies(session: requests.Session, url: str) -> requests.Session:
    """Fit ``session`` (used for ``url``'s host) to the proxy rule above."""
    # trust_env is how requests itself reads the proxy variables (and NO_PROXY) per request.
    session.trust_env = not is_loopback_host(urlsplit(url).hostname)
    return session


def google_session(url: str) -> requests.Session:
    """A new session for calls to ``url``'s host, following the proxy rule above, that never
    follows a redirect (a 3xx is answered as it is: a redirect could lead past every address
    check to this machine's own services)."""
    import requests

    class NoRedirectSession(requests.Session):
        max_redirects = 0

        def request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            kwargs["allow_redirects"] = False
            return super().request(*args, **kwargs)

    return follow_environment_proxies(NoRedirectSession(), url)


# Google's own endpoints, as Google writes them into the files it issues (keys,
# client_secret.json, gcloud's ADC file). A URL read from a file a user supplied is used only
# when it is one of these or the administrator's own setting (GoogleAuth.<field>).
GOOGLE_ENDPOINTS: dict[str, tuple[str, ...]] = {
    "token_uri": (
        "https://oauth2.googleapis.com/token",
        "https://accounts.google.com/o/oauth2/token",
        "https://www.googleapis.com/oauth2/v4/token",
    ),
    "auth_uri": (
        "https://accounts.google.com/o/oauth2/auth",
        "https://accounts.google.com/o/oauth2/v2/auth",
    ),
}


def trusted_file_url(url: object, settings: Any, field: str) -> bool:
    """Whether ``url`` (the ``field`` of a user's file) may be called: exactly Google's own
    endpoint for that field, or exactly the administrator's ``GoogleAuth.<field>``."""
    if not isinstance(url, str):
        return False
    allowed = set(GOOGLE_ENDPOINTS.get(field, ()))
    admin = getattr(settings, field, None)
    if isinstance(admin, str) and admin:
        allowed.add(admin)
    return url in allowed


def untrusted_reason(field: str, where: str, settings: Any) -> str:
    google = " or ".join(GOOGLE_ENDPOINTS.get(field, ()))
    admin = settings.get(field) if isinstance(settings, dict) else getattr(settings, field, "")
    also = f" or this server's GoogleAuth.{field} ({admin})" if admin else ""
    return (
        f"The {field} in {where} is not Google's endpoint: this server only sends credentials to "
        f"{google}{also}. Use the file exactly as Google issued it."
    )


def check_file_url(url: object, settings: Any, field: str, where: str) -> None:
    """Refuse (400 ``untrusted_endpoint``, naming the field) a file's URL that is not trusted."""
    if url is None or trusted_file_url(url, settings, field):
        return
    from .errors import ServerError

    raise ServerError(400, "untrusted_endpoint", untrusted_reason(field, where, settings))
