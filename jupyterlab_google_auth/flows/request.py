"""``POST flows``: the panel's request, checked field by field, with the defaults filled in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import scopes as scope_lib
from ..credentials.store import TARGETS
from ..environment.origin import Origin, OriginError, parse_origin
from ..profiles import naming
from .errors import flow_error

CLIENTS = ("earthengine", "custom")
MAX_MODE_CHARS = 40


@dataclass(frozen=True)
class StartRequest:
    mode: str
    preset: str | None  # None: the user's own scope list
    scopes: list[str]  # what Google is asked for: the preset or list, plus identity scopes
    required_scopes: list[str]  # what "already signed in" must cover
    client: str | None  # None: the mode's default
    targets: list[str]
    origin: Origin | None
    origin_text: str | None  # as sent, for messages ("null" and "" included)
    force: bool
    # Write the result into a new profile instead of the active identity (profiles/).
    add_profile: bool = False
    # With add_profile: the new profile's name (None: named after the account). Without it:
    # an existing profile the result goes into (a notebook bound to it signed in).
    profile_name: str | None = None


def _text(body: dict[str, Any], name: str, code: str) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise flow_error(code, f"{name} must be a string.")
    return value


def parse_start_request(
    body: dict[str, Any], default_preset: str = scope_lib.DEFAULT_PRESET
) -> StartRequest:
    mode = body.get("mode")
    if not isinstance(mode, str) or not mode or len(mode) > MAX_MODE_CHARS:
        raise flow_error("unknown_mode", "Say which sign-in mode to use (mode).")

    preset = _text(body, "preset", "unknown_preset")
    if "scopes" in body and body["scopes"] is not None:
        try:
            wanted = scope_lib.parse_scopes(body["scopes"])
        except scope_lib.ScopeError as exc:
            raise flow_error("bad_scopes", str(exc)) from None
        preset = None
    else:
        preset = preset or default_preset
        if preset not in scope_lib.PRESETS:
            shown = preset if len(preset) <= 40 else preset[:40] + "…"
            raise flow_error("unknown_preset", f"There is no scope preset named {shown!r}.")
        wanted = list(scope_lib.PRESETS[preset])

    client = _text(body, "client", "bad_client")
    if client is not None and client not in CLIENTS:
        raise flow_error("bad_client", 'client must be "earthengine" or "custom".')

    targets_value = body.get("targets")
    if targets_value is None:
        targets = ["earthengine", "adc"] if scope_lib.is_earthengine(wanted) else ["adc"]
    else:
        if (
            not isinstance(targets_value, list)
            or not targets_value
            or not all(isinstance(t, str) and t in TARGETS for t in targets_value)
        ):
            raise flow_error(
                "bad_targets", 'targets must be a non-empty list of "earthengine" and "adc".'
            )
        targets = list(dict.fromkeys(targets_value))

    origin_text = _text(body, "origin", "bad_origin")
    origin = None
    if origin_text and origin_text != "null":
        try:
            origin = parse_origin(origin_text)
        except OriginError as exc:
            raise flow_error("bad_origin", f"origin is not a browser origin: {exc}") from None

    force = body.get("force", False)
    if force is None:
        force = False
    if not isinstance(force, bool):
        raise flow_error("bad_request", "force must be true or false.")

    add_profile = body.get("add_profile", False)
    if add_profile is None:
        add_profile = False
    if not isinstance(add_profile, bool):
        raise flow_error("bad_request", "add_profile must be true or false.")
    profile_name = body.get("profile_name")
    if profile_name is not None:
        profile_name = naming.validate(profile_name)

    return StartRequest(
        mode=mode,
        preset=preset,
        scopes=scope_lib.with_identity(wanted),
        required_scopes=scope_lib.required(wanted),
        client=client,
        targets=targets,
        origin=origin,
        origin_text=origin_text,
        force=force,
        add_profile=add_profile,
        profile_name=profile_name,
    )
