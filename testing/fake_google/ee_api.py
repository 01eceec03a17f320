"""The part of the Earth Engine REST API that ``ee.Initialize()`` calls.

With ``ee.Initialize(project=P, url=U)`` earthengine-api (1.x) fetches, through
google-api-python-client:

1. ``GET U/$discovery/rest?version=v1&prettyPrint=false``: the discovery document, fetched
   with the user's access token but without the quota project header (ee drops it "to avoid
   a serviceUsage error from discovery");
2. ``GET U/v1/projects/P/algorithms?prettyPrint=false&alt=json`` with
   ``X-Goog-User-Project: P``: the algorithm list it builds ee.Image etc. from.

The discovery document below describes only that method (hand-written, the shape of Google's
discovery format); the algorithm list is a handful of real algorithm names with their
arguments. Refusals follow the Earth Engine API: 401 without a live token, 403 without an
Earth Engine or Cloud scope, 403 PERMISSION_DENIED "Caller does not have required permission to
use project P" for a project the caller cannot use (in the path or in ``X-Goog-User-Project``;
Google's own client projects, such as the number in Earth Engine's client id that ee falls back
to without a project, are never usable), 403 SERVICE_DISABLED when
the Earth Engine API is off in the project, 400 when the quota project and the parent differ.
"""

from __future__ import annotations

from .base import BaseHandler
from .ee_projects import refuse_unready
from .scopes import CLOUD_PLATFORM, CLOUD_PLATFORM_READONLY, GOOGLE_SCOPE_PREFIX

EE_SERVICE = "earthengine.googleapis.com"
EE_SCOPES = frozenset(
    {
        GOOGLE_SCOPE_PREFIX + "earthengine",
        GOOGLE_SCOPE_PREFIX + "earthengine.readonly",
        CLOUD_PLATFORM,
        CLOUD_PLATFORM_READONLY,
    }
)


def discovery_document(root_url: str) -> dict:
    return {
        "kind": "discovery#restDescription",
        "discoveryVersion": "v1",
        "id": "earthengine:v1",
        "name": "earthengine",
        "canonicalName": "Earth Engine",
        "version": "v1",
        "title": "Google Earth Engine API",
        "protocol": "rest",
        "rootUrl": root_url,
        "servicePath": "",
        "baseUrl": root_url,
        "batchPath": "batch",
        "parameters": {
            "alt": {"type": "string", "location": "query", "default": "json", "enum": ["json"]},
            "prettyPrint": {"type": "boolean", "location": "query", "default": "true"},
            "fields": {"type": "string", "location": "query"},
            "key": {"type": "string", "location": "query"},
            "quotaUser": {"type": "string", "location": "query"},
        },
        "schemas": {
            "ListAlgorithmsResponse": {
                "id": "ListAlgorithmsResponse",
                "type": "object",
                "properties": {
                    "algorithms": {"type": "array", "items": {"$ref": "Algorithm"}},
                },
            },
            "Algorithm": {
                "id": "Algorithm",
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "description": {"type": "string"},
                    "returnType": {"type": "string"},
                    "arguments": {"type": "array", "items": {"type": "object"}},
                    "deprecated": {"type": "boolean"},
                    "hidden": {"type": "boolean"},
                },
            },
        },
        "resources": {
            "projects": {
                "resources": {
                    "algorithms": {
                        "methods": {
                            "list": {
                                "id": "earthengine.projects.algorithms.list",
                                "path": "v1/{+parent}/algorithms",
                                "flatPath": "v1/projects/{projectsId}/algorithms",
                                "httpMethod": "GET",
                                "parameters": {
                                    "parent": {
                                        "type": "string",
                                        "location": "path",
                                        "required": True,
                                        "pattern": "^projects/[^/]+$",
                                    }
                                },
                                "parameterOrder": ["parent"],
                                "response": {"$ref": "ListAlgorithmsResponse"},
                                "scopes": sorted(EE_SCOPES),
                            }
                        }
                    }
                }
            }
        },
    }


def _arg(name: str, type_: str, optional: bool = False) -> dict:
    arg = {"argumentName": name, "type": type_, "description": ""}
    if optional:
        arg["optional"] = True
    return arg


# A few real algorithms, enough for ee's dynamic classes to be built and used.
ALGORITHMS = [
    {
        "name": "algorithms/Image.constant",
        "description": "Generates an image containing a constant value everywhere.",
        "returnType": "Image",
        "arguments": [_arg("value", "Object")],
    },
    {
        "name": "algorithms/Image.add",
        "description": "Adds the first value to the second for each matched pair of bands.",
        "returnType": "Image",
        "arguments": [_arg("image1", "Image"), _arg("image2", "Image")],
    },
    {
        "name": "algorithms/Image.load",
        "description": "Returns the image given its ID.",
        "returnType": "Image",
        "arguments": [_arg("id", "String"), _arg("version", "Long", True)],
    },
    {
        "name": "algorithms/Number.add",
        "description": "Adds the first value to the second.",
        "returnType": "Number",
        "arguments": [_arg("left", "Number"), _arg("right", "Number")],
    },
    {
        "name": "algorithms/String.cat",
        "description": "Concatenates two strings.",
        "returnType": "String",
        "arguments": [_arg("string1", "String"), _arg("string2", "String")],
    },
]


class DiscoveryHandler(BaseHandler):
    route = "ee_discovery"

    def get(self) -> None:
        if self.get_query_argument("version", "") != "v1":
            self.api_error(404, "Discovery document not found for API service: earthengine")
            return
        # Discovery answers anyone; ee sends its token anyway (a dead one is refused).
        if self.bearer() is not None and self.state.live_access_token(self.bearer()) is None:
            self.api_error(401, "Request had invalid authentication credentials.")
            return
        root = f"{self.request.protocol}://{self.request.host}/"
        self.write_json(discovery_document(root))


class AlgorithmsHandler(BaseHandler):
    route = "ee_algorithms"

    def get(self, project_key: str) -> None:
        token = self.require_token(EE_SCOPES)
        if token is None:
            return
        quota = self.request.headers.get("X-Goog-User-Project")
        if quota is not None and quota != project_key:
            self.api_error(400, f"Project {quota} does not match the request's project.")
            return
        project = self.state.find_project(token.account, project_key)
        if project is None:
            # Google's answer for a project the caller cannot use, Google's own client projects
            # included: ee.Initialize() without a project asks for the one in its client id
            # (517222506229) in the path and in X-Goog-User-Project, and gets this.
            self.user_project_denied(project_key)
            return
        if self.state.service_state(project.project_id, EE_SERVICE) != "ENABLED":
            self.api_error(
                403,
                f"Earth Engine API has not been used in project {project.number} before or it "
                "is disabled. Enable it by visiting https://console.developers.google.com/apis/"
                f"api/{EE_SERVICE}/overview?project={project.number} then retry.",
                [
                    {
                        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                        "reason": "SERVICE_DISABLED",
                        "domain": "googleapis.com",
                        "metadata": {
                            "service": EE_SERVICE,
                            "consumer": f"projects/{project.number}",
                        },
                    }
                ],
            )
            return
        denied = (
            f"Permission 'earthengine.algorithms.list' denied on resource "
            f"'projects/{project_key}' (or it may not exist)."
        )
        if refuse_unready(self, project, token.account, denied):
            return
        self.write_json({"algorithms": ALGORITHMS})


def ee_api_routes() -> list[tuple[str, type]]:
    return [
        (r"/\$discovery/rest", DiscoveryHandler),
        (r"/v1/projects/([^/:]+)/algorithms", AlgorithmsHandler),
    ]
