"""Environment detection for ``GET <base_url>google-auth/environment?origin=...``.

:func:`describe_environment` is the one entry point for the route handler. Nothing runs at
import time or at server start-up: the first call probes the metadata server (bounded, cached
for 5 minutes) and looks for gcloud on the file system, without running it: no answer waits
for gcloud unless ``refresh`` asks to check it again (gcloud.py). Later calls answer from the
caches.
The probes are asyncio-native and the file-system facts are gathered in a worker thread, so the
server's event loop is never blocked.

Files: ``origin.py`` (browser origin parsing), ``metadata.py`` (GCE metadata probe),
``gcloud.py`` (gcloud lookup and version), ``facts.py`` (environment variables and config
directories), ``classify.py`` (class, modes, recommendation), ``cache.py`` (TTL cache with one
in-flight call).
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Mapping

from .. import policy
from ..config import GoogleAuth
from .classify import MODES, classify
from .facts import gather_facts
from .gcloud import DEFAULT_TIMEOUT as GCLOUD_TIMEOUT
from .gcloud import GcloudInfo, GcloudProbe, detect_gcloud
from .metadata import MetadataFacts, MetadataProbe, probe_metadata, split_host_port
from .origin import Origin, OriginError, parse_origin

__all__ = [
    "MODES",
    "GcloudInfo",
    "GcloudProbe",
    "MetadataFacts",
    "MetadataProbe",
    "Origin",
    "OriginError",
    "classify",
    "describe_environment",
    "metadata_identity",
    "detect_gcloud",
    "gather_facts",
    "parse_origin",
    "probe_metadata",
]

# Process-wide caches; creating them does no I/O.
METADATA_PROBE = MetadataProbe()
GCLOUD_PROBE = GcloudProbe()


async def describe_environment(
    settings: GoogleAuth,
    origin: str | None,
    env: Mapping[str, str] | None = None,
    *,
    custom_client_configured: bool | None = None,
    refresh: bool = False,
    metadata_probe: MetadataProbe | None = None,
    gcloud_probe: GcloudProbe | None = None,
    gcloud_timeout: float = GCLOUD_TIMEOUT,
) -> dict:
    """Facts, class, recommended mode and per-mode availability, as JSON-serialisable data.

    ``origin`` is the browser's ``window.location.origin``. ``None``, ``""`` and the opaque
    origin ``"null"`` mean "unknown" (classified remote, loopback unavailable); any other value
    that is not a valid origin raises :class:`OriginError` (a ``ValueError``), which the route
    should answer with 400. ``env`` defaults to ``os.environ``; the metadata server's location
    comes from ``settings`` (``metadata_host`` defaults to ``$GCE_METADATA_HOST``).
    ``custom_client_configured`` defaults to whether ``settings.client_secrets_file`` is set;
    the route passes ``True`` when the user has uploaded a client. ``refresh`` re-probes.
    Nothing returned is a secret: paths, names, an e-mail address, scopes, a version.
    """
    started = time.perf_counter()
    parsed: Origin | None = None
    origin_note = None
    if origin == "null":
        origin_note = 'The browser\'s origin is opaque ("null"), so it did not say its origin.'
    elif origin:
        parsed = parse_origin(origin)
    env = os.environ if env is None else env
    if custom_client_configured is None:
        custom_client_configured = bool(settings.client_secrets_file)

    metadata_probe = metadata_probe or METADATA_PROBE
    gcloud_probe = gcloud_probe or GCLOUD_PROBE
    metadata, gcloud, facts = await asyncio.gather(
        metadata_probe.get(
            settings.metadata_host,
            settings.metadata_ip,
            settings.metadata_timeout,
            refresh=refresh,
        ),
        gcloud_probe.get(settings.gcloud_path, env, gcloud_timeout, refresh=refresh),
        asyncio.to_thread(gather_facts, env),
    )

    facts["gcloud"] = gcloud.to_dict()
    facts["metadata"] = _metadata_dict(metadata, settings)
    result = classify(
        facts,
        parsed,
        metadata,
        custom_client_configured=custom_client_configured,
        origin_note=origin_note,
        turned_off={m: policy.mode_refusal(settings, m) for m in MODES},
    )
    result["policy"] = policy.summary(settings)
    result["facts"] = facts
    result["origin"] = parsed.to_dict() if parsed else None
    result["probe_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


async def metadata_identity(
    settings: GoogleAuth,
    *,
    refresh: bool = False,
    metadata_probe: MetadataProbe | None = None,
) -> dict | None:
    """The metadata server's default service account, for the credentials report.

    ``{"present": True, "host", "email", "scopes": [...], "project_id"}`` when a metadata
    server answered (``email`` may be ``None``: no default service account), else ``None``.
    Shares the cache and the in-flight probe with :func:`describe_environment`; no token is
    fetched.
    """
    metadata = await (metadata_probe or METADATA_PROBE).get(
        settings.metadata_host, settings.metadata_ip, settings.metadata_timeout, refresh=refresh
    )
    return metadata.to_dict() if metadata else None


def _metadata_dict(metadata: MetadataFacts | None, settings: GoogleAuth) -> dict:
    looked_at = [settings.metadata_host]
    try:
        port_given = split_host_port(settings.metadata_host)[2]
    except ValueError:
        port_given = True
    if not port_given and settings.metadata_ip:
        looked_at.append(settings.metadata_ip)
    if metadata is None:
        info = {"present": False, "host": None, "email": None, "scopes": [], "project_id": None}
    else:
        info = metadata.to_dict()
    info["looked_at"] = looked_at
    info["timeout_ms"] = round(settings.metadata_timeout * 1000)
    return info
