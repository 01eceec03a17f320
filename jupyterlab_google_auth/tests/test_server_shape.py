"""#16 server shape: one vocabulary leaf, one error base, help for each code in one place, a
typed server state, handlers that hold no domain rules."""

import ast
import dataclasses
from pathlib import Path

from jupyterlab_google_auth import names
from jupyterlab_google_auth.errors import ServerError
from jupyterlab_google_auth.flows.errors import TABLE, FlowError
from jupyterlab_google_auth.gcloud import GcloudError
from jupyterlab_google_auth.help import HELP
from jupyterlab_google_auth.projects.errors import GoogleCallError
from jupyterlab_google_auth.state import ServerState

PACKAGE = Path(names.__file__).parent


def test_names_is_a_leaf_of_plain_strings():
    tree = ast.parse((PACKAGE / "names.py").read_text())
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    for value in (names.MODES, names.SOURCES, names.PRESETS, names.TARGETS, names.FLOW_STATES):
        assert value and all(isinstance(v, str) for v in value)
    assert len(set(names.ERROR_CODES)) == len(names.ERROR_CODES)


def test_every_code_with_help_or_a_message_is_in_the_vocabulary():
    assert set(HELP) <= set(names.ERROR_CODES)
    assert set(TABLE) <= set(names.ERROR_CODES)
    assert all(HELP.get(code) for code in TABLE)  # every flow failure says what to do next


def test_one_error_base():
    assert issubclass(FlowError, ServerError) and issubclass(GoogleCallError, ServerError)
    assert issubclass(GcloudError, ServerError)  # the gcloud mode converts nothing by hand
    assert (GcloudError("gcloud_hung", "x").status, GcloudError("bad_code", "x").status) == (
        504,
        400,
    )
    assert GcloudError("bad_code", "x").help == HELP["bad_code"]
    assert ServerError(403, "turned_off", "x").help == HELP["turned_off"]


def test_the_server_state_is_typed():
    assert dataclasses.is_dataclass(ServerState)


def test_handlers_do_not_write_files_or_call_google_themselves():
    for path in (PACKAGE / "handlers").glob("*.py"):
        text = path.read_text()
        for forbidden in ("atomic_write", "set_project(", "run_in_executor", "google_session"):
            assert forbidden not in text, (path.name, forbidden)
