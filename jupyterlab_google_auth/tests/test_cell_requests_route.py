"""POST cell-requests/<id>: the status file a waiting kernel reads, written by a real server."""

import json

import pytest
from tornado.httpclient import HTTPClientError

from jupyterlab_google_auth import cell_status

REQUEST_ID = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def runtime(jp_runtime_dir):
    """pytest-jupyter's runtime directory, which the server (and its kernels) use."""
    return jp_runtime_dir


async def post(jp_fetch, request_id, body):
    try:
        response = await jp_fetch(
            "google-auth", "cell-requests", request_id, method="POST", body=json.dumps(body)
        )
    except HTTPClientError as exc:
        is_json = exc.response.headers.get("Content-Type", "").startswith("application/json")
        return exc.code, json.loads(exc.response.body) if is_json else None
    return response.code, None


async def test_a_failure_is_written_for_the_kernel(jp_fetch, runtime):
    body = {"outcome": "failed", "code": "access_denied", "message": "Consent was not granted."}
    assert await post(jp_fetch, REQUEST_ID, body) == (204, None)
    path = runtime / "google-auth-cell" / f"{REQUEST_ID}.json"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert cell_status.read_outcome(REQUEST_ID) == body


@pytest.mark.parametrize(
    ("request_id", "body", "fragment"),
    [
        ("../../etc", {"outcome": "cancelled"}, "request id"),
        ("ABCDEF", {"outcome": "cancelled"}, "request id"),
        (REQUEST_ID, {"outcome": "succeeded"}, "outcome must be"),
        (REQUEST_ID, {"outcome": "failed", "code": "Bad Code!"}, "code must be"),
        (REQUEST_ID, {"outcome": "failed", "message": 3}, "message must be"),
    ],
)
async def test_bad_input_is_refused_and_nothing_is_written(
    jp_fetch, runtime, request_id, body, fragment
):
    status, answer = await post(jp_fetch, request_id, body)
    assert status in (400, 404)
    if status == 400:
        assert answer["code"] == "bad_request" and fragment in answer["message"]
    assert not (runtime / "google-auth-cell").exists()


async def test_long_messages_are_cut(jp_fetch, runtime):
    assert (await post(jp_fetch, REQUEST_ID, {"outcome": "failed", "message": "x" * 5000}))[
        0
    ] == 204
    assert len(cell_status.read_outcome(REQUEST_ID)["message"]) == cell_status.MAX_MESSAGE_CHARS
