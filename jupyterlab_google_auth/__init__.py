"""jupyterlab_google_auth: Google sign-in for notebooks (JupyterLab extension + server part)."""

try:
    from ._version import __version__
except ImportError:  # running from a source tree that was never installed
    __version__ = "dev"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "jupyterlab-google-auth"}]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "jupyterlab_google_auth"}]


def _load_jupyter_server_extension(server_app) -> None:  # noqa: ANN001
    """Registers the routes. Nothing slow happens here: probes run on first request."""
    from . import policy
    from .config import GoogleAuth
    from .routes import setup_route_handlers
    from .secrets import kernel_env, notebook_events, published_policy

    settings = GoogleAuth(parent=server_app)
    setup_route_handlers(server_app.web_app, settings)
    # Kernels read the store themselves: they obey the policy this writes next to it.
    published_policy.follow(settings, server_app.log)
    # "Set in kernels": granted notebooks' kernels start with their secrets as variables, and
    # every kernel with the policy it must enforce itself (notebook binding turned off).
    kernel_env.install(
        server_app.session_manager,
        lambda: settings.allow_secrets,
        server_app.root_dir,
        policy=lambda: policy.kernel_variables(settings),
    )
    # Grants follow their notebook: dropped when it is deleted, moved when it is renamed.
    notebook_events.install(server_app)
    server_app.log.debug("jupyterlab_google_auth: routes registered")


def load_ipython_extension(ipython) -> None:  # noqa: ANN001
    """``%load_ext jupyterlab_google_auth`` registers the ``%google_auth`` magic."""
    from .kernel.magic import register

    register(ipython)


def authenticate(*args, **kwargs):  # noqa: ANN002, ANN003, ANN201
    """Sign in from a cell; see ``jupyterlab_google_auth.kernel.authenticate``."""
    from .kernel import authenticate as run

    return run(*args, **kwargs)
