"""Browser origin parsing: what browsers send is accepted, anything else is refused."""

import pytest

from jupyterlab_google_auth.environment.origin import Origin, OriginError, parse_origin


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://localhost:8888", Origin("http", "localhost", 8888, True)),
        ("http://LocalHost:8888/", Origin("http", "localhost", 8888, True)),
        ("http://127.0.0.1:8888", Origin("http", "127.0.0.1", 8888, True)),
        ("http://127.3.4.5", Origin("http", "127.3.4.5", 80, True)),
        ("http://[::1]:8888", Origin("http", "[::1]", 8888, True)),
        ("http://[0:0:0:0:0:0:0:1]:8888", Origin("http", "[::1]", 8888, True)),
        ("https://hub.example.org", Origin("https", "hub.example.org", 443, False)),
        ("HTTPS://Hub.Example.org:8443", Origin("https", "hub.example.org", 8443, False)),
        ("http://10.0.0.5:8888", Origin("http", "10.0.0.5", 8888, False)),
        ("http://[2001:db8::1]:80", Origin("http", "[2001:db8::1]", 80, False)),
        ("http://xn--bcher-kva.example", Origin("http", "xn--bcher-kva.example", 80, False)),
        ("http://my-vm", Origin("http", "my-vm", 80, False)),
        ("http://app.localhost:8888", Origin("http", "app.localhost", 8888, False)),
        ("http://0.0.0.0:8888", Origin("http", "0.0.0.0", 8888, False)),
        ("http://[::ffff:127.0.0.1]:8888", Origin("http", "[::ffff:7f00:1]", 8888, False)),
        ("http://localhost:65535", Origin("http", "localhost", 65535, True)),
    ],
)
def test_good_origins(value, expected):
    assert parse_origin(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "empty"),
        ("javascript:alert(1)", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("ftp://example.com", "scheme"),
        ("data:text/html,hi", "scheme"),
        ("localhost:8888", "scheme"),
        ("//localhost:8888", "no scheme"),
        ("http:localhost", "http://host"),
        ("http://", "no host"),
        ("http://:8888", "no host"),
        ("http://a@b", "user name"),
        ("http://user:pw@localhost:8888", "user name"),
        ("http://exa mple.com", "space"),
        ("http://example.com\r\nX-Evil: 1", "control"),
        ("http://example.com\x00", "control"),
        ("http://example.com\t", "control"),
        ("http://bücher.example", "non-ASCII"),
        ("http://[::1", "closing"),
        ("http://::1:8888", "brackets"),
        ("http://[::1]x", "after"),
        ("http://[fe80::1%25eth0]:8888", "zone"),
        ("http://[not-v6]", "IPv6"),
        ("http://localhost:0", "1 to 65535"),
        ("http://localhost:65536", "1 to 65535"),
        ("http://localhost:123456", "1 to 65535"),
        ("http://localhost:-1", "1 to 65535"),
        ("http://localhost:", "no port"),
        ("http://localhost:80a", "1 to 65535"),
        ("http://example.com/path", "path"),
        ("http://example.com//", "path"),
        ("http://example.com?x=1", "query"),
        ("http://example.com/#frag", "fragment"),
        ("http://example.com\\@evil.com", "backslash"),
        ("http://exa_mple.com", "letters, digits"),
        ("http://-example.com", "hyphen"),
        ("http://example-.com", "hyphen"),
        ("http://example..com", "empty label"),
        ("http://example.com.", "dot"),
        ("http://" + "a" * 64 + ".com", "63"),
        ("http://" + ".".join(["a" * 60] * 5), "longer"),
        ("http://256.0.0.1", "IPv4"),
        ("http://127.1", "IPv4"),
        ("http://01.02.03.04", "IPv4"),
        ("http://1.2.3.0x4", "neither"),
        ("http://example.123", "neither"),
        ("http://localhost:8888]", "']'"),
    ],
)
def test_hostile_origins(value, message):
    with pytest.raises(OriginError) as info:
        parse_origin(value)
    assert message.lower() in str(info.value).lower()


def test_not_a_string():
    with pytest.raises(OriginError):
        parse_origin(None)  # type: ignore[arg-type]


def test_origin_error_is_value_error():
    assert issubclass(OriginError, ValueError)


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("http://localhost:80", "http://localhost"),
        ("https://example.org:443/", "https://example.org"),
        ("http://[::1]:8888", "http://[::1]:8888"),
        ("https://example.org:80", "https://example.org:80"),
    ],
)
def test_url_serialisation(value, url):
    origin = parse_origin(value)
    assert origin.url == url
    assert origin.to_dict()["url"] == url
    assert parse_origin(origin.url) == origin
