"""How this server reaches Google over HTTP: the one place that decides about proxies.

Every call to Google (code exchange, Earth Engine's client fetch, userinfo, token refresh,
service-account key check, Cloud Resource Manager, Service Usage...) goes through a
``requests.Session`` made or fitted here. The rule is requests' own: ``HTTPS_PROXY``,
``HTTP_PROXY``, ``ALL_PROXY`` and ``NO_PROXY`` (either case) are read from the environment, so
a server behind a corporate proxy reaches Google the way ``pip`` or ``gcloud`` do. One
exception: a loopback host (the fake Google, a local token proxy) is always reached directly;
a proxy elsewhere cannot reach this machine's loopback, and it must not see what is sent there.

Not here, on purpose:
- the metadata probe (``environment/metadata.py``) opens its own TCP connection to the
  link-local metadata server and never uses a proxy, as google-auth's metadata client does not;
- gcloud (``flows/modes/gcloud.py``) runs with this server's environment and applies the same
  variables (and its own ``proxy/*`` properties) itself.

requests is imported on first use: loading the extension stays cheap.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING
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
    """A new session for calls to ``url``'s host, following the proxy rule above."""
    import requests

    return follow_environment_proxies(requests.Session(), url)
