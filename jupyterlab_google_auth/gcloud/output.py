"""Reading what ``gcloud auth application-default login --no-launch-browser`` prints.

The text comes from a pseudo-terminal, so it may hold carriage returns, terminal escapes (from
readline) and the echo of what we typed (the authorization code). It stays in memory; only the
facts parsed here leave this module, and error lines only after :func:`sanitize`. Escapes and
line ends are handled by the one sanitiser (``text.terminal``); a line shown passes ``text.plain``.

Prompt variants handled (gcloud's ``core/credentials/flow.py``):

* current (``RemoteLoginWithAuthProxyFlow``, gcloud >= 2022)::

      Go to the following link in your browser, and complete the sign-in prompts:

          https://accounts.google.com/o/oauth2/auth?response_type=code&client_id=...

      Once finished, enter the verification code provided in your browser:

* older console / out-of-band flows::

      Go to the following link in your browser:

          https://accounts.google.com/o/oauth2/auth?...

      Enter authorization code:            (or "Enter verification code:")

The consent URL is the first ``http(s)://`` token on a complete line after a "Go to the
following link" line (or, failing that, the first complete line that is only a URL). Success
is exit status 0 plus ``Credentials saved to file: [<path>]``; failures are the ``ERROR:`` lines.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..text import plain, terminal

MAX_URL_CHARS = 8192
MAX_LINE_CHARS = 300

_LINK_INTRO = re.compile(r"go to the following link in your browser", re.IGNORECASE)
_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$")
_PROMPT = re.compile(
    r"(enter (the )?(verification|authorization) code[^\n]*:|"
    r"enter the verification code provided in your browser:)\s*$",
    re.IGNORECASE,
)
_ERROR = re.compile(r"\bERROR:\s*(.*)$")
_SAVED = re.compile(r"Credentials saved to file:\s*\[([^\]\n]+)\]")
_QUOTA_ADDED = re.compile(r'Quota project "([a-z0-9.:-]{1,100})" was added to ADC')
_QUOTA_MISSING = re.compile(r"Cannot find a quota project to add to ADC", re.IGNORECASE)
_QUOTA_NO_PERMISSION = re.compile(r'Cannot add the project "([a-z0-9.:-]{1,100})" to ADC')

# Things that must never leave the server even inside an error line.
_SECRETS = (
    re.compile(r"ya29\.[\w.\-]+"),  # access tokens
    re.compile(r"1//[\w.\-]+"),  # refresh tokens
    re.compile(r"\b4/[\w.\-]+"),  # authorization codes
    re.compile(r"(?i)\b(code|token|secret|assertion|verifier)=[^&\s]+"),
    re.compile(r"eyJ[\w\-]+\.[\w\-]+\.[\w\-]*"),  # JWTs
    re.compile(r"[A-Za-z0-9_\-]{32,}"),  # any long opaque string
)
_URL_QUERY = re.compile(r"(https?://[^\s?#]+)[?#]\S*")


clean = terminal  # gcloud's pty output as plain lines (text.py)


def _acceptable_url(url: str) -> bool:
    """Only a web URL goes to the browser: https, or http to a loopback host (a test fake)."""
    if len(url) > MAX_URL_CHARS:
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme == "https":
        return bool(parts.hostname)
    return parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")


def find_consent_url(text: str) -> str | None:
    """The consent URL once its whole line has been printed, else None."""
    lines = clean(text).split("\n")
    complete = lines[:-1]  # the last piece may still be growing
    after_intro = False
    candidates: list[str] = []
    for line in complete:
        if _LINK_INTRO.search(line):
            after_intro = True
            continue
        match = _URL_LINE.match(line)
        if match:
            if after_intro and _acceptable_url(match.group(1)):
                return match.group(1)
            candidates.append(match.group(1))
    return next((u for u in candidates if _acceptable_url(u) and "oauth2" in u), None)


def prompt_shown(text: str) -> bool:
    """gcloud is waiting for the code (the prompt is the last thing printed)."""
    return bool(_PROMPT.search(clean(text).rstrip(" ")))


def saved_path(text: str) -> str | None:
    match = _SAVED.search(clean(text))
    return match.group(1).strip() if match else None


def quota_project(text: str) -> str | None:
    match = _QUOTA_ADDED.search(clean(text))
    return match.group(1) if match else None


def quota_notes(text: str) -> list[str]:
    """gcloud's quota-project warnings, as fixed sentences (never its raw text)."""
    text = clean(text)
    missing = _QUOTA_NO_PERMISSION.search(text)
    if missing:
        return [
            f"gcloud did not set {missing.group(1)} as the quota project: the account lacks "
            "serviceusage.services.use on it. Select a project you can use for quota."
        ]
    if _QUOTA_MISSING.search(text):
        return [
            "gcloud set no quota project, so some Cloud APIs may answer 'quota exceeded' or "
            "'API not enabled'. Select a project to set it."
        ]
    return []


def sanitize(line: str, typed: str | None = None) -> str:
    """An output line that is safe to show and to return: no code, token or long secret."""
    if typed:
        line = line.replace(typed, "[code]")
    line = _URL_QUERY.sub(r"\1?[...]", line)
    for pattern in _SECRETS:
        line = pattern.sub("[redacted]", line)
    # No direction, line-separator or C1 characters reach the panel (text.plain); capped.
    return plain(line, MAX_LINE_CHARS, markup=False)


def error_lines(text: str, typed: str | None = None) -> list[str]:
    """gcloud's ``ERROR:`` lines (and a crash line), sanitized, without the ``ERROR:`` prefix."""
    out = []
    for line in clean(text).split("\n"):
        # The first error follows the code prompt on the same line (the newline typed after
        # the code is not echoed), so look for the marker anywhere in the line.
        match = _ERROR.search(line)
        if match:
            out.append(sanitize(match.group(1), typed))
    return [line for line in out if line]


def classify_error(lines: list[str]) -> str:
    """An API error code for gcloud's failure: invalid_grant, invalid_scope, access_denied or
    gcloud_failed."""
    joined = " ".join(lines)
    for code in ("invalid_grant", "invalid_scope", "access_denied", "invalid_client"):
        if code in joined:
            return "gcloud_failed" if code == "invalid_client" else code
    return "gcloud_failed"
