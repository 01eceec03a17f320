"""The front end's vocabulary (src/core/names.ts) says what the server's (names.py) says.

The server defines modes, presets, targets, clients, environment classes, flow states and
credential sources once; the TypeScript lists are copies a reader can see in the front end.
This test reads them from the TypeScript source, so a list changed on one side only fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jupyterlab_google_auth import names

ROOT = Path(__file__).resolve().parents[2]
NAMES_TS = ROOT / "src" / "core" / "names.ts"
SETTINGS_TS = ROOT / "src" / "core" / "settings.ts"


def ts_list(name: str, source: str | None = None) -> tuple[str, ...]:
    """The strings of ``export const NAME = [...]`` (spreads of other lists expanded)."""
    text = source or NAMES_TS.read_text(encoding="utf-8")
    found = re.search(rf"export const {name}\b[^=]*=\s*\[(.*?)\]", text, re.S)
    assert found, f"{name} is not defined in names.ts"
    items: list[str] = []
    for spread, literal in re.findall(r"\.\.\.(\w+)|'([^']*)'", found.group(1)):
        items.extend(ts_list(spread, text) if spread else [literal])
    return tuple(items)


@pytest.mark.parametrize(
    ("ts", "py"),
    [
        ("FLOW_MODES", names.MODES),
        ("SIGN_IN_MODES", names.SOURCES),
        ("PRESETS", names.PRESETS),
        ("TARGETS", names.TARGETS),
        ("CLIENTS", names.CLIENTS),
        ("ENVIRONMENT_CLASSES", names.ENVIRONMENT_CLASSES),
        ("FLOW_STATES", names.FLOW_STATES),
        ("SOURCE_NAMES", names.CREDENTIAL_SOURCES),
        ("KNOWN_SECRET_NAMES", names.KNOWN_SECRET_NAMES),
        ("SECRET_CHECKS", names.SECRET_CHECKS),
        ("SECRET_ANSWERS", names.SECRET_ANSWERS),
        ("PROFILE_KINDS", names.PROFILE_KINDS),
    ],
)
def test_front_end_lists_agree_with_the_server(ts, py):
    assert ts_list(ts) == tuple(py)


def test_the_front_end_spells_no_list_of_its_own():
    """Outside names.ts, no TypeScript source spells the mode or preset list again."""
    spelled = re.compile(
        r"\[\s*'loopback',\s*'notebook'|\[\s*'earthengine',\s*'earthengine-readonly'"
    )
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "src").rglob("*.ts*")
        if "__tests__" not in path.parts
        and path != NAMES_TS
        and spelled.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_names_is_a_leaf():
    """names.py imports nothing, so anything may import it (no import circles)."""
    source = Path(names.__file__).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|from)\s", source, re.M)


def test_schema_presets_are_the_server_presets():
    import json

    schema = json.loads((ROOT / "schema" / "plugin.json").read_text(encoding="utf-8"))
    offered = [o["const"] for o in schema["properties"]["defaultPreset"]["oneOf"]]
    assert tuple(offered) == names.PRESETS
    targets = [o["const"] for o in schema["properties"]["defaultTargets"]["items"]["oneOf"]]
    assert tuple(targets) == names.TARGETS
