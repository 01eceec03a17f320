"""Administrator policy: which sign-in modes, scope presets and features this server offers.

One place answers "may the user do this here?" for every route and for the environment report,
from the ``GoogleAuth`` traits (``allowed_modes``, ``allowed_presets``, ``allow_custom_scopes``,
``default_preset``, ``allow_service_account_keys``, ``allow_gcloud``, ``allow_token_export``,
``allow_secrets``, ``allowed_secret_names``, ``allow_profiles``, ``allow_impersonation``,
``allow_notebook_binding``).
A refusal is a sentence the panel shows as it is; the API answers it with 403.
"""

from __future__ import annotations

from typing import Any

from .config import GoogleAuth
from .names import SOURCES

POLICY_MODES = SOURCES
TURNED_OFF = "Turned off by your administrator"


def mode_refusal(settings: GoogleAuth, mode: str) -> str | None:
    """Why the administrator does not offer ``mode``, or None when it is allowed."""
    if settings.allowed_modes and mode not in settings.allowed_modes:
        return f"{TURNED_OFF} (GoogleAuth.allowed_modes)."
    if mode == "gcloud" and not settings.allow_gcloud:
        return f"{TURNED_OFF} (GoogleAuth.allow_gcloud)."
    if mode == "service-account" and not settings.allow_service_account_keys:
        return f"{TURNED_OFF} (GoogleAuth.allow_service_account_keys)."
    return None


def preset_refusal(settings: GoogleAuth, preset: str | None) -> str | None:
    """Why a preset (or, for None, a scope list of the user's own) is not offered."""
    if preset is None:
        if not settings.allow_custom_scopes:
            return (
                f"{TURNED_OFF}: choose one of the scope presets (GoogleAuth.allow_custom_scopes)."
            )
        return None
    if settings.allowed_presets and preset not in settings.allowed_presets:
        offered = ", ".join(settings.allowed_presets)
        return f"{TURNED_OFF}: the {preset} preset is not offered here; use {offered}."
    return None


# Sign-in modes that can use a custom Desktop client (notebook and gcloud bring their own).
CUSTOM_CLIENT_MODES = ("loopback", "paste-url")


def custom_client_refusal(settings: GoogleAuth) -> str | None:
    """Why a custom client (upload, or an imported grant of one) is of no use here."""
    if settings.allowed_modes and not set(CUSTOM_CLIENT_MODES) & set(settings.allowed_modes):
        return (
            f"{TURNED_OFF}: no sign-in mode offered here uses a custom OAuth client "
            "(GoogleAuth.allowed_modes)."
        )
    return None


def scopes_refusal(settings: GoogleAuth, scopes: list[str]) -> str | None:
    """Why credentials holding ``scopes`` may not be accepted here (a grant that did not come
    through the panel: an import). Identity scopes never count."""
    from .scopes import IDENTITY_SCOPES, PRESETS, normalize

    wanted = {normalize(s) for s in scopes} - set(IDENTITY_SCOPES)
    if settings.allow_custom_scopes and not settings.allowed_presets:
        return None
    offered = [p for p in PRESETS if preset_refusal(settings, p) is None]
    if any(wanted <= set(PRESETS[p]) for p in offered):
        return None
    if settings.allow_custom_scopes:
        return None
    return (
        f"{TURNED_OFF}: these credentials hold scopes beyond the presets offered here "
        f"({', '.join(offered) or 'none'}; GoogleAuth.allowed_presets, "
        "GoogleAuth.allow_custom_scopes)."
    )


def import_refusal(settings: GoogleAuth, client_kind: str | None) -> str | None:
    """Why an import is refused before anything is asked of Google."""
    if not settings.allow_token_import:
        return f"{TURNED_OFF} (GoogleAuth.allow_token_import)."
    if client_kind == "custom":
        return custom_client_refusal(settings)
    return None


def export_refusal(settings: GoogleAuth) -> str | None:
    if not settings.allow_token_export:
        return f"{TURNED_OFF} (GoogleAuth.allow_token_export)."
    return None


def secrets_refusal(settings: GoogleAuth, name: str | None = None) -> str | None:
    """Why the secret store (or, with ``name``, that secret) is not offered here."""
    if not settings.allow_secrets:
        return f"{TURNED_OFF}: the secret store (GoogleAuth.allow_secrets)."
    if name is not None and settings.allowed_secret_names:
        if name not in settings.allowed_secret_names:
            offered = ", ".join(settings.allowed_secret_names)
            return (
                f"{TURNED_OFF}: {name} may not be stored here; use {offered} "
                "(GoogleAuth.allowed_secret_names)."
            )
    return None


def profiles_refusal(settings: GoogleAuth) -> str | None:
    """Why several named profiles are not offered here."""
    if not settings.allow_profiles:
        return f"{TURNED_OFF} (GoogleAuth.allow_profiles)."
    return None


def impersonation_refusal(settings: GoogleAuth) -> str | None:
    """Why acting as a service account is not offered here (it needs profiles too)."""
    if not settings.allow_impersonation:
        return f"{TURNED_OFF} (GoogleAuth.allow_impersonation)."
    return profiles_refusal(settings)


def binding_refusal(settings: GoogleAuth) -> str | None:
    """Why a notebook may not use a profile other than the active one here."""
    if not settings.allow_notebook_binding:
        return f"{TURNED_OFF} (GoogleAuth.allow_notebook_binding)."
    return profiles_refusal(settings)


def kernel_variables(settings: GoogleAuth) -> dict[str, str]:
    """What kernels must know of the policy, as environment variables every kernel this server
    starts gets (secrets/kernel_env.py): binding turned off carries its refusal, which
    ``use_profile`` raises in the kernel."""
    from .kernel.follow import BINDING_OFF_VARIABLE

    refusal = binding_refusal(settings)
    return {BINDING_OFF_VARIABLE: refusal} if refusal else {}


def default_preset(settings: GoogleAuth) -> str:
    """The administrator's default, unless it is itself not offered (then the first offered)."""
    if preset_refusal(settings, settings.default_preset) and settings.allowed_presets:
        return settings.allowed_presets[0]
    return settings.default_preset


def summary(settings: GoogleAuth) -> dict[str, Any]:
    """What the panel needs to show the choices the administrator left (no secrets)."""
    from .scopes import PRESETS

    return {
        "presets": [p for p in PRESETS if preset_refusal(settings, p) is None],
        "default_preset": default_preset(settings),
        "allow_custom_scopes": settings.allow_custom_scopes,
        "allow_service_account_keys": settings.allow_service_account_keys,
        "allow_token_export": settings.allow_token_export,
        "allow_token_import": settings.allow_token_import,
        "allow_secrets": settings.allow_secrets,
        "allowed_secret_names": list(settings.allowed_secret_names),
        "allow_profiles": profiles_refusal(settings) is None,
        "allow_impersonation": impersonation_refusal(settings) is None,
        "allow_notebook_binding": binding_refusal(settings) is None,
        "max_profiles": settings.max_profiles,
    }
