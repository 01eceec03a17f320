"""What every fake endpoint shares: state access, request log, faults, Google-style errors."""

import asyncio
import base64
import json
from urllib.parse import unquote

import tornado.web

from .faults import api_error_body, fault_response, google_error_html
from .state import AccessToken, State

JSON_TYPE = "application/json; charset=utf-8"

UNAUTHENTICATED = (
    "Request had invalid authentication credentials. Expected OAuth 2 access token, login "
    "cookie or other valid authentication credential. See "
    "https://developers.google.com/identity/sign-in/web/devconsole-project."
)
INSUFFICIENT_SCOPES = "Request had insufficient authentication scopes."


class BaseHandler(tornado.web.RequestHandler):
    route = ""  # name in the request log and for faults; "" means neither (control routes)
    error_kind = "json"  # how this route's errors look: "json", "html" or "text"

    @property
    def state(self) -> State:
        # From settings, not initialize(): set_default_headers runs before initialize.
        return self.application.settings["fake_state"]

    def set_default_headers(self) -> None:
        # As Google does on token answers: nothing here may be cached.
        self.set_header("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")

    async def prepare(self) -> None:
        if not self.route:
            return
        self.state.record(self.route, self.request.method, self.request.path)
        fault = self.state.faults.take(self.route)
        if fault is None:
            return
        if fault.delay:
            await asyncio.sleep(fault.delay)  # never blocks the other requests
        if fault.status is None and fault.body is None:
            return  # only slow: answer normally
        status, content_type, body = fault_response(fault, self.error_kind)
        self.set_status(status)
        self.set_header("Content-Type", content_type)
        self.finish(body)

    # -- answers -----------------------------------------------------------------------------

    def write_json(self, data, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", JSON_TYPE)
        self.finish(json.dumps(data))

    def write_html(self, html: str, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(html)

    def oauth_error(self, status: int, error: str, description: str) -> None:
        self.write_json({"error": error, "error_description": description}, status)

    def api_error(self, code: int, message: str, details: list | None = None) -> None:
        body = json.loads(api_error_body(code, message))
        if details:
            body["error"]["details"] = details
        if code == 401:
            self.set_header("WWW-Authenticate", 'Bearer realm="https://accounts.google.com/"')
        self.write_json(body, code)

    def write_error(self, status_code: int, **kwargs) -> None:
        if self.error_kind == "html":
            self.write_html(google_error_html(status_code), status_code)
        elif self.error_kind == "text":
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(self._reason)
        else:
            self.api_error(status_code, self._reason)

    # -- reading requests --------------------------------------------------------------------

    def args(self, source: dict[str, list[bytes]] | None = None) -> dict[str, str]:
        """First value of each query argument (or of `source`), undecoded whitespace kept."""
        source = self.request.query_arguments if source is None else source
        return {k: v[0].decode("utf-8", "replace") for k, v in source.items()}

    def form(self) -> dict[str, str]:
        """Form body; Google's token endpoint also takes JSON, so accept that too."""
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json"):
            try:
                data = json.loads(self.request.body or b"{}")
            except ValueError:
                return {}
            return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}
        return self.args(self.request.body_arguments)

    def basic_auth(self) -> tuple[str, str] | None:
        header = self.request.headers.get("Authorization", "")
        if not header.lower().startswith("basic "):
            return None
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except ValueError:
            return None
        return unquote(user), unquote(password)  # RFC 6749 2.3.1 form-encodes both

    def bearer(self) -> str | None:
        header = self.request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            return header[7:].strip()
        return self.get_query_argument("access_token", None)

    def require_token(self, scopes: frozenset[str]) -> AccessToken | None:
        """A live token with one of `scopes`, else answers 401/403 the way Google APIs do."""
        token = self.state.live_access_token(self.bearer())
        if token is None:
            self.api_error(401, UNAUTHENTICATED)
            return None
        if not scopes.intersection(token.scopes):
            self.api_error(
                403,
                INSUFFICIENT_SCOPES,
                [
                    {
                        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                        "reason": "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
                        "domain": "googleapis.com",
                    }
                ],
            )
            return None
        # A quota project the caller may not use fails every call, as at Google.
        quota = self.request.headers.get("X-Goog-User-Project")
        if quota and not self.state.may_use_services(token.account, quota):
            self.user_project_denied(quota)
            return None
        return token

    def user_project_denied(self, project: str) -> None:
        message = (
            f"Caller does not have required permission to use project {project}. Grant the "
            "caller the roles/serviceusage.serviceUsageConsumer role, or a custom role with the "
            "serviceusage.services.use permission, by visiting "
            f"https://console.developers.google.com/iam-admin/iam/admin?project={project} and "
            "then retry. Propagation of the new permission may take a few minutes."
        )
        details = [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": "USER_PROJECT_DENIED",
                "domain": "googleapis.com",
                "metadata": {"consumer": f"projects/{project}"},
            }
        ]
        self.api_error(403, message, details)
