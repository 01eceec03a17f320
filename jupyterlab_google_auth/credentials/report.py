"""The credential report behind ``GET <base_url>google-auth/credentials``.

For each source (EE file, ADC file, ``GOOGLE_APPLICATION_CREDENTIALS`` file, metadata server) it
says what is there, whether it works, what is wrong with it in plain words, and which source
``ee.Initialize()`` and ``google.auth.default()`` will pick. Every value in the response is copied
from an allow-list of non-secret fields, type-checked and length-capped; nothing is built by
deleting secrets from a copy, so a field we did not think of can never leak.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..clients import EE_CLIENT_ID, EE_CLIENT_SECRET
from ..text import short
from . import formats, issued
from .directories import directory_problem
from .ee_project import ee_project_problems as _ee_project_problems
from .problems import Problem, problem
from .reading import FileRead
from .source import Source, SourceName
from .store import CredentialStore

CheckFn = Callable[[Mapping[str, Any], str], Mapping[str, Any]]
KNOWN_TYPES = (
    "authorized_user",
    "service_account",
    "external_account",
    "impersonated_service_account",
)
_MAX_TEXT = 320
_MAX_SCOPES = 64


def _scopes(value: object) -> list[str] | None:
    """Scopes as a list (files hold a list; some tools write one space-separated string)."""
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, list):
        return None
    out = [s for s in (short(v, 200) for v in value[:_MAX_SCOPES]) if s]
    return out or None


def _project(value: object) -> str | None:
    """A project id or number, only when it has that shape."""
    try:
        return formats.validate_project_id(value)
    except ValueError:
        return None


def _empty(name: SourceName, path: Path | None) -> Source:
    return {
        "name": name,
        "present": False,
        "path": str(path) if path is not None else None,
        "type": None,
        "account": None,
        "client": None,
        "scopes": None,
        "project": None,
        "quota_project": None,
        "valid": None,
        "check_error": None,
        "problems": [],
        "issued": None,
    }


def _from_read(name: SourceName, found: FileRead) -> Source:
    src = _empty(name, found.path)
    src["present"] = found.present
    src["problems"] = list(found.problems)
    if found.present and found.data is None:
        src["type"] = "unknown"
    return src


def _missing_fields(path: Path, names: list[str], note: str = "") -> Problem:
    return problem(
        "missing_fields",
        f"{path} lacks {', '.join(names)}, so the libraries cannot use it. {note}"
        "Sign in again to rewrite it.".replace("  ", " "),
    )


def _describe_earthengine(found: FileRead) -> tuple[Source, dict[str, Any] | None]:
    """The EE file; returns the source and the refresh info for a check (kept internal)."""
    src = _from_read("earthengine", found)
    data = found.data
    if data is None:
        return src, None
    src["project"] = _project(data.get("project"))
    src["quota_project"] = src["project"]  # ee bills the file's project
    token = data.get("refresh_token")
    if not token:
        # A file with only a project is normal (`earthengine set_project`); ee then uses ADC.
        src["type"] = None
        return src, None
    src["type"] = "authorized_user"
    client_id = data.get("client_id", EE_CLIENT_ID)
    client_secret = data.get("client_secret", EE_CLIENT_SECRET)
    src["client"] = formats.client_kind(client_id)
    src["scopes"] = _scopes(data.get("scopes"))
    bad = [
        k
        for k, v in (
            ("refresh_token", token),
            ("client_id", client_id),
            ("client_secret", client_secret),
        )
        if not isinstance(v, str) or not v
    ]
    if bad:
        src["problems"].append(_missing_fields(found.path, bad))
        src["valid"] = False
        return src, None
    return src, {"refresh_token": token, "client_id": client_id, "client_secret": client_secret}


def _describe_adc_file(
    name: SourceName, found: FileRead, fallback_project: str | None
) -> tuple[Source, dict[str, Any] | None]:
    """An ADC-format file (the ADC file or the env-variable file)."""
    src = _from_read(name, found)
    data = found.data
    if data is None:
        return src, None
    kind = data.get("type")
    if kind not in KNOWN_TYPES:
        src["type"] = "unknown"
        label = f'type "{kind}"' if short(kind, 64) else "no recognised type"
        src["problems"].append(
            problem(
                "unsupported_type",
                f"{found.path} has {label}; this extension reads authorized_user, "
                f"service_account, external_account and impersonated_service_account files only.",
            )
        )
        return src, None
    src["type"] = kind
    src["quota_project"] = _project(data.get("quota_project_id"))
    if kind == "service_account":
        src["account"] = short(data.get("client_email"))
        src["project"] = _project(data.get("project_id"))
        try:
            formats.validate_service_account(data)
        except formats.InvalidServiceAccountKey as exc:
            # The messages are fixed sentences naming fields, never field values.
            code = "missing_fields" if exc.missing else "invalid_service_account"
            src["problems"].append(problem(code, f"{found.path}: {exc}"))
            src["valid"] = False
        return src, None
    if kind == "external_account":
        return src, None
    if kind == "impersonated_service_account":
        # Acting as the service account named in the URL (profiles/impersonation.py); the
        # user's own sign-in inside is not shown or checked here.
        url = data.get("service_account_impersonation_url")
        if isinstance(url, str) and ":generateAccessToken" in url:
            src["account"] = short(url[url.rfind("/") + 1 : url.find(":generateAccessToken")])
        src["scopes"] = _scopes(data.get("scopes"))
        return src, None
    # authorized_user
    src["account"] = short(data.get("account"))
    src["client"] = formats.client_kind(data.get("client_id"))
    src["scopes"] = _scopes(data.get("scopes"))
    src["project"] = fallback_project
    needed = ("refresh_token", "client_id", "client_secret")
    bad = [k for k in needed if not isinstance(data.get(k), str) or not data.get(k)]
    if bad:
        note = (
            "Node google-auth-library refuses an empty client_secret. "
            if "client_secret" in bad and "client_secret" in data
            else ""
        )
        src["problems"].append(_missing_fields(found.path, bad, note))
        src["valid"] = False
        return src, None
    if src["quota_project"] is None:
        src["problems"].append(
            problem(
                "no_quota_project",
                "No quota project is set, so Cloud APIs may answer 'quota exceeded' or "
                "'API not enabled'. Select a project to set it.",
            )
        )
    return src, {k: data[k] for k in needed}


def _gcloud_project(store: CredentialStore) -> str | None:
    """gcloud's ``core/project`` (what google.auth.default() returns as the project for ADC)."""
    path = store.paths.gcloud_configuration(store.env)
    try:
        if not path.is_file() or path.stat().st_size > 65536:
            return None
        parser = configparser.RawConfigParser(strict=False, interpolation=None)
        parser.read_string(path.read_text("utf-8", "replace"))
        return _project(parser.get("core", "project", fallback=None))
    except (OSError, configparser.Error, ValueError):
        return None


def _describe_metadata(metadata: Mapping[str, Any] | None) -> Source:
    src = _empty("metadata", None)
    if not isinstance(metadata, Mapping):
        return src
    src["present"] = True
    src["type"] = "service_account"
    src["account"] = short(metadata.get("email"))
    src["scopes"] = _scopes(metadata.get("scopes"))
    src["project"] = _project(metadata.get("project_id"))
    return src


def _google_auth_choice(
    store: CredentialStore, reads: Mapping[str, FileRead | None], metadata: bool
) -> SourceName | None:
    """google.auth.default(): env variable (failing if its file is bad), ADC file, metadata."""
    paths = store.paths
    if paths.env_credentials is not None:
        # google-auth hands this exact path to the ADC-file branch.
        if str(paths.env_credentials) == str(paths.adc):
            return "adc" if os.path.isfile(paths.adc) else None
        return "env"
    adc = reads["adc"]
    if adc is not None and adc.kind == "file":
        return "adc"
    return "metadata" if metadata else None


def _earthengine_choice(ee: FileRead, google_auth: SourceName | None) -> SourceName | None:
    """ee.Initialize(): the EE file when it has a refresh_token, else google.auth.default().

    ee only skips the file on an OSError (missing, directory, permission denied); a file it can
    open but not parse stops it, and a pipe makes it wait, so those count as "used".
    """
    if ee.kind == "other":
        return "earthengine"
    if ee.kind == "file":
        if not ee.readable:
            too_large = any(p["code"] == "too_large" for p in ee.problems)
            return "earthengine" if too_large else google_auth
        if ee.data is None or ee.data.get("refresh_token"):
            return "earthengine"
    return google_auth


def describe_sources(
    store: CredentialStore,
    *,
    token_uri: str,
    metadata: Mapping[str, Any] | None = None,
    check: CheckFn | None = None,
) -> dict[str, Any]:
    """Build the credential report. Never raises on file content.

    ``check(info, token_uri=...)`` refreshes user credentials (validity.check_refresh, or a
    partial of it) and is skipped when None; ``token_uri`` is passed by keyword so a partial
    that already binds it keeps working.
    """
    reads = store.read_sources()
    paths = store.paths
    ee_read = reads["earthengine"]
    adc_read = reads["adc"]
    assert ee_read is not None and adc_read is not None
    project_hint = _project(store.env.get("GOOGLE_CLOUD_PROJECT")) or _gcloud_project(store)

    ee_src, ee_info = _describe_earthengine(ee_read)
    adc_src, adc_info = _describe_adc_file("adc", adc_read, project_hint)
    env_read = reads["env"]
    if env_read is None:
        env_src, env_info = _empty("env", None), None
    else:
        env_src, env_info = _describe_adc_file(
            "env", env_read, _project(store.env.get("GOOGLE_CLOUD_PROJECT"))
        )
        if not env_read.present:
            env_src["problems"].append(
                problem(
                    "missing_file",
                    f"GOOGLE_APPLICATION_CREDENTIALS points to {env_read.path}, which does not "
                    f"exist, so google.auth.default() fails. Fix the path or unset the variable "
                    f"(in the kernel's environment and in the server's).",
                )
            )
    meta_src = _describe_metadata(metadata)
    sources: dict[SourceName, Source] = {
        "earthengine": ee_src,
        "adc": adc_src,
        "env": env_src,
        "metadata": meta_src,
    }

    for src, path in ((ee_src, paths.earthengine), (adc_src, paths.adc)):
        unsafe = directory_problem(path)
        if unsafe:  # sign-ins and project choices will be refused there: say so now
            src["problems"].append(problem("unsafe_directory", unsafe))

    for src, info, found in ((ee_src, ee_info, ee_read), (adc_src, adc_info, adc_read)):
        if info is not None:
            src["issued"] = issued.read_lifetime(found.path, info.get("refresh_token"))

    # The same refresh token in two files is one sign-in: share the account.
    if ee_info and adc_info and ee_info["refresh_token"] == adc_info["refresh_token"]:
        ee_src["account"] = ee_src["account"] or adc_src["account"]

    if check is not None:
        _apply_checks(
            check, token_uri, [(ee_src, ee_info), (adc_src, adc_info), (env_src, env_info)]
        )

    google_auth = _google_auth_choice(store, reads, meta_src["present"])
    earthengine = _earthengine_choice(ee_read, google_auth)
    client_ids = {
        name: info.get("client_id") if info else None
        for name, info in (("earthengine", ee_info), ("adc", adc_info), ("env", env_info))
    }
    ee_project, ee_project_from = _ee_project_problems(sources, earthengine, client_ids)
    ga_src = sources[google_auth] if google_auth else None
    return {
        "sources": [ee_src, adc_src, env_src, meta_src],
        "used_by": {"earthengine": earthengine, "google_auth": google_auth},
        "projects": {
            "earthengine": ee_project,
            # "client": nobody chose it; ee takes the number in the OAuth client's id.
            "earthengine_from": ee_project_from,
            "google_auth": (ga_src["quota_project"] or ga_src["project"]) if ga_src else None,
        },
        "paths": {"earthengine": str(paths.earthengine), "adc": str(paths.adc)},
    }


_CHECK_HELP = {
    "invalid_grant": "This sign-in has expired or was revoked (Google also ends the tokens of "
    "OAuth clients in testing mode after 7 days). Sign in again.",
    "invalid_client": "The OAuth client of this sign-in no longer exists or its secret changed. "
    "Sign in again with a current client.",
    "reauth_required": "Google asks you to sign in again: your organisation's administrator "
    "limits how long a Google sign-in lasts (a Workspace session-length policy), and this one "
    "has reached the limit. Sign in again; it will happen again when the period ends.",
}


def _apply_checks(
    check: CheckFn, token_uri: str, items: list[tuple[Source, dict[str, Any] | None]]
) -> None:
    for src, info in items:
        if info is None:
            continue
        try:
            result = check(info, token_uri=token_uri)
        except Exception:  # noqa: BLE001 - a failing check must not break the report
            src["check_error"] = "check_failed"
            continue
        valid = result.get("valid")
        src["valid"] = valid if isinstance(valid, bool) else None
        error = short(result.get("error"), 64)
        src["check_error"] = error
        src["account"] = src["account"] or short(result.get("account"))
        src["scopes"] = src["scopes"] or _scopes(result.get("scopes"))
        if valid is False:
            message = _CHECK_HELP.get(
                error or "", f"Google refused to refresh this credential ({error}). Sign in again."
            )
            src["problems"].append(problem(error or "refresh_failed", message))
