"""Parse the browser's origin (``window.location.origin``) strictly.

The origin decides whether the loopback sign-in mode can work: Google redirects the browser to
``<origin>/<base_url>google-auth/oauth2callback``, so the origin is later pasted into a URL the
server builds. That is why the parser accepts only what a browser actually serialises as an
origin and refuses everything else with a message naming the problem.

Accepted: ``http`` or ``https``, a host, an optional port, an optional single trailing ``/``.
The host is a DNS name in ASCII (punycode for IDNs, as browsers serialise it), a dotted-quad
IPv4 literal or a bracketed IPv6 literal without a zone id. Refused: userinfo, a path, a query,
a fragment, whitespace or control characters, non-ASCII, an empty or out-of-range port, a
trailing dot on the host, anything longer than ``MAX_ORIGIN_LENGTH`` characters.

Loopback means the host is ``localhost``, an address in ``127.0.0.0/8`` or ``[::1]``: the
loopback redirect targets Google accepts for Desktop clients (RFC 8252 section 7.3). Decision:
subdomains of ``localhost`` (``app.localhost``) are *not* treated as loopback. Browsers do
resolve them to the loopback interface, but Google's loopback-redirect rule names ``localhost``
and the IP literals only, and the Jupyter login cookie is bound to the host name the browser
used, so the server could not switch such a user to ``127.0.0.1`` either. Such a browser is
classified as remote and gets a paste mode, which works everywhere. IPv4-mapped IPv6 addresses
(``[::ffff:127.0.0.1]``) are not loopback for the same reason.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

MAX_ORIGIN_LENGTH = 255
DEFAULT_PORTS = {"http": 80, "https": 443}

_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_LABEL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
# A last label that a browser would parse as a number makes the host an IPv4 address in the
# WHATWG URL standard ("1.2.3", "0x7f.1"); only a canonical dotted quad is accepted as one.
_NUMERIC_LABEL_RE = re.compile(r"^(?:0x[0-9a-f]*|[0-9]+)$")


class OriginError(ValueError):
    """The value is not an origin this extension accepts; the message says why."""


@dataclass(frozen=True)
class Origin:
    """A parsed browser origin.

    ``host`` is lower-case and, for IPv6, keeps its brackets, so ``f"{scheme}://{host}:{port}"``
    is always a valid URL prefix. ``port`` is the explicit port or the scheme's default.
    """

    scheme: str
    host: str
    port: int
    is_loopback: bool

    @property
    def url(self) -> str:
        """The origin as a browser serialises it (default port omitted, no trailing slash)."""
        if DEFAULT_PORTS[self.scheme] == self.port:
            return f"{self.scheme}://{self.host}"
        return f"{self.scheme}://{self.host}:{self.port}"

    def to_dict(self) -> dict:
        return {
            "scheme": self.scheme,
            "host": self.host,
            "port": self.port,
            "is_loopback": self.is_loopback,
            "url": self.url,
        }

    def __str__(self) -> str:
        return self.url


def parse_origin(value: str) -> Origin:
    """Parse ``value`` as a browser origin; raise :class:`OriginError` when it is not one."""
    if not isinstance(value, str):
        raise OriginError("The origin must be a string.")
    if not value:
        raise OriginError("The origin is empty.")
    if len(value) > MAX_ORIGIN_LENGTH:
        raise OriginError(f"The origin is longer than {MAX_ORIGIN_LENGTH} characters.")
    for ch in value:
        if not ("!" <= ch <= "~"):
            raise OriginError(
                "The origin contains a space, a control character or a non-ASCII character "
                f"({ch!r}); browsers send origins in ASCII."
            )

    match = _SCHEME_RE.match(value)
    if not match:
        raise OriginError("The origin has no scheme; expected http://host[:port].")
    scheme = match.group(1).lower()
    if scheme not in DEFAULT_PORTS:
        raise OriginError(f"The origin's scheme {scheme!r} is not http or https.")
    rest = value[match.end() :]
    if not rest.startswith("//"):
        raise OriginError("The origin must look like http://host[:port].")
    rest = rest[2:]

    if "#" in rest:
        raise OriginError("The origin must not contain a fragment ('#').")
    if "?" in rest:
        raise OriginError("The origin must not contain a query ('?').")
    if "\\" in rest:
        raise OriginError("The origin must not contain a backslash.")
    authority, slash, path = rest.partition("/")
    if slash and path:
        raise OriginError("The origin must not contain a path.")
    if "@" in authority:
        raise OriginError("The origin must not contain a user name or password ('@').")
    if not authority:
        raise OriginError("The origin has no host.")

    host, port = _split_authority(authority)
    if port is None:
        port = DEFAULT_PORTS[scheme]

    if host.startswith("["):
        address = _parse_ipv6(host[1:-1])
        return Origin(scheme, f"[{address.compressed}]", port, address.is_loopback)

    host = host.lower()
    if re.fullmatch(r"[0-9.]+", host):
        try:
            v4 = ipaddress.IPv4Address(host)
        except ValueError:
            raise OriginError(f"The origin's host {host!r} is not a valid IPv4 address.") from None
        return Origin(scheme, str(v4), port, v4.is_loopback)

    _check_dns_name(host)
    return Origin(scheme, host, port, host == "localhost")


def _split_authority(authority: str) -> tuple[str, int | None]:
    """Split ``host[:port]`` / ``[v6][:port]``; the host keeps its brackets."""
    if authority.startswith("["):
        end = authority.find("]")
        if end < 0:
            raise OriginError("The origin's IPv6 address has no closing ']'.")
        host, after = authority[: end + 1], authority[end + 1 :]
        if not after:
            return host, None
        if not after.startswith(":"):
            raise OriginError("Unexpected characters after the origin's IPv6 address.")
        return host, _parse_port(after[1:])
    if "]" in authority:
        raise OriginError("The origin's host contains ']' without an opening '['.")
    if authority.count(":") > 1:
        raise OriginError("An IPv6 address in an origin must be in brackets, like [::1].")
    host, colon, port = authority.partition(":")
    if not host:
        raise OriginError("The origin has no host.")
    return host, _parse_port(port) if colon else None


def _parse_port(text: str) -> int:
    if not text:
        raise OriginError("The origin has ':' but no port number.")
    if not text.isdigit() or not text.isascii() or len(text) > 5:
        raise OriginError(f"The origin's port {text!r} is not a number from 1 to 65535.")
    port = int(text)
    if not 1 <= port <= 65535:
        raise OriginError(f"The origin's port {port} is not from 1 to 65535.")
    return port


def _parse_ipv6(text: str) -> ipaddress.IPv6Address:
    if "%" in text:
        raise OriginError("The origin's IPv6 address must not have a zone id ('%').")
    try:
        return ipaddress.IPv6Address(text)
    except ValueError:
        raise OriginError(f"The origin's host [{text}] is not a valid IPv6 address.") from None


def _check_dns_name(host: str) -> None:
    if len(host) > 253:
        raise OriginError("The origin's host name is longer than 253 characters.")
    if host.endswith("."):
        raise OriginError("The origin's host name must not end with a dot.")
    labels = host.split(".")
    for label in labels:
        if not label:
            raise OriginError(f"The origin's host name {host!r} has an empty label ('..').")
        if len(label) > 63:
            raise OriginError("A label of the origin's host name is longer than 63 characters.")
        if not _LABEL_RE.fullmatch(label):
            raise OriginError(
                f"The origin's host name {host!r} may contain only letters, digits, hyphens "
                "and dots, and no label may start or end with a hyphen."
            )
    if _NUMERIC_LABEL_RE.fullmatch(labels[-1]):
        raise OriginError(f"The origin's host {host!r} is neither a DNS name nor an IPv4 address.")
