"""pytest fixtures, enabled by `pytest_plugins = [..., "testing.fake_google.pytest_plugin"]` in the
root conftest.py (already there), or by importing the fixtures into a conftest.

One server per session (starting it costs a thread and a socket); every test gets it reset.
"""

from collections.abc import Iterator

import pytest

from .config import endpoints
from .server import FakeGoogle


@pytest.fixture(scope="session")
def fake_google_server() -> Iterator[FakeGoogle]:
    with FakeGoogle() as google:
        yield google


@pytest.fixture
def fake_google(fake_google_server: FakeGoogle) -> Iterator[FakeGoogle]:
    """The running fake with default state (clients, accounts, projects; metadata off)."""
    fake_google_server.reset()
    yield fake_google_server
    fake_google_server.reset()


@pytest.fixture
def fake_google_endpoints(fake_google: FakeGoogle) -> dict[str, str]:
    """`GoogleAuth` trait values pointing at the fake."""
    return endpoints(fake_google.url)
