"""Everything the fake remembers: clients, accounts, consents, codes, tokens, projects, faults.

Mutated only on the server's IOLoop thread (FakeGoogle.call hops there), so no locks.
"""

import secrets
import time
from collections import Counter
from dataclasses import dataclass, field

from .clients import Client, client_from_json, default_clients
from .faults import Faults, parse_fault
from .google_ids import GOOGLE_OWNED_PROJECT_NUMBERS
from .projects import Project, default_projects, generated_projects, make_project
from .scopes import CLOUD_PLATFORM, EMAIL
from .service_accounts import ServiceAccount, parse_service_account

ALICE = "alice@example.com"
BOB = "bob@example.com"

CODE_TTL = 600  # Google's authorization codes and consent pages last about 10 minutes
ACCESS_TOKEN_TTL = 3599

# Google shows these on its own error page instead of redirecting back.
ACCOUNT_ERROR_STATUS = {"org_internal": 403, "admin_policy_enforced": 400, "access_denied": 403}

SERVICE_TITLES = {
    "earthengine.googleapis.com": "Google Earth Engine API",
    "generativelanguage.googleapis.com": "Generative Language API",
    "cloudresourcemanager.googleapis.com": "Cloud Resource Manager API",
    "serviceusage.googleapis.com": "Service Usage API",
    "aiplatform.googleapis.com": "Vertex AI API",
    "storage.googleapis.com": "Cloud Storage API",
}


def new_secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


@dataclass
class Account:
    email: str
    sub: str
    name: str
    error: str | None = None  # consent ends on Google's error page with this code
    # The organisation's session length ran out: refreshing answers invalid_rapt.
    reauth_required: bool = False


@dataclass
class AuthRequest:
    """A consent page shown and not yet answered (its id is the form's hidden field)."""

    id: str
    kind: str  # "oauth" (accounts.google.com) or "client_auth" (Earth Engine's page)
    client_id: str
    redirect_uri: str
    scopes: list[str]
    created: float
    state: str | None = None
    code_challenge: str | None = None
    access_type: str | None = None
    login_hint: str | None = None
    ee_request_id: str | None = None
    client_challenge: str | None = None


@dataclass
class AuthCode:
    value: str
    client_id: str
    redirect_uri: str
    scopes: list[str]
    account: str
    created: float
    code_challenge: str | None = None
    access_type: str | None = None
    used: bool = False
    issued: list[str] = field(default_factory=list)  # tokens minted from it, revoked on reuse


@dataclass
class RefreshToken:
    value: str
    client_id: str
    account: str
    scopes: list[str]
    revoked: bool = False
    issued_at: float = 0.0  # the fake's clock


@dataclass
class AccessToken:
    value: str
    client_id: str
    account: str
    scopes: list[str]
    expires_at: float
    refresh_token: str | None = None
    revoked: bool = False


@dataclass
class MetadataConfig:
    enabled: bool = False
    email: str = "123456789012-compute@developer.gserviceaccount.com"
    scopes: list[str] = field(default_factory=lambda: [CLOUD_PLATFORM, EMAIL])
    project: str = "fake-gce-project"


@dataclass
class ClientAuthSession:
    """What Earth Engine's client-auth/fetch releases once the user consented."""

    client_challenge: str
    client_id: str
    scopes: list[str]


def default_accounts() -> dict[str, Account]:
    return {
        ALICE: Account(ALICE, "100000000000000000001", "Alice Example"),
        BOB: Account(BOB, "100000000000000000002", "Bob Example"),
    }


class State:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.clients: dict[str, Client] = default_clients()
        self.accounts: dict[str, Account] = default_accounts()
        self.pending: dict[str, AuthRequest] = {}
        self.codes: dict[str, AuthCode] = {}
        self.refresh_tokens: dict[str, RefreshToken] = {}
        self.access_tokens: dict[str, AccessToken] = {}
        self.revoked: list[str] = []  # tokens presented to /revoke and accepted
        self.client_auth: dict[str, ClientAuthSession] = {}
        self.projects: dict[str, list[Project]] = default_projects()
        self.projects_denied: set[str] = set()
        self.services: dict[tuple[str, str], str] = {
            ("ee-alice", "earthengine.googleapis.com"): "ENABLED",
            ("alice-unregistered", "earthengine.googleapis.com"): "ENABLED",
            ("team-shared-data", "earthengine.googleapis.com"): "ENABLED",
            ("bob-ee-project", "earthengine.googleapis.com"): "ENABLED",
        }
        self.services_denied: set[str] = set()
        self.metadata = MetadataConfig()
        self.drop_scopes: set[str] = set()
        self.service_account_keys: dict[str, str] = {}
        # Generative Language API keys: key -> (kind, project); see generative.py.
        self.api_keys: dict[str, tuple[str, str]] = {}
        # IAM Credentials: service accounts others may act as (iam_credentials.py).
        self.service_accounts: dict[str, ServiceAccount] = {}
        self.faults = Faults()
        self.log: list[dict] = []
        self.clock_offset = 0.0

    # -- time and log ------------------------------------------------------------------------

    def now(self) -> float:
        return time.time() + self.clock_offset

    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward, to expire codes and access tokens."""
        self.clock_offset += seconds

    def record(self, route: str, method: str, path: str) -> None:
        # Paths only: query strings and bodies can carry tokens.
        self.log.append({"route": route, "method": method, "path": path, "time": time.time()})

    # -- tokens ------------------------------------------------------------------------------

    def issue_access_token(
        self, client_id: str, account: str, scopes: list[str], refresh: str | None = None
    ) -> AccessToken:
        token = AccessToken(
            new_secret("ya29.fake-"),
            client_id,
            account,
            list(scopes),
            self.now() + ACCESS_TOKEN_TTL,
            refresh,
        )
        self.access_tokens[token.value] = token
        return token

    def issue_refresh_token(self, client_id: str, account: str, scopes: list[str]) -> RefreshToken:
        token = RefreshToken(
            new_secret("1//fake-"), client_id, account, list(scopes), issued_at=self.now()
        )
        self.refresh_tokens[token.value] = token
        return token

    def live_access_token(self, value: str | None) -> AccessToken | None:
        token = self.access_tokens.get(value or "")
        if token is None or token.revoked or token.expires_at <= self.now():
            return None
        return token

    def revoke(self, value: str) -> bool:
        """Revoke a refresh or access token and the grant it belongs to, like Google."""
        refresh = self.refresh_tokens.get(value)
        access = self.access_tokens.get(value)
        if access is not None and not access.revoked and access.expires_at > self.now():
            access.revoked = True
            refresh = self.refresh_tokens.get(access.refresh_token or "")
        elif refresh is None or refresh.revoked:
            return False
        if refresh is not None:
            self._revoke_refresh(refresh)
        self.revoked.append(value)
        return True

    def _revoke_refresh(self, refresh: RefreshToken) -> None:
        refresh.revoked = True
        for token in self.access_tokens.values():
            if token.refresh_token == refresh.value:
                token.revoked = True

    def revoke_code_grant(self, code: AuthCode) -> None:
        for value in code.issued:
            if value in self.refresh_tokens:
                self._revoke_refresh(self.refresh_tokens[value])
            elif value in self.access_tokens:
                self.access_tokens[value].revoked = True

    # -- accounts, clients, projects, services ----------------------------------------------

    def account(self, email: str) -> Account:
        """The account, created on first mention so tests can add a third one."""
        if email not in self.accounts:
            sub = str(100000000000000000000 + len(self.accounts) + 1)
            self.accounts[email] = Account(email, sub, email.split("@")[0].title())
        return self.accounts[email]

    def set_account(
        self, email: str, error: str | None = None, reauth_required: bool | None = None
    ) -> None:
        if error is not None and error not in ACCOUNT_ERROR_STATUS:
            raise ValueError(f"error must be one of {sorted(ACCOUNT_ERROR_STATUS)}")
        self.account(email).error = error
        if reauth_required is not None:
            self.account(email).reauth_required = bool(reauth_required)

    def add_client(self, spec: dict) -> Client:
        client = client_from_json(spec)
        self.clients[client.client_id] = client
        return client

    def set_projects(
        self,
        account: str,
        count: int | None = None,
        projects: list | None = None,
        denied: bool | None = None,
    ) -> None:
        if count is not None:
            if not isinstance(count, int) or count < 0:
                raise ValueError("count must be an integer >= 0")
            self.projects[account] = generated_projects(account, count)
        if projects is not None:
            self.projects[account] = [make_project(p) for p in projects]
        if denied is not None:
            (self.projects_denied.add if denied else self.projects_denied.discard)(account)

    def projects_of(self, account: str) -> list[Project]:
        projects = list(self.projects.get(account, []))
        # The VM's service account can see the VM's project.
        if self.metadata.enabled and account == self.metadata.email:
            projects.append(self.metadata_project())
        return projects

    def find_project(self, account: str, key: str) -> Project | None:
        """A project the account can see, by id or number.

        Never one of Google's own client projects (the number at the head of Earth Engine's or
        the SDK's client id): no user can see or bill them, even if a test named one."""
        if key in GOOGLE_OWNED_PROJECT_NUMBERS:
            return None
        for project in self.projects_of(account):
            if key in (project.project_id, project.number):
                return project
        return None

    def metadata_project(self) -> Project:
        for projects in self.projects.values():
            for project in projects:
                if project.project_id == self.metadata.project:
                    return project
        return make_project(self.metadata.project)

    def _project_id(self, key: str) -> str:
        for projects in self.projects.values():
            for project in projects:
                if key == project.number:
                    return project.project_id
        return key

    def set_service(
        self,
        project: str,
        service: str | None = None,
        state: str | None = None,
        denied: bool | None = None,
    ) -> None:
        pid = self._project_id(project)
        if service is not None or state is not None:
            if state not in ("ENABLED", "DISABLED") or not service:
                raise ValueError("need service and state ENABLED or DISABLED")
            self.services[(pid, service)] = state
        if denied is not None:
            (self.services_denied.add if denied else self.services_denied.discard)(pid)

    def may_use_services(self, account: str, project_id: str) -> bool:
        """Whether ``account`` holds serviceusage.services.use on the project (may bill it)."""
        if project_id in self.services_denied:
            return False
        project = self.find_project(account, project_id)
        if project is None:  # a project it cannot see, it cannot bill either
            return False
        return project.allows(project.service_users, account)

    def service_state(self, project_id: str, service: str) -> str:
        return self.services.get((project_id, service), "DISABLED")

    def set_metadata(self, **changes) -> None:
        unknown = set(changes) - {"enabled", "email", "scopes", "project"}
        if unknown:
            raise ValueError(f"unknown metadata keys: {sorted(unknown)}")
        for key, value in changes.items():
            setattr(self.metadata, key, value)

    def mint_api_key(self, kind: str = "valid", project: str = "ee-alice") -> str:
        """A Google API key ("AIza" and 35 characters) that is valid, restricted to other APIs,
        or from a project with the Generative Language API turned off."""
        if kind not in ("valid", "restricted", "disabled"):
            raise ValueError("kind is valid, restricted or disabled")
        key = "AIzaSy" + secrets.token_urlsafe(32)[:33]
        self.api_keys[key] = (kind, project)
        return key

    def add_service_account(self, spec: dict) -> None:
        account = parse_service_account(spec)
        self.service_accounts[account.email] = account

    def set_grant(self, drop_scopes: list[str]) -> None:
        self.drop_scopes = set(drop_scopes)

    def add_faults(self, *specs: dict) -> None:
        faults = [parse_fault(spec) for spec in specs]  # all valid, or none added
        for fault in faults:
            self.faults.add(fault)

    def summary(self) -> dict:
        return {
            "revoked": len(self.revoked),
            "access_tokens_issued": dict(Counter(t.account for t in self.access_tokens.values())),
            "refresh_tokens_issued": dict(Counter(t.account for t in self.refresh_tokens.values())),
            "codes_issued": len(self.codes),
            "codes_used": sum(code.used for code in self.codes.values()),
            "pending_consents": len(self.pending),
            "metadata_enabled": self.metadata.enabled,
            "faults": self.faults.pending(),
            "requests": len(self.log),
        }
