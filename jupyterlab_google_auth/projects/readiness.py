"""What this server last learned about a project's readiness, so every view can say it.

The selector asks Earth Engine about the projects it shows, and choosing a project asks again
and checks the quota permission (``PUT project``). Those answers are remembered here, per
Jupyter user, credentials (the digest of the grant that asked: another account's answer is not
this one's) and project, so the credentials report can carry the readiness of the project ee
will use without calling Google on the report's path. Only what Google actually answered is
kept ("unknown" is not knowledge); memory only, bounded, forgotten on restart.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

MAX_REMEMBERED = 512


class ReadinessMemory:
    def __init__(self) -> None:
        self._known: OrderedDict[tuple[str, str, str], dict[str, Any]] = OrderedDict()

    def _entry(self, who: tuple[str, str], project: str) -> dict[str, Any]:
        key = (*who, project)
        entry = self._known.pop(key, None) or {"earthengine": None, "quota": None}
        self._known[key] = entry  # newest last
        while len(self._known) > MAX_REMEMBERED:
            self._known.popitem(last=False)
        return entry

    def earthengine(self, who: tuple[str, str], project: str, answer: dict[str, Any]) -> None:
        """Earth Engine's answer (projects/earthengine.py), unless it learned nothing.
        ``who`` is (Jupyter user key, grant digest)."""
        if answer.get("state") not in (None, "unknown"):
            entry = self._entry(who, project)
            entry["earthengine"] = {k: answer.get(k) for k in ("state", "action_url", "note")}

    def quota(self, who: tuple[str, str], project: str, problem: dict[str, Any] | None) -> None:
        """The quota check of a choice: None when the quota project was set, else why not."""
        if problem is not None and problem.get("code") == "quota_unchecked":
            return  # Google was not asked: nothing learned
        entry = self._entry(who, project)
        entry["quota"] = (
            None if problem is None else {k: problem.get(k) for k in ("code", "message", "help")}
        )

    def of(self, who: tuple[str, str] | None, project: str | None) -> dict[str, Any] | None:
        """``{project, earthengine, quota}`` for the report, or None when nothing is known."""
        if not project or who is None:
            return None
        entry = self._known.get((*who, project))
        if entry is None:
            return None
        return {"project": project, **entry}
