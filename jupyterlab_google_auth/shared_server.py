"""A JupyterHub server shared with other hub users (JupyterHub's sharing).

Whoever opens a shared server signs in *into its owner's home*: the credential files land
where the owner's kernels read them. So a visitor is told so before signing in, and is not
shown the owner's Google account unless the visitor signed in on this server themselves.
The owner is ``JUPYTERHUB_USER``, set by the hub's spawner; the requester is the Jupyter user
the hub's identity provider names.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import Any


def owner(env: Mapping[str, str] | None = None) -> str | None:
    return (os.environ if env is None else env).get("JUPYTERHUB_USER") or None


def visitor(username: str | None, env: Mapping[str, str] | None = None) -> str | None:
    """The server's owner when ``username`` is someone else (a visitor), else None."""
    who = owner(env)
    if who and username and username != who:
        return who
    return None


def describe(username: str | None, env: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """For GET environment: None on a server of one's own; else the visitor's warning."""
    who = visitor(username, env)
    if who is None:
        return None
    return {
        "owner": who,
        "visitor": username,
        "warning": (
            f"This server belongs to {who}. If you sign in here, your Google credentials are "
            f"written into {who}'s home, where {who}'s notebooks (and anyone they share this "
            "server with) can use them."
        ),
    }


def hide_accounts(report: dict[str, Any], signed_in_here: Iterable[str]) -> dict[str, Any]:
    """Blank the accounts of a credential report the visitor did not put there themselves."""
    accounts = set(signed_in_here)
    for source in report.get("sources", []):
        account = source.get("account")
        if account and account not in accounts:
            source["account"] = None
            source["hidden"] = "The account is hidden: these are the server owner's credentials."
    return report


def owners_credentials_refusal(username: str | None, what: str) -> str | None:
    """Why a visitor may not ``what`` (export, sign out, revoke): the credentials are the
    owner's. None on a server of one's own."""
    who = visitor(username)
    if who is None:
        return None
    return (
        f"The credentials on this server are {who}'s: a visitor cannot {what}. Ask {who} to do "
        "it, or use a server of your own."
    )
