"""What a secret's name and value may be. Pure: the server and the kernel both check with it."""

from __future__ import annotations

import re

from ..names import KNOWN_SECRET_NAMES
from .errors import SecretError

# Environment-variable style, so "set in kernels" can use the name as it is.
NAME_PATTERN = re.compile(r"[A-Z_][A-Z0-9_]{0,63}")
MAX_SECRETS = 50
MAX_VALUE_CHARS = 4096  # API keys are ~40 characters; a service-account key is not a secret here
MAX_NOTEBOOK_CHARS = 1024
MAX_GRANTED_NOTEBOOKS = 500
# Values shorter than this show no last characters: four of eight would give half away.
MIN_CHARS_FOR_LAST4 = 12

# Offered by the panel; Google's client libraries read the first two from the environment.
KNOWN_NAMES = KNOWN_SECRET_NAMES


def check_name(name: object) -> str:
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise SecretError(
            "bad_secret_name",
            "A secret's name is written like an environment variable: capital letters, digits "
            "and underscores, not starting with a digit, at most 64 characters (for example "
            "GEMINI_API_KEY).",
        )
    return name


def check_value(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SecretError("bad_secret_value", "Paste the secret's value; it is empty.")
    value = value.strip()
    if len(value) > MAX_VALUE_CHARS or any(c in value for c in "\r\n\0"):
        raise SecretError(
            "bad_secret_value",
            f"A secret's value is one line of at most {MAX_VALUE_CHARS} characters.",
        )
    return value


def check_notebook(notebook: object) -> str:
    if (
        not isinstance(notebook, str)
        or not notebook.strip()
        or len(notebook) > MAX_NOTEBOOK_CHARS
        or any(c in notebook for c in "\r\n\0")
    ):
        raise SecretError(
            "bad_notebook", "Send the notebook's path as JupyterLab names it (dir/name.ipynb)."
        )
    return notebook


def last4(value: str) -> str:
    """What the panel may show of a value: its last four characters, for long values only."""
    return value[-4:] if len(value) >= MIN_CHARS_FOR_LAST4 else ""
