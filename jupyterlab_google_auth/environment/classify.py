"""Decide the environment class, the recommended sign-in mode and which modes can work.

A pure function of the facts (``facts.gather_facts`` plus ``facts["gcloud"]``, the
``GcloudInfo`` dict), the browser's parsed origin (or ``None``) and the metadata probe's answer.

Class, first match wins (docs/ARCHITECTURE.md):

1. ``colab-like``: the metadata server answered with ``Metadata-Flavor: Google``, or
   ``COLAB_RELEASE_TAG`` / ``VERTEX_PRODUCT`` is set, or ``CLOUD_SHELL`` is ``true``. Platform
   credentials beat the origin: a GCE VM reached through an SSH tunnel is colab-like, with
   loopback still offered; the origin is still named in the reasons.
2. ``local``: the browser's origin is a loopback address (``localhost``, ``127.0.0.0/8``,
   ``[::1]``), so the browser runs on this host or reaches it through a tunnel.
3. ``remote``: anything else, including an origin the browser did not send.

Modes (``available`` with ``reason`` set only when it is not):

* ``loopback``: only with a loopback origin, since Google redirects the browser to it.
* ``notebook`` (Earth Engine's Notebook Authenticator): always; it needs nothing from the host.
* ``paste-url``: only with a custom Desktop client (``custom_client_configured``); the reason
  says how to get one (upload a ``client_secret.json`` in the panel or ask the administrator).
* ``gcloud``: only when gcloud was found on the server host and reported its version.
* ``ambient``: only when the metadata server answered and named a default service account.
* ``service-account``: always (the user uploads a key).

Administrator policy: a mode named in ``turned_off`` (``policy.mode_refusal``) is unavailable
with the administrator's sentence as its reason and ``turned_off: true``, whatever the facts.

Recommended mode: the first *available* mode of the class's preference list. colab-like:
``ambient``, then ``loopback``, then ``notebook`` (Colab variables without a metadata answer
give no ambient identity); local: ``loopback``, then ``notebook``; remote: ``notebook``. When the
administrator turned all of those off, the first available sign-in mode, else ``None``.

A JupyterHub server (``JUPYTERHUB_API_URL``) says so in its reasons whatever the origin: a hub
reached on a loopback address is the hub's proxy on this machine, not "this machine".
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import names
from .metadata import MetadataFacts
from .origin import Origin

MODES = names.SOURCES
SIGN_IN_MODES = names.MODES

_PREFERENCES = {
    "colab-like": ("ambient", "loopback", "notebook"),
    "local": ("loopback", "notebook"),
    "remote": ("notebook",),
}


def _mode(reason: str | None) -> dict:
    return {"available": reason is None, "reason": reason}


def classify(
    facts: Mapping,
    origin: Origin | None,
    metadata: MetadataFacts | None,
    *,
    custom_client_configured: bool = False,
    origin_note: str | None = None,
    turned_off: Mapping[str, str] | None = None,
) -> dict:
    """Return ``{"class", "reasons", "recommended_mode", "modes"}``.

    ``reasons`` are plain sentences naming the facts behind the class. ``origin_note`` replaces
    the default sentence for a missing origin (the caller may know why it is missing).
    """
    reasons: list[str] = []
    platform: list[str] = []
    if metadata is not None:
        who = f" (default service account {metadata.email})" if metadata.email else ""
        platform.append(
            f"The GCE metadata server at {metadata.host} answered with "
            f"Metadata-Flavor: Google{who}, so this host has platform credentials."
        )
    if facts.get("colab_release_tag"):
        platform.append("COLAB_RELEASE_TAG is set, so this is a Colab runtime.")
    if facts.get("vertex_product"):
        platform.append(
            f"VERTEX_PRODUCT is set ({facts['vertex_product']}), so this is a Vertex AI runtime."
        )
    if facts.get("cloud_shell"):
        platform.append("CLOUD_SHELL is set, so this is Google Cloud Shell.")

    if origin is None:
        origin_sentence = origin_note or "The browser did not say its origin."
    elif origin.is_loopback and facts.get("jupyterhub"):
        origin_sentence = (
            f"The browser reaches this server at {origin.url}, a loopback address: the "
            "JupyterHub proxy on this machine."
        )
    elif origin.is_loopback:
        origin_sentence = (
            f"The browser reaches this server at {origin.url}, a loopback address "
            "(this machine or an SSH tunnel)."
        )
    else:
        origin_sentence = (
            f"The browser reaches this server at {origin.url}, which is not a loopback address."
        )

    hub = facts.get("jupyterhub")
    if hub:
        reasons.append(
            f"JUPYTERHUB_API_URL is set ({hub['api_url']}): this is a JupyterHub server."
        )
    if platform:
        env_class = "colab-like"
        reasons.extend(platform)
        reasons.append(origin_sentence)
    elif origin is not None and origin.is_loopback:
        env_class = "local"
        reasons.append(
            "No GCE metadata server answered and no Colab, Vertex AI or Cloud Shell variable "
            "is set."
        )
        reasons.append(origin_sentence)
    else:
        env_class = "remote"
        reasons.append(origin_sentence)
        reasons.extend(_remote_hints(facts))

    modes = {
        "loopback": _mode(_loopback_reason(origin)),
        "notebook": _mode(None),
        "paste-url": _mode(
            None
            if custom_client_configured
            else "No custom Desktop OAuth client is configured: upload a client_secret.json "
            "(Desktop app) or ask the administrator to set GoogleAuth.client_secrets_file."
        ),
        "gcloud": _mode(_gcloud_reason(facts.get("gcloud"))),
        "ambient": _mode(_ambient_reason(metadata)),
        "service-account": _mode(None),
    }
    for name, why in (turned_off or {}).items():
        if why and name in modes:
            modes[name] = {"available": False, "reason": why, "turned_off": True}
    available = [m for m in _PREFERENCES[env_class] + SIGN_IN_MODES if modes[m]["available"]]
    recommended = available[0] if available else None
    return {
        "class": env_class,
        "reasons": reasons,
        "recommended_mode": recommended,
        "modes": modes,
    }


def _remote_hints(facts: Mapping) -> list[str]:
    hints = []
    binder = facts.get("binder") or {}
    if binder.get("present"):
        hints.append(f"{binder['variables'][0]} is set: this is a Binder session.")
    if facts.get("codespaces"):
        hints.append("CODESPACES is set: this is a GitHub Codespace.")
    return hints


def _loopback_reason(origin: Origin | None) -> str | None:
    if origin is None:
        return (
            "The browser did not say its origin, so the server cannot build a loopback "
            "redirect for it."
        )
    if not origin.is_loopback:
        return (
            f"The browser reaches this server at {origin.host}, not a loopback address, "
            "so Google cannot redirect back to it."
        )
    return None


def _gcloud_reason(gcloud: Mapping | None) -> str | None:
    if not gcloud:
        return "gcloud is not installed on the server host"
    if gcloud.get("available"):
        return None
    return gcloud.get("reason") or "gcloud is not installed on the server host"


def _ambient_reason(metadata: MetadataFacts | None) -> str | None:
    if metadata is None:
        return "No GCE metadata server answered, so this host has no platform credentials to use."
    if not metadata.email:
        return (
            f"The metadata server at {metadata.host} answered but named no default service account."
        )
    return None
