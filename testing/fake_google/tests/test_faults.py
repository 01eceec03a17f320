import threading
import time

import pytest
import requests

from testing.fake_google.faults import MALFORMED_BODY


def test_status_then_count_exhausts(fake_google):
    fake_google.set_faults(route="tokeninfo", status=503, count=2)
    url = fake_google.url + "/tokeninfo?access_token=x"
    first, second, third = (requests.get(url, timeout=5) for _ in range(3))
    assert (first.status_code, second.status_code, third.status_code) == (503, 503, 400)
    assert first.json()["error"]["status"] == "UNAVAILABLE"
    assert third.json()["error"] == "invalid_token"


def test_malformed_html_empty_and_literal_bodies(fake_google):
    url = fake_google.url + "/token"
    fake_google.set_faults(
        {"route": "token", "body": "malformed"},
        {"route": "token", "body": "html", "status": 502},
        {"route": "token", "body": "empty", "status": 500},
        {"route": "token", "body": '{"error": "invalid_grant"}', "status": 400},
    )
    malformed = requests.post(url, timeout=5)
    assert malformed.status_code == 200 and malformed.text == MALFORMED_BODY
    with pytest.raises(ValueError):
        malformed.json()
    html = requests.post(url, timeout=5)
    assert html.status_code == 502 and html.headers["Content-Type"].startswith("text/html")
    empty = requests.post(url, timeout=5)
    assert (empty.status_code, empty.text) == (500, "")
    literal = requests.post(url, timeout=5)
    assert literal.json() == {"error": "invalid_grant"}
    assert requests.post(url, timeout=5).json()["error"] == "invalid_request"  # back to normal


def test_html_route_gets_html_error(fake_google):
    fake_google.set_faults(route="auth", status=500)
    response = requests.get(fake_google.url + "/o/oauth2/auth", timeout=5)
    assert response.status_code == 500 and "text/html" in response.headers["Content-Type"]


def test_delay_does_not_block_other_routes(fake_google):
    requests.post(
        fake_google.url + "/_control/faults",
        json={"route": "userinfo", "delay": 1.0},
        timeout=5,
    ).raise_for_status()
    result = {}

    def slow() -> None:
        start = time.monotonic()
        result["status"] = requests.get(fake_google.url + "/v1/userinfo", timeout=5).status_code
        result["elapsed"] = time.monotonic() - start

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.2)
    start = time.monotonic()
    quick = requests.get(fake_google.url + "/tokeninfo", timeout=5)
    assert quick.status_code == 400 and time.monotonic() - start < 0.5
    thread.join()
    assert result["status"] == 401 and result["elapsed"] >= 1.0  # slow, then normal


def test_bad_fault_specs_are_refused(fake_google):
    url = fake_google.url + "/_control/faults"
    for spec in ({"route": "nope"}, {"route": "token", "count": 0}, {"route": "token", "x": 1}):
        assert requests.post(url, json=spec, timeout=5).status_code == 400
    assert requests.get(url, timeout=5).json() == []
    requests.post(url, json=[{"route": "token", "status": 500}], timeout=5)
    assert len(requests.get(url, timeout=5).json()) == 1
    requests.delete(url, timeout=5)
    assert requests.get(url, timeout=5).json() == []
