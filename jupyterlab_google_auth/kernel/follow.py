"""Running kernels follow the credentials: what the front end runs after a sign-in, a sign-out
or a project change, silently, in the kernels of open notebooks.

Only kernels in which ``ee`` was initialised change: ``ee`` is reset and initialised again
(with the URL that kernel used, and the new project), and ``GOOGLE_CLOUD_PROJECT`` /
``GOOGLE_CLOUD_QUOTA_PROJECT`` follow the chosen project, as Colab sets them. Merely importing
google-auth does not count: the variables of such a kernel may be the user's own.
"""

from __future__ import annotations

import os
import sys
from typing import Any

PROJECT_VARIABLES = ("GOOGLE_CLOUD_PROJECT", "GOOGLE_CLOUD_QUOTA_PROJECT")
# Set in a kernel bound to a profile (binding.py); such a kernel does not follow the switches.
BOUND_VARIABLE = "JUPYTERLAB_GOOGLE_AUTH_PROFILE"
# Set by the server in every kernel when the administrator turned notebook binding off; its
# value is the refusal (policy.kernel_variables), which use_profile raises.
BINDING_OFF_VARIABLE = "JUPYTERLAB_GOOGLE_AUTH_BINDING_OFF"


class JsonResult(dict):
    """Shown to the front end as application/json (a user expression's display data)."""

    def _repr_json_(self) -> dict[str, Any]:
        return dict(self)


def _ee_initialised() -> Any:
    ee = sys.modules.get("ee")
    data = getattr(ee, "data", None)
    try:
        return ee if data is not None and data.is_initialized() else None
    except Exception:  # noqa: BLE001 - an odd ee must not break the kernel
        return None


def follow(project: str | None = None, signed_in: bool = True) -> JsonResult:
    """Re-initialise ``ee`` and set the project variables where this kernel initialised ee."""
    if os.environ.get(BOUND_VARIABLE):
        # Bound to a profile of its own (binding.py): a switch of the active one is not its.
        return JsonResult(touched=False, ee=False, error=None)
    ee = _ee_initialised()
    result = JsonResult(touched=ee is not None, ee=False, error=None)
    if ee is None:
        return result
    # Keep the endpoint the kernel chose (opt_url), not ee's default.
    url = ee.data._get_state().cloud_api_base_url
    ee.Reset()
    result["ee"] = True
    if signed_in:
        try:
            ee.Initialize(project=project or None, url=url)
        except Exception as exc:  # noqa: BLE001 - reported in the notification
            result["error"] = str(exc).splitlines()[0][:300]
    for name in PROJECT_VARIABLES:
        if project and signed_in:
            os.environ[name] = project
        else:
            os.environ.pop(name, None)
    return result
