"""OAuth clients the fake knows, and the client_secret.json files a user would download."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from .google_ids import EE_CLIENT_ID, EE_CLIENT_SECRET, GCLOUD_CLIENT_ID, OOB_REDIRECT_URI
from .scopes import GOOGLE_SCOPE_PREFIX, IDENTITY_SCOPES

# The client Earth Engine's Notebook Authenticator hands out through client-auth/fetch.
EE_NOTEBOOK_CLIENT_ID = "1234567890-eenotebook.apps.googleusercontent.com"
EE_NOTEBOOK_CLIENT_SECRET = "fake-eenotebook-secret"

CUSTOM_CLIENT_ID = "111111111111-custom.apps.googleusercontent.com"
CUSTOM_CLIENT_SECRET = "fake-custom-secret"
CUSTOM_CLIENT_PROJECT = "fake-custom-project"

WEB_CLIENT_ID = "222222222222-web.apps.googleusercontent.com"
WEB_CLIENT_SECRET = "fake-web-secret"
WEB_REDIRECT_URI = "https://example.com/cb"

GCLOUD_CLIENT_SECRET = "fake-gcloud-secret"

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

# gcloud's client refuses non-Cloud scopes such as drive (Google narrowed it to Cloud scopes).
GCLOUD_SCOPES = IDENTITY_SCOPES | {
    GOOGLE_SCOPE_PREFIX + name
    for name in (
        "cloud-platform",
        "sqlservice.login",
        "accounts.reauth",
        "appengine.admin",
        "compute",
        "earthengine",
        "earthengine.readonly",
        "devstorage.full_control",
        "devstorage.read_only",
    )
}


@dataclass
class Client:
    client_id: str
    client_secret: str
    name: str
    kind: str = "installed"  # "installed" (Desktop app) or "web"
    redirect_uris: tuple[str, ...] = ()  # exact matches
    loopback: bool = False  # Desktop rule: any http loopback host, port and path
    allowed_scopes: frozenset[str] | None = None  # None: any Google scope
    # Publishing status "Testing": Google ends its refresh tokens 7 days after issue.
    testing: bool = False
    # The Cloud project the client belongs to: a user token's quota goes there when the call
    # names no quota project. None: Google's own (gcloud, Earth Engine), which serve few APIs.
    project: str | None = None

    def allows_redirect(self, uri: str) -> bool:
        if uri in self.redirect_uris:
            return True
        if not self.loopback:
            return False
        try:
            parts = urlsplit(uri)
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            return False
        return (
            parts.scheme == "http"
            and parts.hostname in LOOPBACK_HOSTS
            and not parts.username
            and not parts.fragment
        )

    def refused_scopes(self, scopes: list[str]) -> list[str]:
        if self.allowed_scopes is None:
            return []
        return [s for s in scopes if s not in self.allowed_scopes]

    def as_json(self) -> dict:
        return {
            "client_id": self.client_id,
            "name": self.name,
            "kind": self.kind,
            "redirect_uris": list(self.redirect_uris),
            "loopback": self.loopback,
        }


def client_from_json(spec: dict) -> Client:
    """A client registered through /_control/clients; ValueError on a bad spec."""
    try:
        client_id = str(spec["client_id"])
        secret = str(spec["client_secret"])
    except KeyError as exc:
        raise ValueError(f"missing {exc.args[0]}") from exc
    kind = spec.get("kind", "installed")
    if kind not in ("installed", "web"):
        raise ValueError("kind must be installed or web")
    scopes = spec.get("allowed_scopes")
    return Client(
        client_id=client_id,
        client_secret=secret,
        name=str(spec.get("name", client_id)),
        kind=kind,
        redirect_uris=tuple(spec.get("redirect_uris", ())),
        loopback=bool(spec.get("loopback", kind == "installed")),
        allowed_scopes=frozenset(scopes) if scopes is not None else None,
        testing=bool(spec.get("testing", False)),
        project=str(spec["project"]) if spec.get("project") else None,
    )


def default_clients() -> dict[str, Client]:
    clients = [
        Client(EE_CLIENT_ID, EE_CLIENT_SECRET, "Earth Engine", loopback=True),
        # Only the out-of-band redirect: the code is shown to the user, not sent anywhere.
        Client(
            EE_NOTEBOOK_CLIENT_ID,
            EE_NOTEBOOK_CLIENT_SECRET,
            "Earth Engine Notebook Client",
            redirect_uris=(OOB_REDIRECT_URI,),
            # The Notebook Authenticator's per-user clients are in "Testing" status.
            testing=True,
        ),
        Client(
            CUSTOM_CLIENT_ID,
            CUSTOM_CLIENT_SECRET,
            "My Desktop App",
            loopback=True,
            project=CUSTOM_CLIENT_PROJECT,
        ),
        Client(
            WEB_CLIENT_ID,
            WEB_CLIENT_SECRET,
            "My Web App",
            kind="web",
            redirect_uris=(WEB_REDIRECT_URI,),
        ),
        Client(
            GCLOUD_CLIENT_ID,
            GCLOUD_CLIENT_SECRET,
            "Google Cloud SDK",
            loopback=True,
            allowed_scopes=frozenset(GCLOUD_SCOPES),
        ),
    ]
    return {c.client_id: c for c in clients}


def _secret_json(url: str, client_id: str, secret: str, project: str) -> dict:
    return {
        "client_id": client_id,
        "project_id": project,
        "auth_uri": url + "/o/oauth2/auth",
        "token_uri": url + "/token",
        "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
        "client_secret": secret,
    }


def custom_client_secret_json(
    url: str,
    client_id: str = CUSTOM_CLIENT_ID,
    client_secret: str = CUSTOM_CLIENT_SECRET,
) -> dict:
    """The Desktop client_secret.json a user downloads from the Cloud console."""
    info = _secret_json(url, client_id, client_secret, CUSTOM_CLIENT_PROJECT)
    info["redirect_uris"] = ["http://localhost"]
    return {"installed": info}


def web_client_secret_json(
    url: str, client_id: str = WEB_CLIENT_ID, client_secret: str = WEB_CLIENT_SECRET
) -> dict:
    """A Web application client_secret.json: the product must refuse it."""
    info = _secret_json(url, client_id, client_secret, "fake-web-project")
    info["redirect_uris"] = [WEB_REDIRECT_URI]
    info["javascript_origins"] = ["https://example.com"]
    return {"web": info}
