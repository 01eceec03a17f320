"""The administrator's secret-store policy, as kernels can read it.

``GoogleAuth.allow_secrets`` and ``allowed_secret_names`` live in the server's configuration, but a
kernel reads the store file itself (``userdata``). Without this file a kernel granted access while
the store was on could still read a value after the administrator turned the store off. The
server writes the policy next to the store (0600, atomically) when it loads and whenever one of
the two traits changes; ``userdata`` and the kernel variables obey it. No file means no policy
(the store's default: on, any name; a server with that policy writes none). Several servers of
one user share the last one written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..credentials.atomic import atomic_write_json, read_regular
from ..credentials.unsafe import UnsafeTargetError
from .store import store_path

FILE_NAME = "secrets-policy.json"
MAX_BYTES = 64 * 1024
TURNED_OFF = (
    "The administrator turned off the secret store (GoogleAuth.allow_secrets), so no notebook "
    "may read {name}. Ask them, or set the key in the notebook's environment yourself."
)
NOT_OFFERED = (
    "The administrator allows only {names} in the secret store "
    "(GoogleAuth.allowed_secret_names), so no notebook may read {name}."
)


def policy_path(store: Path | None = None) -> Path:
    return (store if store is not None else store_path()).parent / FILE_NAME


def publish(allow: bool, names: list[str], store: Path | None = None) -> None:
    """Write the policy kernels obey (the server, at load and on a change). The default (on,
    any name) is no file: a server that restricts nothing writes nothing into the home."""
    path = policy_path(store)
    if allow and not names:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        return
    atomic_write_json(
        path, {"allow_secrets": bool(allow), "allowed_names": list(names)}, backup=False
    )


def _read(store: Path | None) -> dict[str, Any]:
    try:
        data = json.loads(read_regular(policy_path(store), MAX_BYTES).decode("utf-8"))
    except FileNotFoundError:
        return {"allow_secrets": True, "allowed_names": []}
    except (OSError, UnsafeTargetError, UnicodeDecodeError, ValueError):
        # Present but not ours (a link, garbage): fail closed, the message says why.
        return {"allow_secrets": False, "allowed_names": []}
    if not isinstance(data, dict):
        return {"allow_secrets": False, "allowed_names": []}
    names = data.get("allowed_names")
    names = names if isinstance(names, list) else []
    return {
        "allow_secrets": data.get("allow_secrets") is True,
        "allowed_names": [n for n in names if isinstance(n, str)],
    }


def refusal(name: str, store: Path | None = None) -> str | None:
    """Why a kernel may not read ``name`` now, or None."""
    policy = _read(store)
    if not policy["allow_secrets"]:
        return TURNED_OFF.format(name=name)
    allowed = policy["allowed_names"]
    if allowed and name not in allowed:
        return NOT_OFFERED.format(names=", ".join(allowed), name=name)
    return None


def follow(settings: Any, log: Any) -> None:
    """Publish ``settings``' policy now and after every change of its two traits (server)."""

    def write(_change: Any = None) -> None:
        try:
            publish(settings.allow_secrets, list(settings.allowed_secret_names))
        except (OSError, UnsafeTargetError) as exc:
            log.warning("google-auth: kernels cannot see the secret-store policy: %s", exc)

    write()
    settings.observe(write, names=["allow_secrets", "allowed_secret_names"])
