"""The Generative Language (Gemini) API's model list, with an API key or an OAuth token.

``GET /v1beta/models`` (and ``/v1/models``) as Google documents it: the key goes in ``?key=``
or the ``x-goog-api-key`` header; a token in ``Authorization: Bearer`` needs ``cloud-platform``
or ``generative-language.retriever``. The refusals are Google's: a key Google never issued is
400 ``INVALID_ARGUMENT`` with reason ``API_KEY_INVALID``; a key restricted to other APIs is 403
``PERMISSION_DENIED`` with ``API_KEY_SERVICE_BLOCKED``; a key whose project has the API turned
off is 403 ``PERMISSION_DENIED`` with ``SERVICE_DISABLED`` and the console's activation link.
A call with neither key nor token is 403 "unregistered callers". Tests mint keys of each kind
through ``/_control/api-keys`` (``FakeGoogle.mint_api_key``).

A user's token is billed to a project, as at Google: the ``x-goog-user-project`` header's (the
caller must hold serviceusage.services.use there: ``require_token``), else the OAuth client's
own project. Either way the API must be enabled in that project, else 403 ``SERVICE_DISABLED``.
A token from one of Google's own clients (gcloud's, Earth Engine's) without a quota project is
refused with the message Google gives local Application Default Credentials without one (the
project is Google's, where this API is not enabled for others). Tests enable the API with
``FakeGoogle.set_service(project, service=SERVICE, state="ENABLED")``.
"""

from .base import BaseHandler
from .projects import project_number
from .scopes import CLOUD_PLATFORM, GOOGLE_SCOPE_PREFIX

SERVICE = "generativelanguage.googleapis.com"
TITLE = "Generative Language API"
API_KEY_KINDS = ("valid", "restricted", "disabled")
TOKEN_SCOPES = frozenset({CLOUD_PLATFORM, GOOGLE_SCOPE_PREFIX + "generative-language.retriever"})
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000

MODELS = [
    {
        "name": "models/gemini-2.5-flash",
        "version": "001",
        "displayName": "Gemini 2.5 Flash",
        "description": "Stable version of Gemini 2.5 Flash.",
        "inputTokenLimit": 1048576,
        "outputTokenLimit": 65536,
        "supportedGenerationMethods": ["generateContent", "countTokens"],
    },
    {
        "name": "models/gemini-2.5-pro",
        "version": "2.5",
        "displayName": "Gemini 2.5 Pro",
        "description": "Stable release of Gemini 2.5 Pro.",
        "inputTokenLimit": 1048576,
        "outputTokenLimit": 65536,
        "supportedGenerationMethods": ["generateContent", "countTokens"],
    },
    {
        "name": "models/text-embedding-004",
        "version": "004",
        "displayName": "Text Embedding 004",
        "description": "Obtain a distributed representation of a text.",
        "inputTokenLimit": 2048,
        "outputTokenLimit": 1,
        "supportedGenerationMethods": ["embedContent"],
    },
]

UNREGISTERED = (
    "Method doesn't allow unregistered callers (callers without established identity). Please "
    "use API Key or other form of API consumer identity to call this API."
)
KEY_INVALID = "API key not valid. Please pass a valid API key."
NO_QUOTA_PROJECT = (
    "Your application is authenticating by using local Application Default Credentials. The "
    f"{SERVICE} API requires a quota project, which is not set by default. To learn how to set "
    "your quota project, see https://cloud.google.com/docs/authentication/adc-troubleshooting/"
    "user-creds ."
)


def _info(reason: str, **metadata: str) -> dict:
    return {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": reason,
        "domain": "googleapis.com",
        "metadata": {"service": SERVICE, **metadata},
    }


class ModelsHandler(BaseHandler):
    route = "generativelanguage_models"

    def get(self) -> None:
        key = self.request.headers.get("x-goog-api-key") or self.get_query_argument("key", None)
        if key is not None:
            if not self._key_allows(key):
                return
        elif self.request.headers.get("Authorization") is None:
            self.api_error(403, UNREGISTERED)
            return
        else:
            token = self.require_token(TOKEN_SCOPES)
            if token is None or not self._token_project_allows(token):
                return
        try:
            size = int(self.get_query_argument("pageSize", "0") or 0)
            offset = int(self.get_query_argument("pageToken", "0") or 0)
            if size < 0 or offset < 0:
                raise ValueError("negative")
        except ValueError:
            self.api_error(400, "Request contains an invalid argument.")
            return
        size = min(size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
        body: dict = {"models": MODELS[offset : offset + size]}
        if offset + size < len(MODELS):
            body["nextPageToken"] = str(offset + size)
        self.write_json(body)

    def _key_allows(self, key: str) -> bool:
        """Answers Google's refusal for a key that may not list models; True when it may."""
        found = self.state.api_keys.get(key)
        if found is None:
            self.api_error(400, KEY_INVALID, [_info("API_KEY_INVALID")])
            return False
        kind, project = found
        number = project_number(project)
        if kind == "restricted":
            method = "google.ai.generativelanguage.v1beta.ModelService.ListModels"
            self.api_error(
                403,
                f"Requests to this API {SERVICE} method {method} are blocked.",
                [
                    _info(
                        "API_KEY_SERVICE_BLOCKED", methodName=method, consumer=f"projects/{number}"
                    )
                ],
            )
            return False
        if kind == "disabled":
            self._service_disabled(number)
            return False
        return True

    def _token_project_allows(self, token) -> bool:  # noqa: ANN001
        """The project a user token is billed to has the API on; else Google's refusal."""
        quota = self.request.headers.get("X-Goog-User-Project")
        client = self.state.clients.get(token.client_id)
        project = quota or (client.project if client else None)
        if project is None:
            number = token.client_id.split("-", 1)[0]
            self.api_error(
                403, NO_QUOTA_PROJECT, [_info("SERVICE_DISABLED", consumer=f"projects/{number}")]
            )
            return False
        if self.state.service_state(self.state._project_id(project), SERVICE) != "ENABLED":
            self._service_disabled(project_number(project))
            return False
        return True

    def _service_disabled(self, number: str) -> None:
        url = f"https://console.developers.google.com/apis/api/{SERVICE}/overview?project={number}"
        self.api_error(
            403,
            f"{TITLE} has not been used in project {number} before or it is disabled. Enable "
            f"it by visiting {url} then retry. If you enabled this API recently, wait a few "
            "minutes for the action to propagate to our systems and retry.",
            [
                _info(
                    "SERVICE_DISABLED",
                    consumer=f"projects/{number}",
                    activationUrl=url,
                    containerInfo=number,
                    serviceTitle=TITLE,
                )
            ],
        )
