"""The per-server registry of sign-in flows: start, look up, complete, cancel, the callback.

Rules every mode gets from here: a flow belongs to the Jupyter user who started it (another
user's id is "unknown"); at most ``settings.max_pending_flows`` live flows per user; a flow
expires ``settings.flow_ttl`` seconds after it started; a state and a flow are single use
(the first answer, right or wrong, ends them), except that a pasted code Google refuses as a
paste mistake (cut short, already used, another sign-in's) leaves a paste mode's flow open for
the right code; finished flows are forgotten ``flow_ttl`` seconds later. The verifier, state
and client secret stay in :class:`~.model.Secrets`.

Concurrency: every method runs on the server's event loop, so no locks; blocking work (HTTP to
Google, file writes) runs in executor threads and hands its result back to the loop, which alone
changes a flow's state. A flow cancelled while its exchange runs is not written.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from .. import ids, policy
from ..config import GoogleAuth
from ..credentials.store import CredentialStore
from ..errors import ServerError
from ..google_pool import GooglePool
from ..ids import is_id
from ..profiles import errors as profile_errors
from ..profiles import naming
from ..profiles.migration import ensure_migrated
from ..profiles.store import profile_store
from ..scopes import is_earthengine
from .custom_client import CustomClients
from .errors import PASTE_MISTAKES, FlowError, flow_error, from_oauth, plain_text
from .model import Flow, Grant, OAuthClient
from .modes import KNOWN_MODES, MODE_CLASSES, Mode, ModeContext
from .modes.base import EE_PUBLIC_CLIENT, check_code
from .request import StartRequest, parse_start_request
from .signed_in import already_signed_in
from .transport import check_endpoint
from .writing import write_grant

log = logging.getLogger(__name__)

MAX_DEAD_STATES = 1024
# Why a state is dead -> (error code, callback page title).
DEAD_STATE_PAGES = {
    "used": ("state_used", "Sign-in link already used"),
    "expired": ("flow_expired", "Sign-in expired"),
    "cancelled": ("cancelled", "Sign-in cancelled"),
    "restarted": ("started_before_restart", "Sign-in started before a restart"),
    "": ("unknown_state", "Sign-in link not recognised"),
}
# Slack on top of settings.http_timeout for the executor hop and the file writes.
EXCHANGE_SLACK = 2.0


def _digest(state: str) -> str:
    return hashlib.sha256(state.encode("utf-8", "replace")).hexdigest()


def _duration(seconds: int) -> str:
    minutes = seconds // 60
    return f"{minutes} minutes" if seconds % 60 == 0 and minutes > 1 else f"{seconds} seconds"


class FlowRegistry:
    def __init__(
        self,
        settings: GoogleAuth,
        base_url: str = "/",
        custom_clients: CustomClients | None = None,
        google: GooglePool | None = None,
        *,
        modes: Iterable[type[Mode]] = MODE_CLASSES,
        clock: Callable[[], float] = time.time,
        store_factory: Callable[[], CredentialStore] = CredentialStore,
    ) -> None:
        self.settings = settings
        self.custom_clients = custom_clients or CustomClients()
        # Marks flow ids and states of this server run: after a restart they say "restarted"
        # instead of "not recognised".
        self.instance = secrets.token_hex(4)
        google = google or GooglePool(settings.google_pool_size, settings.google_calls_per_user)
        self.context = ModeContext(settings, base_url, self.custom_clients, google, self.instance)
        self.modes: dict[str, Mode] = {cls.name: cls() for cls in modes}
        self.clock = clock  # tests move time by replacing it
        self.store_factory = store_factory
        self.flows: dict[str, Flow] = {}
        self._callback_states: dict[str, str] = {}  # live state -> flow id (callback modes)
        self._dead_states: OrderedDict[str, str] = OrderedDict()  # digest -> why it is dead
        # Digests of codes this server exchanged: a code pasted again is refused before Google
        # sees it, for Google answers a replayed code by revoking the tokens it gave for it.
        self._spent_codes: OrderedDict[str, None] = OrderedDict()
        # Google accounts each Jupyter user signed in with here (shared_server.hide_accounts).
        self.accounts_by_user: dict[str, set[str]] = {}

    # -- bookkeeping -------------------------------------------------------------------------

    def _tick(self) -> None:
        """Expire overdue flows, forget long-finished ones."""
        now = self.clock()
        for flow_id, flow in list(self.flows.items()):
            if flow.state == "pending" and now >= flow.expires_at:
                self._end(
                    flow, "expired", flow_error("flow_expired", _duration(self.settings.flow_ttl))
                )
            if flow.finished_at is not None and now - flow.finished_at > self.settings.flow_ttl:
                del self.flows[flow_id]

    def _kill_state(self, flow: Flow, why: str) -> None:
        state = flow.secrets.state
        if state is None:
            return
        self._callback_states.pop(state, None)
        self._dead_states[_digest(state)] = why
        while len(self._dead_states) > MAX_DEAD_STATES:
            self._dead_states.popitem(last=False)

    def _end(self, flow: Flow, state: str, error: FlowError | None = None) -> None:
        flow.state = state  # type: ignore[assignment]
        flow.finished_at = self.clock()
        if error is not None:
            flow.error = error.to_json()
        self._kill_state(flow, {"expired": "expired", "cancelled": "cancelled"}.get(state, "used"))
        try:
            self.modes[flow.mode].discard(flow)
        except Exception:  # a mode's clean-up must not break the answer
            log.exception("google-auth: discarding flow %s failed", flow.id)

    def get(self, user: str, flow_id: str) -> Flow:
        """The user's flow: 400 ``bad_id`` for a malformed id (never echoed), 404 ``unknown_flow``
        for a well-formed one this server does not know, 410 for one from an earlier run."""
        if not is_id(ids.FLOW_ID, flow_id):
            raise ServerError(
                400,
                "bad_id",
                "This is not a sign-in id: send the id that POST flows answered, as it is "
                "(hex digits, a dot, then letters, digits, '-' and '_').",
            )
        self._tick()
        flow = self.flows.get(flow_id)
        if flow is None or flow.user != user:
            raise flow_error(
                "started_before_restart" if self._from_before(flow_id) else "unknown_flow"
            )
        return flow

    def _from_before(self, value: object) -> bool:
        """Issued by an earlier run of this server (a flow id or a state with another marker)."""
        if not isinstance(value, str) or "." not in value:
            return False
        marker = value.split(".", 1)[0]
        return len(marker) == len(self.instance) and marker != self.instance

    def live_count(self, user: str) -> int:
        return sum(1 for f in self.flows.values() if f.user == user and f.live)

    # -- POST flows --------------------------------------------------------------------------

    async def start(self, user: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """(201, flow view) or (200, already-signed-in answer); FlowError otherwise."""
        self._tick()
        request = parse_start_request(body, policy.default_preset(self.settings))
        refusal = policy.mode_refusal(self.settings, request.mode) or policy.preset_refusal(
            self.settings, request.preset
        )
        if refusal:
            raise flow_error("turned_off", refusal)
        mode = self._mode(request.mode)
        client_name = request.client or mode.default_client
        if client_name not in mode.clients:
            raise flow_error("mode_unavailable", self._client_refusal(mode, client_name))
        mode.check(request, self.context)
        client = await self._client(client_name)
        check_endpoint(self.settings.token_uri)

        into = None
        if request.add_profile:
            await self._check_new_profile(user, request)
        elif request.profile_name is not None:
            into = await self._check_bound_profile(request.profile_name)
        if not request.add_profile and into is None and not request.force:
            signed_in = await self.context.run_blocking(
                user,
                lambda: already_signed_in(
                    self.store_factory(),
                    request.targets,
                    request.required_scopes,
                    token_uri=self.settings.token_uri,
                    timeout=self.settings.http_timeout,
                ),
            )
            if signed_in is not None:
                return 200, signed_in

        if self.live_count(user) >= self.settings.max_pending_flows:
            raise flow_error("too_many_flows", str(self.settings.max_pending_flows))
        now = self.clock()
        flow = Flow(
            id=f"{self.instance}.{secrets.token_urlsafe(12)}",  # ids.FLOW_ID
            user=user,
            mode=mode.name,
            expects=mode.expects,
            client=client_name,  # type: ignore[arg-type]
            targets=request.targets,
            scopes=request.scopes,
            created=now,
            expires_at=now + self.settings.flow_ttl,
            preset=request.preset,
            add_profile=request.add_profile,
            profile_name=request.profile_name if request.add_profile else into,
        )
        flow.secrets.client = client
        self.flows[flow.id] = flow  # counted at once, though start may await
        try:
            await mode.start(flow, request, self.context)
        except BaseException:
            self.flows.pop(flow.id, None)
            mode.discard(flow)
            raise
        if client_name == "earthengine" and not _is_ee_request(request):
            flow.notes.append(
                "Earth Engine's client is asked for scopes other than Earth Engine's; if Google "
                "refuses, upload your own Desktop client and choose the custom client."
            )
        if mode.uses_callback and flow.secrets.state:
            self._callback_states[flow.secrets.state] = flow.id
        return 201, flow.view()

    async def _check_new_profile(self, user: str, request: StartRequest) -> None:
        """Refuse a sign-in into a new profile before consent, not after: profiles off, the
        name taken, the list full (the write checks again)."""
        refusal = policy.profiles_refusal(self.settings)
        if refusal:
            raise flow_error("turned_off", refusal)
        store = profile_store(self.store_factory())

        def profile_names() -> list[str]:
            ensure_migrated(store)  # the identity in use is a profile before another comes
            return store.names()

        names = await asyncio.to_thread(profile_names)
        if request.profile_name and naming.taken(request.profile_name, names):
            raise profile_errors.exists(request.profile_name)
        if len(names) >= self.settings.max_profiles:
            raise profile_errors.too_many(self.settings.max_profiles)

    async def _check_bound_profile(self, name: str) -> str | None:
        """A sign-in from a notebook bound to ``name``: refused where binding is turned off or
        the profile is gone; the profile to write into, or None when it is the active one
        (then everything is as for any sign-in)."""
        refusal = policy.binding_refusal(self.settings)
        if refusal:
            raise flow_error("turned_off", refusal)
        store = profile_store(self.store_factory())

        def found() -> tuple[str, str | None]:
            return store.find(name), store.active()

        stored, active = await asyncio.to_thread(found)
        return None if stored == active else stored

    def _mode(self, name: str) -> Mode:
        mode = self.modes.get(name)
        if mode is not None:
            return mode
        if name in KNOWN_MODES:
            raise flow_error(
                "mode_unavailable", f"The {name} mode is not available on this server."
            )
        shown = plain_text(name, 40)
        raise flow_error("unknown_mode", f"There is no sign-in mode named {shown!r}.")

    @staticmethod
    def _client_refusal(mode: Mode, client: str) -> str:
        if mode.name == "notebook":
            return (
                "The notebook mode always uses Earth Engine's own client; for a custom client "
                "choose loopback or paste-url."
            )
        if mode.name == "paste-url":
            return (
                "The paste-url mode needs a custom Desktop client (a client_secret.json uploaded "
                "in the panel or set by the administrator)."
            )
        return f"The {mode.name} mode cannot use the {client} client."

    async def _client(self, name: str) -> OAuthClient | None:
        if name == "earthengine":
            return EE_PUBLIC_CLIENT
        if name == "gcloud":  # gcloud signs in with its own client; the server never holds it
            return None
        admin_path = self.settings.client_secrets_file
        found = await asyncio.to_thread(self.custom_clients.resolve, admin_path)
        if found.client is None:
            raise flow_error("no_custom_client", f" ({found.problem})" if found.problem else "")
        return found.client

    # -- POST flows/<id>/complete ------------------------------------------------------------

    async def complete(self, user: str, flow_id: str, body: dict[str, Any]) -> Flow:
        flow = self.get(user, flow_id)
        if flow.state != "pending":
            word = "being finished" if flow.state == "exchanging" else flow.state
            raise flow_error("not_pending", word)
        mode = self.modes[flow.mode]
        code = mode.read_input(flow, body)  # 400s here leave the flow pending
        if _digest(code) in self._spent_codes:
            raise flow_error("code_used")  # the flow stays pending for its own code
        await self._exchange(flow, mode, code, pasted=True)
        return flow

    async def _exchange(self, flow: Flow, mode: Mode, code: str, pasted: bool = False) -> None:
        flow.state = "exchanging"
        self._kill_state(flow, "used")
        try:
            grant = await asyncio.wait_for(
                mode.complete(flow, code, self.context),
                timeout=self.settings.http_timeout + EXCHANGE_SLACK,
            )
            self._spend(code)
            if flow.state != "exchanging":  # cancelled meanwhile: write nothing
                return
            flow.result = await self._write(flow, grant)
            self._end(flow, "succeeded")
        except ServerError as exc:  # a FlowError, or 503 busy from the Google pool
            if (
                pasted
                and mode.retries_pasted_code
                and exc.code in PASTE_MISTAKES
                and flow.state == "exchanging"
            ):
                flow.state = "pending"  # a paste mistake: answer it, wait for the right code
                raise
            if flow.state == "exchanging":
                self._end(flow, "failed", exc)
        except asyncio.TimeoutError:
            if flow.state == "exchanging":
                self._end(
                    flow, "failed", flow_error("endpoint_timeout", "Google's sign-in service")
                )
        except Exception:
            log.exception("google-auth: finishing flow %s failed", flow.id)
            if flow.state == "exchanging":
                self._end(flow, "failed", flow_error("internal_error"))

    def _spend(self, code: str) -> None:
        self._spent_codes[_digest(code)] = None
        while len(self._spent_codes) > MAX_DEAD_STATES:
            self._spent_codes.popitem(last=False)

    async def _write(self, flow: Flow, grant: Grant) -> dict[str, Any]:
        result = await write_grant(
            self.store_factory(),
            flow,
            grant,
            self.settings.token_uri,
            max_profiles=self.settings.max_profiles,
        )
        if grant.account:
            self.accounts_by_user.setdefault(flow.user, set()).add(grant.account)
        return result

    # -- DELETE flows/<id> -------------------------------------------------------------------

    def cancel(self, user: str, flow_id: str) -> Flow:
        """Cancel a live flow; a finished one is answered as it is (DELETE is idempotent)."""
        flow = self.get(user, flow_id)
        if flow.live:
            self._end(flow, "cancelled")
        return flow

    # -- GET oauth2callback ------------------------------------------------------------------

    async def finish_callback(
        self, state: str, user: str | None, *, code: str = "", error: str = "", scope: str = ""
    ) -> tuple[int, str, str]:
        """Finish the loopback flow that owns ``state``: (HTTP status, page title, message).

        ``user`` is the owner key of the Jupyter login the browser carries (``None``: none).
        A browser without the login of the user who started the flow is refused and the flow
        stays pending, its state still live: a leaked consent link finished in another
        browser (another person's Google account) must not write into the owner's home.
        Nobody logged in learns nothing about the state; another user learns only that it is
        not theirs.
        """
        self._tick()
        if user is None:
            return _not_signed_in()
        flow_id = self._callback_states.get(state)
        flow = self.flows.get(flow_id) if flow_id else None
        if flow is not None and flow.user != user:
            return _not_signed_in()
        self._callback_states.pop(state, None)
        if flow is None or flow.state != "pending":
            why = self._dead_states.get(_digest(state)) or ""
            if not why and self._from_before(state):
                why = "restarted"
            code_name, title = DEAD_STATE_PAGES.get(why, DEAD_STATE_PAGES[""])
            return _page(400, title, flow_error(code_name, _duration(self.settings.flow_ttl)))
        mode = self.modes[flow.mode]
        if error:
            self._end(flow, "failed", from_oauth(error))
        else:
            try:
                checked = check_code(code) if code else None
            except FlowError as exc:
                checked, bad = None, exc
            else:
                bad = flow_error("no_code")
            if checked is None:
                self._end(flow, "failed", bad)
            else:
                await self._exchange(flow, mode, checked)
        if flow.state == "succeeded":
            account = (flow.result or {}).get("account")
            who = f" as {account}" if account else ""
            message = f"Signed in{who}. You can close this tab."
            note = (flow.result or {}).get("scope_note")
            return 200, "Signed in", f"{message} {note}" if note else message
        if flow.error:
            return _page(400, "Sign-in failed", flow.error)
        return 400, "Sign-in cancelled", "This sign-in was cancelled in Jupyter."


def _page(status: int, title: str, error: FlowError | dict[str, str]) -> tuple[int, str, str]:
    data = error.to_json() if isinstance(error, FlowError) else error
    return status, title, f"{data['message']} {data['help']}".strip()


def _not_signed_in() -> tuple[int, str, str]:
    error = flow_error("callback_not_signed_in")
    return _page(error.status, "Open this link where Jupyter is signed in", error)


def _is_ee_request(request: StartRequest) -> bool:
    return is_earthengine(request.scopes)
