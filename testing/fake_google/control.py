"""/_control/*: how tests steer the fake. JSON in and out; loopback callers only."""

import json

import tornado.web

from .base import BaseHandler
from .consent import approve_url

LOOPBACK_IPS = ("127.0.0.1", "::1")


class ControlHandler(BaseHandler):
    def initialize(self, action: str) -> None:
        self.action = action  # which State change this path makes

    def prepare(self) -> None:
        if self.request.remote_ip not in LOOPBACK_IPS:
            raise tornado.web.HTTPError(403, reason="Control routes answer loopback only")

    def body(self):
        try:
            return json.loads(self.request.body or b"{}")
        except ValueError:
            raise tornado.web.HTTPError(400, reason="Body must be JSON") from None

    def post(self) -> None:
        data = self.body()
        try:
            result = apply(self.state, self.action, data)
        except (ValueError, TypeError, KeyError) as exc:
            self.write_json({"error": str(exc)}, 400)
            return
        if isinstance(result, tuple):  # approve returns (status, body)
            self.write_json(result[1], result[0])
        else:
            self.write_json(result if result is not None else {"ok": True})

    def get(self) -> None:
        if self.action == "log":
            self.write_json(self.state.log)
        elif self.action == "state":
            self.write_json(self.state.summary())
        elif self.action == "faults":
            self.write_json(self.state.faults.pending())
        else:
            raise tornado.web.HTTPError(405)

    def delete(self) -> None:
        if self.action != "faults":
            raise tornado.web.HTTPError(405)
        self.state.faults.clear()
        self.write_json({"ok": True})


def _obj(data) -> dict:
    if not isinstance(data, dict):
        raise ValueError("body must be a JSON object")
    return data


def apply(state, action: str, data):
    """One control action; shared by the HTTP routes and FakeGoogle's helpers."""
    if action == "reset":
        state.reset()
    elif action == "faults":
        state.add_faults(*(data if isinstance(data, list) else [data]))
    elif action == "metadata":
        state.set_metadata(**_obj(data))
    elif action == "projects":
        data = dict(_obj(data))
        state.set_projects(data.pop("account"), **data)
    elif action == "services":
        data = dict(_obj(data))
        state.set_service(data.pop("project"), **data)
    elif action == "accounts":
        data = _obj(data)
        state.set_account(data["account"], data.get("error"), data.get("reauth_required"))
    elif action == "grant":
        state.set_grant(list(_obj(data).get("drop_scopes", [])))
    elif action == "clients":
        return state.add_client(_obj(data)).as_json()
    elif action == "service-accounts":
        data = _obj(data)
        state.service_account_keys[data["email"]] = data["public_key_pem"]
    elif action == "api-keys":
        data = _obj(data)
        return {
            "key": state.mint_api_key(data.get("kind", "valid"), data.get("project", "ee-alice"))
        }
    elif action == "impersonation":
        state.add_service_account(_obj(data))
    elif action == "clock":
        state.advance(float(_obj(data)["advance"]))
    elif action == "approve":
        data = _obj(data)
        return approve_url(
            state,
            data["auth_url"],
            data.get("account", "alice@example.com"),
            data.get("decision", "allow"),
        )
    else:
        raise ValueError(f"unknown control action {action}")
    return None


ACTIONS = (
    "reset",
    "faults",
    "metadata",
    "projects",
    "services",
    "accounts",
    "grant",
    "clients",
    "service-accounts",
    "impersonation",
    "clock",
    "api-keys",
    "approve",
    "log",
    "state",
)


def control_routes() -> list:
    return [(f"/_control/{name}", ControlHandler, {"action": name}) for name in ACTIONS]
