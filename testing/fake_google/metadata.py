"""The GCE metadata server (metadata.google.internal / 169.254.169.254).

Off by default: then every path answers 404 without `Metadata-Flavor: Google`, which is what a
probe on a machine that is not a VM concludes "not GCE" from.
"""

import json

from .base import BaseHandler
from .jwt_tools import make_jwt
from .state import ACCESS_TOKEN_TTL

TEXT_TYPE = "application/text"  # what the real server sends for leaf values


class MetadataHandler(BaseHandler):
    route = "metadata"
    error_kind = "text"

    def set_default_headers(self) -> None:
        if self.state.metadata.enabled:
            self.set_header("Metadata-Flavor", "Google")

    def text(self, value: str, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", TEXT_TYPE)
        self.finish(value)

    def get(self, path: str | None = None) -> None:
        md = self.state.metadata
        if not md.enabled:
            self.set_status(404)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish("Not Found")
            return
        if self.request.headers.get("Metadata-Flavor") != "Google":
            self.text("Missing required header: Metadata-Flavor: Google", 403)
            return
        if path is None:  # google-auth's ping hits the root
            self.text("computeMetadata/\n")
            return
        self.answer(path)

    def answer(self, path: str) -> None:
        md = self.state.metadata
        project = self.state.metadata_project()
        if path in ("", "/"):
            self.text("instance/\nproject/\n")
        elif path == "project/project-id":
            self.text(project.project_id)
        elif path == "project/numeric-project-id":
            self.text(project.number)
        elif path == "instance/zone":
            self.text(f"projects/{project.number}/zones/us-central1-a")
        elif path.rstrip("/") == "instance/service-accounts":
            self.text(f"default/\n{md.email}/\n")
        elif path.startswith("instance/service-accounts/"):
            alias, _, leaf = path[len("instance/service-accounts/") :].partition("/")
            if alias not in ("default", md.email):
                self.text("Not Found", 404)
            else:
                self.service_account(leaf)
        else:
            self.text("Not Found", 404)

    def service_account(self, leaf: str) -> None:
        md = self.state.metadata
        if leaf == "":
            if self.get_query_argument("recursive", "") == "true":
                info = {"aliases": ["default"], "email": md.email, "scopes": md.scopes}
                self.set_header("Content-Type", "application/json")
                self.finish(json.dumps(info))
            else:
                self.text("aliases\nemail\nidentity\nscopes\ntoken\n")
        elif leaf == "email":
            self.text(md.email)
        elif leaf == "aliases":
            self.text("default\n")
        elif leaf == "scopes":
            self.text("\n".join(md.scopes) + "\n")
        elif leaf == "token":
            requested = self.get_query_argument("scopes", "")
            scopes = [s for s in requested.split(",") if s] or md.scopes
            token = self.state.issue_access_token("metadata", md.email, scopes)
            body = {"access_token": token.value, "expires_in": ACCESS_TOKEN_TTL}
            body["token_type"] = "Bearer"
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps(body))
        elif leaf == "identity":
            audience = self.get_query_argument("audience", "")
            if not audience:
                self.text("non-empty audience parameter required", 400)
                return
            now = int(self.state.now())
            claims = {"iss": "https://accounts.google.com", "aud": audience, "azp": md.email}
            claims.update(sub="1" + "0" * 20, email=md.email, iat=now, exp=now + 3600)
            self.text(make_jwt(claims))
        else:
            self.text("Not Found", 404)

    post = get  # bound-token requests (agent identity) POST to .../token
