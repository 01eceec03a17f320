"""Where secrets may be sent, and the time budget of one exchange. No HTTP library here (this
module is imported when the extension loads; requests and oauthlib are imported on first use).

oauthlib (under google-auth-oauthlib) refuses ``http://`` token endpoints unless the process-wide
``OAUTHLIB_INSECURE_TRANSPORT`` is set (docs/ARCHITECTURE.md). Setting it would relax the check for
every endpoint in the process, so it is never set. Instead, for an ``http://`` endpoint on a
loopback address only (the fake Google, a local proxy), the library is handed the ``https://``
spelling of the URL (:func:`library_url`) and the session gets an adapter, mounted for exactly
that scheme, host and port, that sends the request as plain http (exchange.prepare_session). Any
other ``http://`` endpoint is refused before a code or token is sent.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..deadline import Deadline
from ..outbound import is_loopback_host
from .errors import flow_error

TOKEN_ENDPOINT = "Google's token endpoint"
EE_FETCH = "Earth Engine's client-auth service"
USERINFO = "Google's userinfo endpoint"


def check_endpoint(url: str) -> None:
    """Refuse to send secrets to ``url`` unless it is https, or http on this machine."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise flow_error("insecure_endpoint", repr(url)) from None
    if parts.scheme == "https" and host:
        return
    if parts.scheme == "http" and is_loopback_host(host):
        return
    raise flow_error("insecure_endpoint", url)


def is_plain_loopback(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "http" and is_loopback_host(parts.hostname)


def library_url(url: str) -> str:
    """The URL to hand oauthlib: the https spelling of a loopback http URL, else ``url``."""
    return "https://" + url[len("http://") :] if is_plain_loopback(url) else url


def flow_deadline(seconds: float) -> Deadline:
    """All the calls of one exchange share one time budget (settings.http_timeout); running
    out is ``endpoint_timeout`` naming the endpoint."""
    return Deadline(seconds, expired=lambda what, _seconds: flow_error("endpoint_timeout", what))
