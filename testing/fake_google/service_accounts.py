"""Service accounts others may act as (IAM Credentials, iam_credentials.py): a leaf the
fake's state holds without importing the handlers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ServiceAccount:
    email: str
    # Principals (users or service accounts) holding roles/iam.serviceAccountTokenCreator on it.
    token_creators: set[str] = field(default_factory=set)


def parse_service_account(spec: object) -> ServiceAccount:
    if not isinstance(spec, dict) or not isinstance(spec.get("email"), str):
        raise ValueError("a service account needs an email")
    creators = spec.get("token_creators", [])
    if not isinstance(creators, list) or not all(isinstance(c, str) for c in creators):
        raise ValueError("token_creators must be a list of e-mail addresses")
    return ServiceAccount(spec["email"], set(creators))
