"""IAM Credentials ``generateAccessToken``: a caller acting as a service account.

As Google documents it (iamcredentials.googleapis.com, v1):

``POST /v1/projects/-/serviceAccounts/{email}:generateAccessToken`` with a Bearer token of the
caller (a Cloud scope: the API requires ``cloud-platform``) and the JSON body
``{"scope": [...], "lifetime": "3600s", "delegates": ["projects/-/serviceAccounts/{email}"]}``.

- ``scope`` is required (a non-empty list); ``lifetime`` is optional, a duration in seconds
  ending in ``s`` (``"3600s"``, ``"1800.5s"``), at most 3600 s (the default maximum);
- the ``-`` wildcard in the name is required; a delegate has the same resource form;
- every link in the chain caller -> delegates... -> target needs
  ``iam.serviceAccounts.getAccessToken`` (role ``roles/iam.serviceAccountTokenCreator``) on the
  next: without it the answer is 403 ``PERMISSION_DENIED``; an unknown account is 404
  ``NOT_FOUND``;
- the answer is ``{"accessToken", "expireTime"}`` (RFC 3339, UTC).

The token is the service account's own: tokeninfo and the Earth Engine API accept it as that
account (``AccessToken.account`` is the service account's e-mail).
"""

from __future__ import annotations

import datetime
import json
import re

from .base import BaseHandler
from .scopes import CLOUD_PLATFORM

MAX_LIFETIME = 3600
PERMISSION = "iam.serviceAccounts.getAccessToken"
_LIFETIME = re.compile(r"(\d+)(\.\d{1,9})?s")
_RESOURCE = re.compile(r"projects/([^/]+)/serviceAccounts/([^/]+)")
IAM_SCOPES = frozenset({CLOUD_PLATFORM, "https://www.googleapis.com/auth/iam"})


def _rfc3339(seconds: float) -> str:
    moment = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class GenerateAccessTokenHandler(BaseHandler):
    route = "iam_generate_access_token"

    def post(self, project: str, email: str) -> None:
        caller = self.require_token(IAM_SCOPES)
        if caller is None:
            return
        if project != "-":
            self.api_error(
                400,
                "The - wildcard character is required; replacing it with a project ID is invalid.",
            )
            return
        body = self._body()
        if body is None:
            return
        scopes, lifetime, delegates = body
        chain = [caller.account, *delegates, email]
        for account in chain[1:]:
            if account not in self.state.service_accounts:
                self.api_error(404, f"Not found; Gaia id not found for email {account}")
                return
        for holder, target in zip(chain, chain[1:], strict=False):
            if holder not in self.state.service_accounts[target].token_creators:
                self._denied(target)
                return
        token = self.state.issue_access_token(f"iam:{email}", email, scopes)
        token.expires_at = self.state.now() + lifetime
        self.write_json({"accessToken": token.value, "expireTime": _rfc3339(token.expires_at)})

    def _body(self) -> tuple[list[str], int, list[str]] | None:
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            self.api_error(400, "Invalid JSON payload received.")
            return None
        if not isinstance(body, dict):
            self.api_error(400, "Invalid JSON payload received.")
            return None
        scopes = body.get("scope")
        if (
            not isinstance(scopes, list)
            or not scopes
            or not all(isinstance(s, str) and s for s in scopes)
        ):
            self.api_error(400, "Scope required.")
            return None
        lifetime = MAX_LIFETIME
        if body.get("lifetime") is not None:
            found = _LIFETIME.fullmatch(str(body["lifetime"]))
            if not found or not isinstance(body["lifetime"], str):
                self.api_error(
                    400,
                    "Invalid value at 'lifetime' (type.googleapis.com/"
                    "google.protobuf.Duration), Field 'lifetime', Illegal duration "
                    f"format; duration must end with 's': {body['lifetime']!r}",
                )
                return None
            lifetime = int(found.group(1))
            if not 0 < lifetime <= MAX_LIFETIME:
                self.api_error(
                    400,
                    "The lifetime must be at most 3600s, unless the organisation policy "
                    "constraints/iam.allowServiceAccountCredentialLifetimeExtension allows more.",
                )
                return None
        delegates = []
        for value in body.get("delegates") or []:
            found = _RESOURCE.fullmatch(value) if isinstance(value, str) else None
            if found is None or found.group(1) != "-":
                self.api_error(
                    400,
                    "Invalid form of delegates: expected projects/-/serviceAccounts/"
                    f"{{ACCOUNT_EMAIL_OR_UNIQUEID}}, got {value!r}.",
                )
                return None
            delegates.append(found.group(2))
        return scopes, lifetime, delegates

    def _denied(self, target: str) -> None:
        self.api_error(
            403,
            f"Permission '{PERMISSION}' denied on resource (or it may not exist).",
            [
                {
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "IAM_PERMISSION_DENIED",
                    "domain": "iam.googleapis.com",
                    "metadata": {
                        "permission": PERMISSION,
                        "resource": f"projects/-/serviceAccounts/{target}",
                    },
                }
            ],
        )


def iam_credentials_routes() -> list:
    return [
        (
            r"/v1/projects/([^/]+)/serviceAccounts/([^/:]+):generateAccessToken",
            GenerateAccessTokenHandler,
        )
    ]
