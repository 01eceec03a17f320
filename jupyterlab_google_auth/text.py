"""The one sanitiser for text from elsewhere (Google, a proxy, a file) before it is shown.

- :func:`plain`: tags and entities gone, control, direction and line-separator characters made
  spaces, whitespace collapsed, at most ``limit`` characters (an ellipsis marks a cut);
- :func:`short`: a value from a file kept only when it is already short printable text, else
  None (an account, a scope: shown as it is or not at all);
- :func:`terminal`: what a program printed in a pseudo-terminal (gcloud) as plain lines for
  parsing: terminal escapes gone, CRLF and lone CR made newlines, other controls dropped. Not
  for showing: a line taken from it is shown only through :func:`plain`.
"""

from __future__ import annotations

import html
import re

MAX_TEXT = 300
_TAG = re.compile(r"<[^>]*>")
# CSI / OSC / single-character escapes that readline and terminals emit.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # all but tab and newline
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def plain(text: object, limit: int = MAX_TEXT, *, markup: bool = True) -> str:
    """``markup=False`` for text that is not HTML (a program's output): tags and entities are
    kept as typed (``<PROJECT_ID>``); the panel renders text, never HTML, either way."""
    if not isinstance(text, str):
        return ""
    text = _ESCAPES.sub("", text)
    if markup:
        text = html.unescape(_TAG.sub(" ", text))
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short(value: object, limit: int = 320) -> str | None:
    if isinstance(value, str) and value and len(value) <= limit and value.isprintable():
        return value
    return None


def terminal(raw: str) -> str:
    """Terminal output as plain text lines: escapes gone, CRLF and lone CR made newlines."""
    text = _ESCAPES.sub("", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _TERMINAL_CONTROL.sub("", text)
