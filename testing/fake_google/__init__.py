"""A fake of Google's OAuth and API endpoints, speaking the real wire protocol.

In-process: `with FakeGoogle() as g: ...`; as a subprocess: `python -m testing.fake_google`.
"""

from .clients import (
    CUSTOM_CLIENT_ID,
    CUSTOM_CLIENT_PROJECT,
    CUSTOM_CLIENT_SECRET,
    EE_NOTEBOOK_CLIENT_ID,
    EE_NOTEBOOK_CLIENT_SECRET,
    GCLOUD_CLIENT_SECRET,
    WEB_CLIENT_ID,
    WEB_CLIENT_SECRET,
    WEB_REDIRECT_URI,
    custom_client_secret_json,
    web_client_secret_json,
)
from .config import endpoints, server_config
from .google_ids import (
    EE_CLIENT_ID,
    EE_CLIENT_SECRET,
    EE_PROJECT_NUMBER,
    GCLOUD_CLIENT_ID,
    OOB_REDIRECT_URI,
)
from .server import FakeGoogle
from .state import ALICE, BOB, State

__all__ = [
    "ALICE",
    "BOB",
    "CUSTOM_CLIENT_ID",
    "CUSTOM_CLIENT_PROJECT",
    "CUSTOM_CLIENT_SECRET",
    "EE_CLIENT_ID",
    "EE_CLIENT_SECRET",
    "EE_NOTEBOOK_CLIENT_ID",
    "EE_NOTEBOOK_CLIENT_SECRET",
    "EE_PROJECT_NUMBER",
    "GCLOUD_CLIENT_ID",
    "GCLOUD_CLIENT_SECRET",
    "OOB_REDIRECT_URI",
    "WEB_CLIENT_ID",
    "WEB_CLIENT_SECRET",
    "WEB_REDIRECT_URI",
    "FakeGoogle",
    "State",
    "custom_client_secret_json",
    "endpoints",
    "server_config",
    "web_client_secret_json",
]
