"""Cloud projects: the model, per-account defaults, and CRM v1's filter and paging rules."""

import base64
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

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

    def as_json(self) -> dict:
        return {
            "projectNumber": self.number,
            "projectId": self.project_id,
            "lifecycleState": self.lifecycle_state,
            "name": self.name,
            "createTime": CREATE_TIME,
        }


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
    )


def generated_projects(account: str, count: int) -> list[Project]:
    local = account.split("@")[0]
    return [
        make_project({"projectId": f"{local}-project-{i:04d}", "name": f"{local} project {i}"})
        for i in range(1, count + 1)
    ]


def default_projects() -> dict[str, list[Project]]:
    return {
        "alice@example.com": [
            make_project({"projectId": "ee-alice", "name": "EE Alice"}),
            make_project({"projectId": "alice-sandbox-1", "name": "Alice Sandbox 1"}),
            make_project({"projectId": "alice-analytics", "name": "Alice Analytics"}),
        ],
        "bob@example.com": [make_project({"projectId": "bob-ee-project", "name": "Bob EE"})],
    }


_FILTER_FIELDS = {
    "id": "project_id",
    "projectid": "project_id",
    "name": "name",
    "lifecyclestate": "lifecycle_state",
    "projectnumber": "number",
}


# Tokens of a filter: parentheses, or a word that may hold "quoted parts" (name:"my app*").
_FILTER_TOKEN = re.compile(r'\(|\)|(?:[^\s()"]|"[^"]*")+')
Predicate = Callable[[Project], bool]


def _term(word: str) -> Predicate:
    match = re.fullmatch(r"([A-Za-z.]+)\s*[:=]\s*(.+)", word)
    if not match or match.group(1).lower() not in _FILTER_FIELDS:
        raise ValueError(f"unsupported filter term {word!r}")
    field_name = _FILTER_FIELDS[match.group(1).lower()]
    value = match.group(2).replace('"', "")
    rx = re.compile(".*".join(re.escape(part) for part in value.split("*")), re.I)
    return lambda p: rx.fullmatch(getattr(p, field_name)) is not None


def parse_filter(text: str) -> Predicate:
    """CRM's search syntax: `key:value` terms with `*` wildcards, any case, joined by AND
    (also implied by a space) and OR, grouped with parentheses (OR binds tighter than a space,
    as in `lifecycleState:ACTIVE (id:*q* OR name:*q*)`).

    ValueError for what CRM would answer INVALID_ARGUMENT to.
    """
    tokens = _FILTER_TOKEN.findall(text)
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def primary() -> Predicate:
        token = peek()
        if token is None or token == ")" or token.upper() in ("AND", "OR"):
            raise ValueError(f"unexpected {token!r} in filter")
        take()
        if token == "(":
            inner = conjunction()
            if peek() != ")":
                raise ValueError("unbalanced parentheses in filter")
            take()
            return inner
        return _term(token)

    def disjunction() -> Predicate:
        parts = [primary()]
        while peek() is not None and peek().upper() == "OR":
            take()
            parts.append(primary())
        return parts[0] if len(parts) == 1 else lambda p: any(f(p) for f in parts)

    def conjunction() -> Predicate:
        parts: list[Predicate] = []
        while peek() is not None and peek() != ")":
            if peek().upper() == "AND" and parts:
                take()
            parts.append(disjunction())
        return lambda p: all(f(p) for f in parts)

    predicate = conjunction()
    if pos != len(tokens):
        raise ValueError("unbalanced parentheses in filter")
    return predicate


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
