"""What the Earth Engine API checks of a project beyond the API being enabled: registration
for Earth Engine, and the caller's Earth Engine role there (shared by every fake EE route)."""

from .base import BaseHandler
from .projects import Project

REGISTER_URL = "https://code.earthengine.google.com/register?project={project}"


def refuse_unready(handler: BaseHandler, project: Project, account: str, denied: str) -> bool:
    """Answer the Earth Engine API's refusal for a project that is not registered for Earth
    Engine, or where ``account`` has no Earth Engine role; True when it answered."""
    if not project.ee_registered:
        url = REGISTER_URL.format(project=project.project_id)
        handler.api_error(
            403,
            f"Project {project.project_id} is not registered to use Earth Engine. "
            f"Visit {url} to register it.",
        )
        return True
    if not project.allows(project.ee_users, account):
        handler.api_error(403, denied)
        return True
    return False
