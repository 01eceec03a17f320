"""Calls to Google made with the stored credentials: access tokens, Cloud Resource Manager
(project listing), Service Usage (is an API enabled?) and token revocation (sign-out), plus the
short list of recently chosen projects.

Synchronous on purpose (``requests``, bounded by a deadline): the route handlers run these
functions in an executor so the server's event loop never waits on Google. Every function raises
:class:`~.errors.GoogleCallError` with a stable code and plain words; nothing raised or returned
carries a token or a secret.

Files: ``errors.py`` (the error codes), ``http.py`` (bounded JSON requests), ``access.py``
(which credentials, access token, in-memory cache), ``crm.py`` (project listing and search),
``services.py`` (Service Usage), ``revoke.py`` (revocation at sign-out), ``recent.py`` (recent
projects file), ``offloop.py`` (executor with a time limit).
"""

from .access import AccessTokenCache, Grant, find_grant
from .crm import MAX_PAGE_SIZE, list_projects, project_filters, sanitise_query
from .errors import GoogleCallError
from .offloop import call_off_loop
from .recent import RecentProjects
from .revoke import revoke_tokens, stored_refresh_tokens
from .services import SERVICES, service_states

__all__ = [
    "MAX_PAGE_SIZE",
    "SERVICES",
    "AccessTokenCache",
    "GoogleCallError",
    "Grant",
    "call_off_loop",
    "RecentProjects",
    "find_grant",
    "list_projects",
    "project_filters",
    "revoke_tokens",
    "sanitise_query",
    "service_states",
    "stored_refresh_tokens",
]
