"""What a flow is: its public view, and the one-time secrets that never leave the server."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

FlowState = Literal["pending", "exchanging", "succeeded", "failed", "expired", "cancelled"]
Expects = Literal["callback", "code", "redirect_url"]
ClientName = Literal["earthengine", "custom"]
FINISHED: frozenset[str] = frozenset({"succeeded", "failed", "expired", "cancelled"})


@dataclass(frozen=True)
class OAuthClient:
    """A Desktop OAuth client: which one (``kind``), its id and secret."""

    kind: str  # "earthengine", "custom" (upload or admin), "ee-notebook" (fetched), "gcloud"
    client_id: str
    client_secret: str = field(repr=False)


@dataclass
class Grant:
    """The outcome of an exchange, before it is written."""

    refresh_token: str = field(repr=False)
    client: OAuthClient
    scopes: list[str]  # granted
    missing_scopes: list[str]  # requested but not granted (identity scopes left out)
    account: str | None
    # Seconds the access token of the exchange lives (expires_in): the sign-in is known good
    # that long, so the credentials report asks Google nothing right after it.
    lifetime: float | None = None


@dataclass
class Secrets:
    """Held on the server only; never serialised."""

    state: str | None = None  # OAuth state (loopback, paste-url)
    code_verifier: str | None = None  # PKCE verifier of the authorization code
    redirect_uri: str | None = None
    client: OAuthClient | None = None  # None until known (notebook: fetched at completion)
    request_id: str | None = None  # Earth Engine client-auth
    client_verifier: str | None = None  # Earth Engine client-auth
    fetched_client: OAuthClient | None = None  # what client-auth released (kept for a re-paste)
    extra: dict[str, Any] = field(default_factory=dict)  # for a mode's own handles

    def __repr__(self) -> str:  # a log line or traceback must not show them
        return "Secrets(<hidden>)"


@dataclass
class Flow:
    id: str
    user: str
    mode: str
    expects: Expects
    client: ClientName
    targets: list[str]
    scopes: list[str]  # requested
    created: float
    expires_at: float
    state: FlowState = "pending"
    consent_url: str = ""
    notes: list[str] = field(default_factory=list)
    result: dict[str, Any] | None = None
    error: dict[str, str] | None = None
    finished_at: float | None = None
    preset: str | None = None  # recorded with the credentials, for "Sign in again"
    add_profile: bool = False  # the result becomes a new profile (profiles/adding.py)
    profile_name: str | None = None
    secrets: Secrets = field(default_factory=Secrets, repr=False)

    @property
    def live(self) -> bool:
        """Pending or exchanging: counts against the per-user cap."""
        return self.state in ("pending", "exchanging")

    def view(self) -> dict[str, Any]:
        """The JSON answer for the panel; nothing from ``secrets`` (the consent URL carries the
        state and challenges, which the browser must send to Google anyway)."""
        data: dict[str, Any] = {
            "id": self.id,
            "mode": self.mode,
            "state": self.state,
            "expects": self.expects,
            "consent_url": self.consent_url,
            "expires_at": iso_utc(self.expires_at),
            "scopes": list(self.scopes),
            "client": self.client,
            "targets": list(self.targets),
            "notes": list(self.notes),
            "add_profile": self.add_profile,
        }
        if self.result is not None:
            data["result"] = self.result
        if self.error is not None:
            data["error"] = self.error
        return data


def iso_utc(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
