"""The tornado Application: every fake Google endpoint on one port."""

import tornado.web

from .cloud import BatchGetHandler, ProjectHandler, ProjectsHandler, ServiceHandler
from .control import control_routes
from .earthengine import ClientAuthFetchHandler, ClientAuthHandler
from .ee_api import ee_api_routes
from .ee_config import EarthEngineConfigHandler, TestIamPermissionsHandler
from .generative import ModelsHandler
from .grants import TokenHandler
from .iam_credentials import iam_credentials_routes
from .metadata import MetadataHandler
from .oauth import ApproveHandler, AuthHandler, RevokeHandler, TokeninfoHandler, UserinfoHandler
from .state import State


def _quiet(handler) -> None:
    """No access log: the subprocess's stdout carries only its JSON line."""


def make_app(state: State | None = None) -> tornado.web.Application:
    routes = [
        (r"/o/oauth2/auth", AuthHandler),
        (r"/o/oauth2/approve", ApproveHandler),
        (r"/token", TokenHandler),
        (r"/o/oauth2/token", TokenHandler),
        (r"/revoke", RevokeHandler),
        (r"/o/oauth2/revoke", RevokeHandler),
        (r"/v1/userinfo", UserinfoHandler),
        (r"/oauth2/v3/userinfo", UserinfoHandler),
        (r"/tokeninfo", TokeninfoHandler),
        (r"/oauth2/v3/tokeninfo", TokeninfoHandler),
        (r"/client-auth", ClientAuthHandler),
        (r"/client-auth/approve", ApproveHandler),
        (r"/client-auth/fetch", ClientAuthFetchHandler),
        *ee_api_routes(),
        (r"/v1beta/models", ModelsHandler),
        (r"/v1/models", ModelsHandler),
        *iam_credentials_routes(),
        (r"/v1/projects", ProjectsHandler),
        # The batchGet segment holds a colon, so it must win before the per-service route.
        (r"/v1/projects/([^/]+)/services:batchGet", BatchGetHandler),
        (r"/v1/projects/([^/]+)/services/([^/:]+)", ServiceHandler),
        (r"/v1/projects/([^/:]+):testIamPermissions", TestIamPermissionsHandler),
        (r"/v1/projects/([^/:]+)/config", EarthEngineConfigHandler),
        (r"/v1/projects/([^/:]+)", ProjectHandler),
        (r"/", MetadataHandler),
        (r"/computeMetadata/v1/(.*)", MetadataHandler),
        *control_routes(),
    ]
    return tornado.web.Application(
        routes, fake_state=state if state is not None else State(), log_function=_quiet
    )
