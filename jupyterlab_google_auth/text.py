"""The one sanitiser for text from elsewhere (Google, a proxy, a file) before it is shown.

- :func:`plain`: tags and entities gone, control, direction and line-separator characters made
  spaces, whitespace collapsed, at most ``limit`` characters (an ellipsis marks a cut);
- :func:`short`: a value from a file kept only when it is already short printable text, else
  None (an account, a scope: shown as it is or not at all).
"""

from __future__ import annotations

import html
import re

MAX_TEXT = 300
_TAG = re.compile(r"<[^>]*>")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def plain(text: object, limit: int = MAX_TEXT) -> str:
    if not isinstance(text, str):
        return ""
    text = html.unescape(_TAG.sub(" ", text))
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short(value: object, limit: int = 320) -> str | None:
    if isinstance(value, str) and value and len(value) <= limit and value.isprintable():
        return value
    return None
