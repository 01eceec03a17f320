"""The gcloud bridge: run ``gcloud auth application-default login`` for the user.

``login.py`` (GcloudLogin: start, complete, cancel), ``pty_process.py`` (the program in a
pseudo-terminal, killed as a process group), ``output.py`` (reading gcloud's prompts, results
and errors; sanitizing), ``scopes.py`` (which scopes gcloud's client may be asked for).
"""

from .login import GcloudError, GcloudLogin
from .scopes import ALLOWED as GCLOUD_ALLOWED_SCOPES
from .scopes import gcloud_scopes

__all__ = ["GCLOUD_ALLOWED_SCOPES", "GcloudError", "GcloudLogin", "gcloud_scopes"]
