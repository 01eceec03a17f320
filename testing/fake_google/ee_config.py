"""Earth Engine API v1 ``GET /v1/projects/<id>/config`` and Cloud Resource Manager v1
``POST /v1/projects/<id>:testIamPermissions``: what a project is ready for.

The Earth Engine route fails the ways the real API does after a sign-in, in the order its
front door checks them: the quota project (``X-Goog-User-Project``, as the ``ee`` client sends)
may not be billed by the caller (USER_PROJECT_DENIED); the API is disabled in the project
(SERVICE_DISABLED with an activation link); the project is not registered for Earth Engine
(PERMISSION_DENIED with the registration link); the caller lacks Earth Engine permissions there.
"""

import json
import re

from .base import BaseHandler
from .cloud import CRM_SCOPES, INVALID_ARGUMENT, NO_PERMISSION
from .ee_api import EE_SCOPES, EE_SERVICE
from .ee_projects import refuse_unready

ACTIVATION_URL = "https://console.developers.google.com/apis/api/{service}/overview?project={n}"
# What testIamPermissions reports; anything else that looks like a permission is simply not held.
PERMISSION_SHAPE = r"^[a-z][a-zA-Z0-9]*\.[a-zA-Z0-9]+\.[a-zA-Z0-9]+$"
MAX_PERMISSIONS = 100


def service_disabled(project_number: str) -> tuple[str, list]:
    url = ACTIVATION_URL.format(service=EE_SERVICE, n=project_number)
    message = (
        f"Google Earth Engine API has not been used in project {project_number} before or it "
        f"is disabled. Enable it by visiting {url} then retry. If you enabled this API "
        "recently, wait a few minutes for the action to propagate to our systems and retry."
    )
    details = [
        {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "SERVICE_DISABLED",
            "domain": "googleapis.com",
            "metadata": {
                "service": EE_SERVICE,
                "consumer": f"projects/{project_number}",
                "activationUrl": url,
            },
        },
        {
            "@type": "type.googleapis.com/google.rpc.Help",
            "links": [{"description": "Google developers console API activation", "url": url}],
        },
    ]
    return message, details


class EarthEngineConfigHandler(BaseHandler):
    route = "ee_config"

    def get(self, key: str) -> None:
        token = self.require_token(EE_SCOPES)  # also refuses a quota project it may not bill
        if token is None:
            return
        project = self.state.find_project(token.account, key)
        if project is None:
            self.api_error(403, _config_denied(key))
            return
        if self.state.service_state(project.project_id, EE_SERVICE) != "ENABLED":
            self.api_error(403, *service_disabled(project.number))
            return
        if refuse_unready(self, project, token.account, _config_denied(key)):
            return
        self.write_json(
            {"name": f"projects/{project.project_id}/config", "maxConcurrentExports": 2}
        )


def _config_denied(key: str) -> str:
    return (
        f"Permission 'earthengine.config.get' denied on resource 'projects/{key}/config' "
        "(or it may not exist)."
    )


class TestIamPermissionsHandler(BaseHandler):
    """Which of the asked permissions the caller holds on the project (CRM v1)."""

    route = "crm_test_iam"

    def post(self, key: str) -> None:
        token = self.require_token(CRM_SCOPES)
        if token is None:
            return
        try:
            body = json.loads(self.request.body or b"null")
        except ValueError:
            body = None
        asked = body.get("permissions") if isinstance(body, dict) else None
        if (
            not isinstance(asked, list)
            or len(asked) > MAX_PERMISSIONS
            or not all(isinstance(p, str) and re.match(PERMISSION_SHAPE, p) for p in asked)
        ):
            self.api_error(400, INVALID_ARGUMENT)
            return
        project = self.state.find_project(token.account, key)
        if project is None:  # as for projects.get: no way to probe for ids
            self.api_error(403, NO_PERMISSION)
            return
        held = {"resourcemanager.projects.get"}
        if self.state.may_use_services(token.account, project.project_id):
            held.add("serviceusage.services.use")
        if project.allows(project.ee_users, token.account):
            held.update({"earthengine.config.get", "earthengine.assets.get"})
        granted = [p for p in asked if p in held]
        self.write_json({"permissions": granted} if granted else {})
