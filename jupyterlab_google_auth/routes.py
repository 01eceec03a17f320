"""URL table of the server API (all under <base_url>google-auth/)."""

from __future__ import annotations

from typing import Any

from jupyter_server.utils import url_path_join

from .config import GoogleAuth
from .environment import GcloudProbe, MetadataProbe
from .handlers.callback import OAuthCallbackHandler
from .handlers.credentials import CredentialsHandler
from .handlers.environment import EnvironmentHandler

NAMESPACE = "google-auth"

ROUTES: list[tuple[str, type]] = [
    ("environment", EnvironmentHandler),
    ("credentials", CredentialsHandler),
    ("oauth2callback", OAuthCallbackHandler),
]


def setup_route_handlers(web_app: Any, settings: GoogleAuth) -> None:
    base_url = web_app.settings["base_url"]
    web_app.settings["google_auth"] = settings
    # Per-server caches (creating them does no I/O; the first request probes).
    web_app.settings["google_auth_state"] = {
        "metadata_probe": MetadataProbe(),
        "gcloud_probe": GcloudProbe(),
    }
    handlers = [(url_path_join(base_url, NAMESPACE, path), cls) for path, cls in ROUTES]
    web_app.add_handlers(".*$", handlers)
