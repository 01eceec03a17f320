"""FakeGoogle: the fake served from a background thread, for in-process tests."""

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from . import control
from .app import make_app
from .config import endpoints
from .state import ALICE, State


def format_url(host: str, port: int) -> str:
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class FakeGoogle:
    """`with FakeGoogle() as g:` serves on a free 127.0.0.1 port at `g.url`.

    The server has its own asyncio loop in a daemon thread, so it keeps answering while the
    test (or the product under test, on another loop) blocks. State changes made through the
    helpers below run on that loop; `g.state` may be read directly.
    """

    def __init__(self, host: str = "127.0.0.1", port: int = 0, state: State | None = None):
        self.host = host
        self.port = port
        self.state = state if state is not None else State()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> "FakeGoogle":
        ready = threading.Event()
        self._thread = threading.Thread(
            target=lambda: asyncio.run(self._serve(ready)), name="fake-google", daemon=True
        )
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("fake Google did not start")
        if self._error is not None:
            raise RuntimeError("fake Google did not start") from self._error
        return self

    async def _serve(self, ready: threading.Event) -> None:
        try:
            self._loop = asyncio.get_running_loop()
            self._stop = asyncio.Event()
            sockets = bind_sockets(self.port, self.host)
            server = HTTPServer(make_app(self.state))
            server.add_sockets(sockets)
            self.port = sockets[0].getsockname()[1]
        except BaseException as exc:  # reported by start()
            self._error = exc
            ready.set()
            return
        ready.set()
        await self._stop.wait()
        server.stop()
        try:
            await asyncio.wait_for(server.close_all_connections(), 2)
        except asyncio.TimeoutError:
            pass

    def stop(self) -> None:
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(5)

    def __enter__(self) -> "FakeGoogle":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return format_url(self.host, self.port)

    def endpoints(self) -> dict[str, str]:
        return endpoints(self.url)

    # -- steering (same actions as the /_control routes) -------------------------------------

    def call(self, fn: Callable, *args, **kwargs):
        """Run `fn` on the server's loop, so it never races a request being handled."""
        if self._loop is None or threading.current_thread() is self._thread:
            return fn(*args, **kwargs)
        future: concurrent.futures.Future = concurrent.futures.Future()

        def run() -> None:
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:
                future.set_exception(exc)

        self._loop.call_soon_threadsafe(run)
        return future.result(10)

    def control(self, action: str, data=None):
        return self.call(control.apply, self.state, action, data if data is not None else {})

    def reset(self) -> None:
        self.control("reset")

    def set_faults(self, *specs: dict, **spec) -> None:
        """`g.set_faults(route="token", status=503)` or `g.set_faults({...}, {...})`."""
        self.control("faults", list(specs) + ([spec] if spec else []))

    def set_metadata(self, **changes) -> None:
        self.control("metadata", changes)

    def set_projects(self, account: str, **kwargs) -> None:
        self.control("projects", {"account": account, **kwargs})

    def set_service(self, project: str, **kwargs) -> None:
        self.control("services", {"project": project, **kwargs})

    def set_account_error(self, account: str, error: str | None) -> None:
        self.control("accounts", {"account": account, "error": error})

    def drop_scopes(self, *scopes: str) -> None:
        self.control("grant", {"drop_scopes": list(scopes)})

    def add_client(self, **spec) -> dict:
        return self.control("clients", spec)

    def mint_api_key(self, kind: str = "valid", project: str = "ee-alice") -> str:
        """A Generative Language API key: ``valid``, ``restricted`` (to other APIs) or
        ``disabled`` (its project has the API turned off)."""
        return self.control("api-keys", {"kind": kind, "project": project})["key"]

    def add_service_account(self, email: str, token_creators: list[str] = ()) -> None:
        """A service account that ``token_creators`` may act as (IAM Credentials)."""
        self.control("impersonation", {"email": email, "token_creators": list(token_creators)})

    def advance(self, seconds: float) -> None:
        self.control("clock", {"advance": seconds})

    def approve(self, auth_url: str, account: str = ALICE, decision: str = "allow") -> dict:
        """Consent without a browser: {"location": ...}, {"code": ...} or {"error": ...}."""
        _, body = self.control(
            "approve", {"auth_url": auth_url, "account": account, "decision": decision}
        )
        return body

    def log(self, route: str | None = None) -> list[dict]:
        entries = self.call(list, self.state.log)
        return [e for e in entries if route is None or e["route"] == route]
