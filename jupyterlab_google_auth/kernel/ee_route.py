"""Route ``ee.Authenticate()`` to the sign-in panel, whether ``ee`` is imported before or after.

Only the calls a notebook user makes interactively are routed: no ``auth_mode`` (ee would pick
its notebook mode in Jupyter), ``notebook`` or ``localhost``. Everything else (``gcloud``,
``colab``, ``quiet=True``, an ``authorization_code``) keeps ee's own behaviour, and nothing
else of ``ee`` changes. When ``ee`` is not imported yet, a meta-path finder waits for its
import, wraps it right after ``ee`` has run, and removes itself.
"""

from __future__ import annotations

import functools
import importlib.abc
import inspect
import sys
from typing import Any

_MARK = "__jupyterlab_google_auth_routed__"
ROUTED_MODES = (None, "notebook", "localhost")


def install_ee_route() -> bool:
    """Wrap ``ee.Authenticate`` now or at ``import ee``; True when it is already wrapped."""
    ee = sys.modules.get("ee")
    if ee is not None and hasattr(ee, "Authenticate"):
        return wrap(ee)
    if not any(isinstance(finder, _EEImportWatch) for finder in sys.meta_path):
        sys.meta_path.insert(0, _EEImportWatch())
    return False


def _routed(arguments: dict[str, Any]) -> bool:
    mode = arguments.get("auth_mode")
    # ee accepts "localhost:<port>" as well.
    if isinstance(mode, str) and mode.startswith("localhost"):
        mode = "localhost"
    return (
        mode in ROUTED_MODES
        and not arguments.get("quiet")
        and not arguments.get("authorization_code")
    )


def wrap(ee: Any) -> bool:
    original = ee.Authenticate
    if getattr(original, _MARK, False):
        return True
    signature = inspect.signature(original)

    @functools.wraps(original)
    def Authenticate(*args: Any, **kwargs: Any) -> Any:  # noqa: N802 - ee's own name
        try:
            arguments = signature.bind(*args, **kwargs).arguments
        except TypeError:
            return original(*args, **kwargs)  # let ee report the bad call its own way
        if not _routed(arguments):
            return original(*args, **kwargs)
        from .authenticate import authenticate

        scopes = arguments.get("scopes")
        summary = authenticate(
            preset=None if scopes else "earthengine",
            scopes=list(scopes) if scopes else None,
            force=bool(arguments.get("force", False)),
        )
        # ee's contract: True when valid credentials existed and no flow ran, else None.
        return True if summary.already_signed_in else None

    setattr(Authenticate, _MARK, True)
    Authenticate.__jupyterlab_google_auth_original__ = original  # type: ignore[attr-defined]
    ee.Authenticate = Authenticate
    return True


class _EEImportWatch(importlib.abc.MetaPathFinder):
    """Finds ``ee`` with the other finders and wraps its loader's exec_module."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != "ee":
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        run = loader.exec_module

        def exec_module(module: Any) -> None:
            run(module)
            wrap(module)
            if self in sys.meta_path:
                sys.meta_path.remove(self)

        loader.exec_module = exec_module
        return spec
