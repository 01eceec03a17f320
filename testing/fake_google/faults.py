"""Injected failures: a queue per route of "the next N calls answer like this"."""

import json
from dataclasses import asdict, dataclass

ROUTES = frozenset(
    {
        "auth",
        "approve",
        "token",
        "revoke",
        "userinfo",
        "tokeninfo",
        "client_auth",
        "client_auth_fetch",
        "crm_projects",
        "crm_project",
        "crm_test_iam",
        "ee_config",
        "serviceusage",
        "metadata",
        "generativelanguage_models",
        "iam_generate_access_token",
    }
)

# A body cut mid-string, as when a proxy drops the connection.
MALFORMED_BODY = '{"access_token": "ya29.fake-trunc'

_GRPC_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ABORTED",
    429: "RESOURCE_EXHAUSTED",
    499: "CANCELLED",
    500: "INTERNAL",
    501: "NOT_IMPLEMENTED",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}


@dataclass
class Fault:
    route: str
    status: int | None = None
    delay: float = 0.0
    body: str | None = None  # "malformed", "html", "empty" or a literal body
    count: int = 1

    def as_json(self) -> dict:
        return asdict(self)


def parse_fault(spec: dict) -> Fault:
    """Validate a fault from /_control/faults or FakeGoogle.set_faults; ValueError if bad."""
    if not isinstance(spec, dict):
        raise ValueError("a fault is a JSON object")
    unknown = set(spec) - {"route", "status", "delay", "body", "count"}
    if unknown:
        raise ValueError(f"unknown fault keys: {sorted(unknown)}")
    route = spec.get("route")
    if route not in ROUTES:
        raise ValueError(f"route must be one of {sorted(ROUTES)}")
    status = spec.get("status")
    if status is not None and (not isinstance(status, int) or not 100 <= status <= 599):
        raise ValueError("status must be an HTTP status code")
    delay = spec.get("delay", 0) or 0
    if not isinstance(delay, (int, float)) or delay < 0:
        raise ValueError("delay must be a number of seconds >= 0")
    body = spec.get("body")
    if body is not None and not isinstance(body, str):
        raise ValueError("body must be a string")
    count = spec.get("count", 1)
    if not isinstance(count, int) or count < 1:
        raise ValueError("count must be an integer >= 1")
    return Fault(route, status, float(delay), body, count)


class Faults:
    def __init__(self) -> None:
        self._queues: dict[str, list[Fault]] = {}

    def add(self, fault: Fault) -> None:
        self._queues.setdefault(fault.route, []).append(fault)

    def take(self, route: str) -> Fault | None:
        """The fault for this call of `route`, if any; uses up one of its count."""
        queue = self._queues.get(route)
        if not queue:
            return None
        fault = queue[0]
        fault.count -= 1
        if fault.count <= 0:
            queue.pop(0)
        return fault

    def clear(self) -> None:
        self._queues.clear()

    def pending(self) -> list[dict]:
        return [f.as_json() for queue in self._queues.values() for f in queue]


def google_error_html(status: int) -> str:
    # The shape of Google's front-end error pages, which clients sometimes get instead of JSON.
    return (
        "<!DOCTYPE html><html lang=en><meta charset=utf-8>"
        f"<title>Error {status} (Server Error)!!1</title>"
        f"<p><b>{status}.</b> <ins>That's an error.</ins></p>"
        "<p>The server encountered a temporary error and could not complete your request."
        "<p>Please try again in 30 seconds. <ins>That's all we know.</ins></p></html>"
    )


def api_error_body(status: int, message: str) -> str:
    grpc = _GRPC_STATUS.get(status, "UNKNOWN")
    return json.dumps({"error": {"code": status, "message": message, "status": grpc}})


def fault_response(fault: Fault, kind: str) -> tuple[int, str, str]:
    """(status, content type, body) for a fault with a status or a body.

    `kind` is how the route normally answers ("json", "html" or "text"); a bare status gets
    that route's usual error shape.
    """
    status = fault.status or 200
    if fault.body == "malformed":
        return status, "application/json; charset=utf-8", MALFORMED_BODY
    if fault.body == "html":
        return status, "text/html; charset=utf-8", google_error_html(status)
    if fault.body == "empty":
        return status, "application/json; charset=utf-8", ""
    if fault.body is not None:
        try:
            json.loads(fault.body)
            content_type = "application/json; charset=utf-8"
        except ValueError:
            content_type = "text/plain; charset=utf-8"
        return status, content_type, fault.body
    if kind == "html":
        return status, "text/html; charset=utf-8", google_error_html(status)
    if kind == "text":
        return status, "text/plain; charset=utf-8", f"Error {status}"
    return status, "application/json; charset=utf-8", api_error_body(status, "Injected fault.")
