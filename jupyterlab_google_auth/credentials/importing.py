"""Write imported user credentials (token-import) where ee and google-auth read them."""

from __future__ import annotations

from ..errors import ServerError
from .store import CredentialStore, WrittenFile
from .transfer import Imported


def write_import(imported: Imported, scopes: list[str], account: str | None) -> list[WrittenFile]:
    try:
        return CredentialStore().write_user_credentials(
            ["earthengine", "adc"],
            refresh_token=imported.refresh_token,
            client_id=imported.client_id,
            client_secret=imported.client_secret,
            scopes=scopes,
            account=account,
            project=imported.project,
        )
    except (OSError, ValueError) as exc:
        raise ServerError(500, "write_failed", str(exc)[:400]) from None
