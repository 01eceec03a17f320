"""URL table of the server API (all under <base_url>google-auth/)."""

from __future__ import annotations

from typing import Any

from jupyter_server.utils import url_path_join

from .config import GoogleAuth
from .flows import CustomClients, FlowRegistry
from .google_pool import GooglePool
from .handlers.callback import OAuthCallbackHandler
from .handlers.cell_requests import CellRequestHandler
from .handlers.credentials import CredentialsHandler
from .handlers.custom_client import CustomClientHandler
from .handlers.environment import EnvironmentHandler
from .handlers.flows import FlowCompleteHandler, FlowHandler, FlowsHandler
from .handlers.profiles import (
    ImpersonateHandler,
    ProfileHandler,
    ProfilesHandler,
    ProfileSignOutHandler,
    ProfileSwitchHandler,
)
from .handlers.projects import (
    ProjectEarthEngineHandler,
    ProjectHandler,
    ProjectServicesHandler,
    ProjectsHandler,
    RecentProjectsHandler,
)
from .handlers.secrets import (
    SecretCheckHandler,
    SecretGrantsHandler,
    SecretHandler,
    SecretRequestHandler,
    SecretsHandler,
)
from .handlers.service_account import ServiceAccountHandler
from .handlers.signout import SignOutHandler
from .handlers.transfer import TokenExportHandler, TokenImportHandler
from .state import ServerState

NAMESPACE = "google-auth"

ROUTES: list[tuple[str, type]] = [
    ("environment", EnvironmentHandler),
    ("credentials", CredentialsHandler),
    ("oauth2callback", OAuthCallbackHandler),
    ("flows", FlowsHandler),
    (r"flows/([^/]+)", FlowHandler),
    (r"flows/([^/]+)/complete", FlowCompleteHandler),
    ("custom-client", CustomClientHandler),
    ("projects", ProjectsHandler),
    ("projects/recent", RecentProjectsHandler),
    (r"projects/([^/]+)/services", ProjectServicesHandler),
    (r"projects/([^/]+)/earthengine", ProjectEarthEngineHandler),
    ("project", ProjectHandler),
    ("sign-out", SignOutHandler),
    ("service-account", ServiceAccountHandler),
    (r"cell-requests/([^/]+)", CellRequestHandler),
    ("token-export", TokenExportHandler),
    ("token-import", TokenImportHandler),
    # The secret store (handlers/secrets.py); the fixed paths before secrets/<name>.
    ("secrets", SecretsHandler),
    ("secrets/grants", SecretGrantsHandler),
    (r"secrets/requests/([^/]+)", SecretRequestHandler),
    (r"secrets/([^/]+)", SecretHandler),
    (r"secrets/([^/]+)/check", SecretCheckHandler),
    ("profiles", ProfilesHandler),
    ("profiles/impersonate", ImpersonateHandler),
    (r"profiles/([^/]+)", ProfileHandler),
    (r"profiles/([^/]+)/switch", ProfileSwitchHandler),
    (r"profiles/([^/]+)/sign-out", ProfileSignOutHandler),
]


def setup_route_handlers(web_app: Any, settings: GoogleAuth) -> None:
    base_url = web_app.settings["base_url"]
    web_app.settings["google_auth"] = settings
    # Per-server state (creating it does no I/O; the first request probes). Sign-in flows and
    # the uploaded client live in this server's memory only.
    custom_clients = CustomClients()
    google = GooglePool(settings.google_pool_size, settings.google_calls_per_user)
    web_app.settings["google_auth_state"] = ServerState(
        flows=FlowRegistry(settings, base_url, custom_clients, google),
        custom_client=custom_clients,
        google=google,
    )
    handlers = [(url_path_join(base_url, NAMESPACE, path), cls) for path, cls in ROUTES]
    web_app.add_handlers(".*$", handlers)
