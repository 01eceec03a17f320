"""Sign-in flows (docs/ARCHITECTURE.md): loopback, Earth Engine notebook, paste-url.

Files: ``registry.py`` (the per-server flow table and every rule modes share), ``modes/`` (one
file per mode: how it starts and how it finishes), ``exchange.py`` (the blocking calls to Google),
``transport.py`` (https-only sessions and the shared deadline), ``request.py`` (the ``POST flows``
body), ``signed_in.py`` ("already signed in"), ``custom_client.py``
(client_secret.json), ``errors.py`` (every failure in plain words), ``model.py`` (a flow and
its secrets), ``pkce.py`` (nonces and S256).
"""

from .custom_client import ClientSecretError, CustomClients, parse_client_secret
from .errors import FlowError, flow_error
from .model import Flow, Grant, OAuthClient
from .registry import FlowRegistry

__all__ = [
    "ClientSecretError",
    "CustomClients",
    "Flow",
    "FlowError",
    "FlowRegistry",
    "Grant",
    "OAuthClient",
    "flow_error",
    "parse_client_secret",
]
