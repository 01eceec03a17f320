"""Cloud projects: the model, per-account defaults, and CRM v1's filter and paging rules."""

import base64
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

CREATE_TIME = "2023-04-01T12:00:00.000Z"


def project_number(project_id: str) -> str:
    # Stable across runs so tests can hard-code numbers if they want.
    digest = int(hashlib.sha256(project_id.encode()).hexdigest(), 16)
    return str(100_000_000_000 + digest % 900_000_000_000)


@dataclass
class Project:
    project_id: str
    name: str
    number: str
    lifecycle_state: str = "ACTIVE"
    labels: dict[str, str] = field(default_factory=dict)
    parent: dict[str, str] | None = None
    # Registered for Earth Engine (https://code.earthengine.google.com/register); whether its
    # API is enabled is Service Usage's business (State.services).
    ee_registered: bool = False
    # Accounts that may use Earth Engine here, and that hold serviceusage.services.use here
    # (None: every account that can see the project).
    ee_users: list[str] | None = None
    service_users: list[str] | None = None

    def allows(self, who: list[str] | None, account: str) -> bool:
        return who is None or account in who

    def as_json(self) -> dict:
        body = {
            "projectNumber": self.number,
            "projectId": self.project_id,
            "lifecycleState": self.lifecycle_state,
            "name": self.name,
            "createTime": CREATE_TIME,
        }
        if self.labels:
            body["labels"] = dict(self.labels)
        if self.parent:
            body["parent"] = dict(self.parent)
        return body


def make_project(spec: str | dict) -> Project:
    if isinstance(spec, str):
        spec = {"projectId": spec}
    if not isinstance(spec, dict) or not spec.get("projectId"):
        raise ValueError("a project needs a projectId")
    pid = str(spec["projectId"])
    return Project(
        project_id=pid,
        name=str(spec.get("name", pid)),
        number=str(spec.get("projectNumber", project_number(pid))),
        lifecycle_state=str(spec.get("lifecycleState", "ACTIVE")),
        labels={str(k): str(v) for k, v in (spec.get("labels") or {}).items()},
        parent=spec.get("parent"),
        ee_registered=bool(spec.get("eeRegistered", False)),
        ee_users=_accounts(spec.get("eeUsers")),
        service_users=_accounts(spec.get("serviceUsers")),
    )


def _accounts(value: object) -> list[str] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError("eeUsers / serviceUsers must be lists of e-mail addresses")
    return list(value)


def generated_projects(account: str, count: int) -> list[Project]:
    local = account.split("@")[0]
    return [
        make_project({"projectId": f"{local}-project-{i:04d}", "name": f"{local} project {i}"})
        for i in range(1, count + 1)
    ]


def default_projects() -> dict[str, list[Project]]:
    return {
        "alice@example.com": [
            # One project per Earth Engine readiness state (State.services enables the API):
            # ready; API disabled (two: sandbox is registered, so enabling it makes it ready);
            # enabled but not registered; no permission (shared with alice, who may neither
            # use Earth Engine nor bill quota there).
            make_project({"projectId": "ee-alice", "name": "EE Alice", "eeRegistered": True}),
            make_project(
                {"projectId": "alice-sandbox-1", "name": "Alice Sandbox 1", "eeRegistered": True}
            ),
            make_project({"projectId": "alice-analytics", "name": "Alice Analytics"}),
            make_project({"projectId": "alice-unregistered", "name": "Alice Unregistered"}),
            make_project(
                {
                    "projectId": "team-shared-data",
                    "name": "Team Shared Data",
                    "eeRegistered": True,
                    "eeUsers": [],
                    "serviceUsers": [],
                }
            ),
        ],
        "bob@example.com": [
            make_project({"projectId": "bob-ee-project", "name": "Bob EE", "eeRegistered": True})
        ],
    }


# The fields CRM v1 documents for `projects.list` filters (matched in any case). `labels.<key>`
# and `parent.type` / `parent.id` are documented too and handled below.
_FILTER_FIELDS = {"id": "project_id", "name": "name", "lifecyclestate": "lifecycle_state"}
_PARENT_FIELDS = {"parent.type", "parent.id"}
# One documented term: field, a colon, and a value that may end (only end) in `*`. A value
# may be quoted ("My App*") to hold spaces.
_TERM = re.compile(r'([A-Za-z][A-Za-z0-9_.]*):(?:"([^"*]*\*?)"|([^\s"():*]*\*?))')
Predicate = Callable[[Project], bool]


def parse_filter(text: str) -> Predicate:
    """CRM v1's documented filter syntax, and nothing more: ONE `field:value` term (any case),
    the value optionally ending in `*` for a prefix (`*` alone: the field is set).

    CRM's pages document no OR, no parentheses and no leading `*`, and disagree on how several
    terms combine, so the fake refuses all of those (ValueError: CRM's INVALID_ARGUMENT) rather
    than guess: a client relying on them would break on the real service.
    """
    text = text.strip()
    if not text:
        return lambda p: True
    match = _TERM.fullmatch(text)
    if match is None:
        raise ValueError(f"unsupported filter {text!r}: one field:value term only")
    field_name = match.group(1).lower()
    value = match.group(2) if match.group(2) is not None else match.group(3)
    if not value:
        raise ValueError("a filter term needs a value")
    if field_name in _FILTER_FIELDS:
        attribute = _FILTER_FIELDS[field_name]

        def read(p: Project) -> str | None:
            return getattr(p, attribute)

    elif field_name.startswith("labels.") and len(field_name) > len("labels."):
        key = field_name[len("labels.") :]

        def read(p: Project) -> str | None:
            return p.labels.get(key)

    elif field_name in _PARENT_FIELDS:
        key = field_name.split(".")[1]

        def read(p: Project) -> str | None:
            return (p.parent or {}).get(key)

    else:
        raise ValueError(f"unknown filter field {match.group(1)!r}")
    prefix = value.endswith("*")
    needle = value.rstrip("*").lower()

    def matches(p: Project) -> bool:
        found = read(p)
        if found is None:
            return False
        found = found.lower()
        return found.startswith(needle) if prefix else found == needle

    return matches


def filter_projects(projects: list[Project], text: str) -> list[Project]:
    matches = parse_filter(text)
    return sorted((p for p in projects if matches(p)), key=lambda p: p.project_id)


def encode_page_token(offset: int, filter_text: str) -> str:
    raw = json.dumps({"o": offset, "f": filter_text}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_page_token(token: str, filter_text: str) -> int:
    """Offset the token stands for; ValueError if it is forged or from another query."""
    if not token:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        offset = int(data["o"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError("bad page token") from exc
    if data.get("f") != filter_text or offset < 0:
        raise ValueError("page token from another query")
    return offset
