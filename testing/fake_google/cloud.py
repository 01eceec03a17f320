"""Cloud Resource Manager v1 (project listing) and Service Usage v1 (is an API enabled?)."""

from .base import BaseHandler
from .projects import decode_page_token, encode_page_token, filter_projects
from .scopes import CLOUD_PLATFORM, CLOUD_PLATFORM_READONLY, GOOGLE_SCOPE_PREFIX
from .state import SERVICE_TITLES

CRM_SCOPES = frozenset(
    {
        CLOUD_PLATFORM,
        CLOUD_PLATFORM_READONLY,
        GOOGLE_SCOPE_PREFIX + "cloudplatformprojects.readonly",
    }
)
SERVICEUSAGE_SCOPES = frozenset(
    {CLOUD_PLATFORM, CLOUD_PLATFORM_READONLY, GOOGLE_SCOPE_PREFIX + "service.management"}
)
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MAX_BATCH = 30  # Service Usage's limit for batchGet
NO_PERMISSION = "The caller does not have permission"
INVALID_ARGUMENT = "Request contains an invalid argument."


class ProjectsHandler(BaseHandler):
    route = "crm_projects"

    def get(self) -> None:
        token = self.require_token(CRM_SCOPES)
        if token is None:
            return
        if token.account in self.state.projects_denied:
            self.api_error(403, NO_PERMISSION)
            return
        filter_text = self.get_query_argument("filter", "")
        try:
            size = int(self.get_query_argument("pageSize", "0") or 0)
            if size < 0:
                raise ValueError("negative pageSize")
            size = min(size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
            matches = filter_projects(self.state.projects_of(token.account), filter_text)
            offset = decode_page_token(self.get_query_argument("pageToken", ""), filter_text)
        except ValueError:
            self.api_error(400, INVALID_ARGUMENT)
            return
        page = matches[offset : offset + size]
        body: dict = {}
        if page:  # like CRM: no "projects" key at all when nothing matches
            body["projects"] = [p.as_json() for p in page]
        if offset + size < len(matches):
            body["nextPageToken"] = encode_page_token(offset + size, filter_text)
        self.write_json(body)


class ProjectHandler(BaseHandler):
    route = "crm_project"

    def get(self, project_id: str) -> None:
        token = self.require_token(CRM_SCOPES)
        if token is None:
            return
        project = self.state.find_project(token.account, project_id)
        # Google answers 403 for "no such project" too, so ids cannot be probed.
        if project is None or token.account in self.state.projects_denied:
            self.api_error(403, NO_PERMISSION)
            return
        self.write_json(project.as_json())


class ServiceUsageMixin(BaseHandler):
    route = "serviceusage"

    def project_for(self, key: str):
        """The project, after the same auth checks as Google; None once an error is sent."""
        token = self.require_token(SERVICEUSAGE_SCOPES)
        if token is None:
            return None
        project = self.state.find_project(token.account, key)
        if project is None:
            self.api_error(403, f"Permission denied to access project [{key}]: {NO_PERMISSION}.")
            return None
        if project.project_id in self.state.services_denied:
            self.user_project_denied(project.project_id)
            return None
        return project

    def service_json(self, project, service: str) -> dict:
        parent = f"projects/{project.number}"
        return {
            "name": f"{parent}/services/{service}",
            "config": {"name": service, "title": SERVICE_TITLES.get(service, service)},
            "state": self.state.service_state(project.project_id, service),
            "parent": parent,
        }


class ServiceHandler(ServiceUsageMixin):
    def get(self, project_key: str, service: str) -> None:
        project = self.project_for(project_key)
        if project is not None:
            self.write_json(self.service_json(project, service))


class BatchGetHandler(ServiceUsageMixin):
    def get(self, project_key: str) -> None:
        project = self.project_for(project_key)
        if project is None:
            return
        names = self.get_query_arguments("names")
        if not names or len(names) > MAX_BATCH:
            self.api_error(400, INVALID_ARGUMENT)
            return
        services = []
        for name in names:
            parts = name.split("/")
            if len(parts) != 4 or parts[0] != "projects" or parts[2] != "services":
                self.api_error(400, f"Invalid service name: {name}")
                return
            if parts[1] not in (project_key, project.project_id, project.number):
                self.api_error(400, "All names must belong to the parent project.")
                return
            services.append(self.service_json(project, parts[3]))
        self.write_json({"services": services})
