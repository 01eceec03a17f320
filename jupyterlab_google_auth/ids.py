"""The one rule for identifiers that come from outside: the whole string must match.

``re.match(r"...$")`` accepts a trailing newline (``$`` matches before it), which let
``"proj-0001\\n"`` into credential files and gcloud's config. Every id check goes through
:func:`is_id`, which uses ``re.fullmatch`` on a ``str`` only; the patterns have no anchors and
no character class that admits a control character, NUL or a Unicode line separator.
"""

from __future__ import annotations

import re

# Google's rule for new project ids (and the one the panel checks as the user types).
PROJECT_ID = r"[a-z][a-z0-9-]{4,28}[a-z0-9]"
# Listed projects may have legacy domain-scoped ids ("example.com:proj") or be given by number.
PROJECT_NUMBER = r"[0-9]{1,20}"
ANY_PROJECT = rf"(?:[a-z0-9][a-z0-9.-]{{0,62}}:)?{PROJECT_ID}|{PROJECT_NUMBER}"
# A sign-in flow's id: the server run's marker (token_hex(4)), a dot, secrets.token_urlsafe(12)
# (flows/registry.py); and a cell's sign-in request (uuid4().hex).
FLOW_ID = r"[0-9a-f]{8}\.[A-Za-z0-9_-]{16}"
REQUEST_ID = r"[0-9a-f]{32}"
# A gcloud configuration's name (gcloud's own rule).
CONFIGURATION_NAME = r"[a-z][-a-z0-9]*"
# A snake_case error code.
CODE = r"[a-z][a-z0-9_]{0,63}"

_COMPILED: dict[str, re.Pattern[str]] = {}


def is_id(pattern: str, value: object) -> bool:
    """Whether ``value`` is a ``str`` that ``pattern`` matches entirely."""
    if not isinstance(value, str):
        return False
    compiled = _COMPILED.get(pattern)
    if compiled is None:
        compiled = _COMPILED[pattern] = re.compile(pattern)
    return compiled.fullmatch(value) is not None
