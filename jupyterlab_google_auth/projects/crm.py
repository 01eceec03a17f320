"""Project listing and search through Cloud Resource Manager v1 (``GET /v1/projects``).

Search uses CRM's own filter so a user with thousands of projects gets one small page at a
time: ACTIVE projects only, and every word of the query must appear in the project id or name
(``lifecycleState:ACTIVE (id:*alice* OR name:*alice*)``; CRM filters ignore case). The query is
limited to letters, digits, space, ``_`` and ``-`` so nothing typed can change the filter's
structure.
"""

from __future__ import annotations

import re
from typing import Any

from .access import AccessTokenCache, Grant, authorized_get
from .errors import GoogleCallError, reauth_needed
from .http import Deadline, malformed, server_trouble

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
MAX_QUERY_CHARS = 64
MAX_PAGE_TOKEN_CHARS = 2048
_QUERY = re.compile(r"^[A-Za-z0-9 _-]*$")
_PAGE_TOKEN = re.compile(r"^[A-Za-z0-9_\-=.~+/]*$")
WHAT = "Cloud Resource Manager"
TYPE_ID_HELP = "Type the project id instead (you can still use a project you cannot list)."


def bad_query(message: str) -> GoogleCallError:
    return GoogleCallError(400, "bad_query", message, "Search with letters, digits, - or _.")


def sanitise_query(query: str | None) -> str:
    """The query trimmed; ``bad_query`` when it is too long or has other characters."""
    query = (query or "").strip()
    if len(query) > MAX_QUERY_CHARS:
        raise bad_query(f"The search is longer than {MAX_QUERY_CHARS} characters.")
    if not _QUERY.match(query):
        raise bad_query(
            "The search may hold only letters, digits, spaces, hyphens (-) and underscores (_)."
        )
    return query


def project_filter(query: str) -> str:
    """The CRM v1 filter for a sanitised query."""
    terms = ["lifecycleState:ACTIVE"]
    terms += [f"(id:*{word}* OR name:*{word}*)" for word in query.split()]
    return " ".join(terms)


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
    if len(value) > MAX_PAGE_TOKEN_CHARS or not _PAGE_TOKEN.match(value):
        raise bad_query("The page token is not one Google handed out; search again.")
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
    params: dict[str, Any] = {"pageSize": size, "filter": project_filter(query)}
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
        raise bad_query("Google refused this search or page token; search again.")
    if reply.status != 200:
        raise server_trouble(WHAT, reply.status)
    data = reply.data
    items = data.get("projects", []) if isinstance(data, dict) else None
    next_token = data.get("nextPageToken") if isinstance(data, dict) else None
    if not isinstance(items, list) or (next_token is not None and not isinstance(next_token, str)):
        raise malformed(WHAT)
    projects = [p for p in (_project(item) for item in items) if p is not None]
    return {
        "projects": projects,
        "next_page_token": next_token or None,
        "account": token.account,
    }
