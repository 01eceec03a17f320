"""What one server keeps in memory for the extension (``web_app.settings["google_auth_state"]``):
a typed object, so a handler reads ``self.state.flows`` and a misspelt name fails at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from .environment import GcloudProbe, MetadataProbe
from .flows import CustomClients, FlowRegistry
from .google_pool import GooglePool
from .projects import AccessTokenCache, RecentProjects
from .projects.readiness import ReadinessMemory


@dataclass
class ServerState:
    flows: FlowRegistry
    custom_client: CustomClients
    google: GooglePool
    metadata_probe: MetadataProbe = field(default_factory=MetadataProbe)
    gcloud_probe: GcloudProbe = field(default_factory=GcloudProbe)
    access_tokens: AccessTokenCache = field(default_factory=AccessTokenCache)
    recent_projects: RecentProjects = field(default_factory=RecentProjects)
    readiness: ReadinessMemory = field(default_factory=ReadinessMemory)
