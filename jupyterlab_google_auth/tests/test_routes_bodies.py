"""Every JSON route answers a hostile body with a clear 4xx, never a 5xx.

The walk reads the routes from the running server (as test_routes_auth does), so a route
added later is covered without editing this test. Requests carry the Jupyter token and pass
the XSRF check, so the body itself is what reaches the handler.
"""

import json

from test_routes_auth import extension_routes, implemented
from tornado.httpclient import HTTPClientError

HOSTILE_BODIES = [
    b"",
    b"[]",
    b'"x"',
    b"null",
    b"{",
    b"\xff\xfe",
    b"[" * 40000,
    b"{" + b" " * 70000 + b"}",
    b'{"code": 1' + b"0" * 5000 + b"}",
    b'{"project": -' + b"9" * 5000 + b"}",
    b'{"key": [1' + b"0" * 4400 + b"]}",
    b'{"code": 1e99999}',
    b'{"code": NaN}',
    b'{"a": {"b": ' * 500 + b"1" + b"}" * 1000,
]


async def test_no_json_route_answers_5xx(jp_serverapp, jp_fetch):
    checked = 0
    for path, handler in extension_routes(jp_serverapp):
        parts = path.split("google-auth/", 1)[1].split("/")
        for method in ("POST", "PUT", "PATCH"):
            if not implemented(handler, method):
                continue
            for raw in HOSTILE_BODIES:
                try:
                    response = await jp_fetch("google-auth", *parts, method=method, body=raw)
                except HTTPClientError as exc:
                    response = exc.response
                text = response.body.decode("utf-8", "replace")
                assert response.code < 500, (method, path, raw[:30], text)
                checked += 1
    assert checked >= 6 * len(HOSTILE_BODIES)


async def test_a_number_too_long_is_bad_json(jp_fetch):
    for body in (b'{"code": 1' + b"0" * 5000 + b"}", b'{"project": ' + b"7" * 101 + b"}"):
        try:
            await jp_fetch("google-auth", "project", method="PUT", body=body)
        except HTTPClientError as exc:
            answer = json.loads(exc.response.body)
            assert exc.response.code == 400
            assert answer["code"] == "bad_json"
            assert "number longer than" in answer["message"]
        else:
            raise AssertionError("a 5,000-digit number was accepted")
