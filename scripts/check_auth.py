"""Fail when any route of the extension lacks an authentication decorator.

Jupyter Server warns about such handlers when unauthenticated access is disallowed; this
turns the warning into a failure (the OAuth callback carries an explicit @allow_unauthenticated).
"""

import sys
import warnings

from jupyter_server.serverapp import ServerApp
from jupyter_server.utils import JupyterServerAuthWarning

app = ServerApp(
    allow_unauthenticated_access=False,
    jpserver_extensions={"jupyterlab_google_auth": True},
    reraise_server_extension_failures=True,
)
with warnings.catch_warnings(record=True) as records:
    warnings.simplefilter("always")
    app.initialize(argv=[], find_extensions=False, new_httpserver=False)

problems = [str(r.message) for r in records if issubclass(r.category, JupyterServerAuthWarning)]
if problems:
    sys.exit("\n".join(problems))
print("check_auth: every route of jupyterlab_google_auth requires authentication.")
