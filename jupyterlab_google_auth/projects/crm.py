"""Project listing and search through Cloud Resource Manager v1 (``GET /v1/projects``).

CRM documents its ``filter`` as ``field:value`` terms (any case) over ``name``, ``id``,
``lifecycleState``, ``labels.*`` and ``parent.*``, with a trailing ``*`` for a prefix. It
documents no ``OR``, no parentheses, no leading ``*``, and its pages disagree on whether several
terms combine with AND or OR. So every request carries ONE term whose meaning does not depend on
that question:

- no query: ``lifecycleState:ACTIVE``;
- a query: two streams, ``id:<word>*`` and ``name:<word>*`` for its first word, paged side by
  side; each page merges both streams' pages, each id once. Other words, and ACTIVE, are
  checked here, on the answers (every word must appear in the id or the name, in any case).

Search is by prefix at Google (``ee`` finds ``ee-alice`` but not ``alice-ee``); the selector
also filters what it has loaded by substring, as the user types. The query is limited to
letters, digits, space, ``_`` and ``-`` so nothing typed can change a filter's structure.

Page tokens handed to the browser hold each stream's Google token and the query they belong
to; a page holds up to twice ``page_size`` projects (one page of each stream).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from ..deadline import Deadline
from .access import AccessTokenCache, Grant, authorized_get
from .errors import GoogleCallError, reauth_needed
from .http import malformed, server_trouble

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
MAX_QUERY_CHARS = 64
MAX_PAGE_TOKEN_CHARS = 4096  # ours: two of Google's tokens, base64
_QUERY = re.compile(r"^[A-Za-z0-9 _-]*$")
_PAGE_TOKEN = re.compile(r"^[A-Za-z0-9_\-=.~+/]*$")
WHAT = "Cloud Resource Manager"
TYPE_ID_HELP = "Type the project id instead (you can still use a project you cannot list)."


def bad_query(message: str) -> GoogleCallError:
    return GoogleCallError(400, "bad_query", message, "Search with letters, digits, - or _.")


def search_refused() -> GoogleCallError:
    """Google answered INVALID_ARGUMENT to a search we built: our fault, not the user's."""
    return GoogleCallError(
        502,
        "search_refused",
        "Google refused the project search this extension sent (INVALID_ARGUMENT). That is a "
        "bug in jupyterlab-google-auth, not a problem with what you typed.",
        "Type the project id in the field below instead; please report this bug.",
    )


def stale_page() -> GoogleCallError:
    return GoogleCallError(
        400, "bad_query", "Google no longer accepts this page of the list.", "Search again."
    )


def sanitise_query(query: str | None) -> str:
    """The query trimmed; ``bad_query`` when it is too long or has other characters."""
    query = (query or "").strip()
    if len(query) > MAX_QUERY_CHARS:
        raise bad_query(f"The search is longer than {MAX_QUERY_CHARS} characters.")
    if not _QUERY.fullmatch(query):
        raise bad_query(
            "The search may hold only letters, digits, spaces, hyphens (-) and underscores (_)."
        )
    return query


def project_filters(query: str) -> dict[str, str]:
    """The single-term CRM v1 filters, by stream name, for a sanitised query."""
    words = query.split()
    if not words:
        return {"all": "lifecycleState:ACTIVE"}
    return {"id": f"id:{words[0]}*", "name": f"name:{words[0]}*"}


def matches_query(project: dict[str, Any], query: str) -> bool:
    """Every word of the query in the project's id or name, in any case."""
    text = f"{project['project_id']} {project['name']}".lower()
    return all(word.lower() in text for word in query.split())


def encode_page_token(query: str, tokens: dict[str, str]) -> str | None:
    if not tokens:
        return None
    raw = json.dumps({"q": query, "t": tokens}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_page_token(value: str, query: str) -> dict[str, str]:
    """The streams still to page through and their Google tokens; ``bad_query`` otherwise."""
    forged = bad_query("The page token is not one this server handed out; search again.")
    try:
        data = json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (ValueError, binascii.Error, RecursionError):
        raise forged from None
    tokens = data.get("t") if isinstance(data, dict) else None
    streams = project_filters(query)
    if (
        data.get("q") != query
        or not isinstance(tokens, dict)
        or not tokens
        or not all(name in streams and isinstance(t, str) and t for name, t in tokens.items())
    ):
        raise forged
    return tokens


def page_size(value: str | None) -> int:
    if value in (None, ""):
        return DEFAULT_PAGE_SIZE
    try:
        size = int(value)
    except ValueError:
        raise bad_query("page_size must be a whole number.") from None
    if size < 1:
        raise bad_query("page_size must be at least 1.")
    return min(size, MAX_PAGE_SIZE)


def check_page_token(value: str | None) -> str | None:
    if not value:
        return None
    if len(value) > MAX_PAGE_TOKEN_CHARS or not _PAGE_TOKEN.fullmatch(value):
        raise bad_query("The page token is not one this server handed out; search again.")
    return value


def _forbidden(reason: str | None) -> GoogleCallError:
    if reason == "ACCESS_TOKEN_SCOPE_INSUFFICIENT":
        message = (
            "This sign-in does not include the Cloud Platform scope, so it cannot list "
            "projects. Sign in again with the Earth Engine or Cloud preset to list them."
        )
    else:
        message = "Google does not let this account list projects."
    return GoogleCallError(403, "projects_forbidden", message, TYPE_ID_HELP)


def _project(item: object) -> dict[str, Any] | None:
    if not isinstance(item, dict):
        return None
    project_id = item.get("projectId")
    if not isinstance(project_id, str) or not project_id or len(project_id) > 100:
        return None
    state = item.get("lifecycleState")
    if state not in (None, "ACTIVE"):
        return None
    name = item.get("name")
    number = item.get("projectNumber")
    return {
        "project_id": project_id,
        "name": name if isinstance(name, str) and name else project_id,
        "project_number": str(number) if isinstance(number, (str, int)) and number else None,
    }


def _crm_page(
    cache: AccessTokenCache,
    grant: Grant,
    crm_uri: str,
    deadline: Deadline,
    *,
    filter_text: str,
    page_token: str | None,
    size: int,
) -> tuple[list[dict[str, Any]], str | None, str | None]:
    """(projects, Google's next page token, account) of one single-term request."""
    params: dict[str, Any] = {"pageSize": size, "filter": filter_text}
    if page_token:
        params["pageToken"] = page_token
    reply, token = authorized_get(
        cache, grant, crm_uri.rstrip("/") + "/v1/projects", deadline, what=WHAT, params=params
    )
    if reply.status == 401:
        raise reauth_needed()
    if reply.status == 403:
        raise _forbidden(reply.error_reason())
    if reply.status == 400:
        raise stale_page() if page_token else search_refused()
    if reply.status != 200:
        raise server_trouble(WHAT, reply.status)
    data = reply.data
    items = data.get("projects", []) if isinstance(data, dict) else None
    next_token = data.get("nextPageToken") if isinstance(data, dict) else None
    if not isinstance(items, list) or (next_token is not None and not isinstance(next_token, str)):
        raise malformed(WHAT)
    projects = [p for p in (_project(item) for item in items) if p is not None]
    return projects, next_token or None, token.account


def list_projects(
    cache: AccessTokenCache,
    grant: Grant,
    crm_uri: str,
    deadline: Deadline,
    *,
    query: str = "",
    page_token: str | None = None,
    size: int = DEFAULT_PAGE_SIZE,
) -> dict[str, Any]:
    """One page: ``{"projects": [...], "next_page_token", "account"}``."""
    streams = project_filters(query)
    # The first page asks every stream; later pages only those Google said have more.
    pending = decode_page_token(page_token, query) if page_token else dict.fromkeys(streams)
    projects: list[dict[str, Any]] = []
    seen: set[str] = set()
    next_tokens: dict[str, str] = {}
    account = None
    for name, google_token in pending.items():
        found, next_token, account = _crm_page(
            cache,
            grant,
            crm_uri,
            deadline,
            filter_text=streams[name],
            page_token=google_token,
            size=size,
        )
        if next_token:
            next_tokens[name] = next_token
        for project in found:
            if project["project_id"] not in seen and matches_query(project, query):
                seen.add(project["project_id"])
                projects.append(project)
    return {
        "projects": projects,
        "next_page_token": encode_page_token(query, next_tokens),
        "account": account,
    }
