"""The shape of one credential source in the report (GET credentials), shared by the report
and the checks that describe a source (ee_project.py) without importing each other."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from .problems import Problem

SourceName = Literal["earthengine", "adc", "env", "metadata"]


class Source(TypedDict):
    """One credential source as the API reports it."""

    name: SourceName
    present: bool
    path: str | None
    type: str | None
    account: str | None
    client: str | None
    scopes: list[str] | None
    project: str | None
    quota_project: str | None
    valid: bool | None
    check_error: str | None
    problems: list[Problem]
    # When and how this extension issued the sign-in (credentials/issued.py), else None.
    issued: dict[str, Any] | None
