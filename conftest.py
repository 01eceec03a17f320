"""Shared pytest set-up: a Jupyter server that requires auth everywhere, and the fake Google."""

pytest_plugins = ("pytest_jupyter.jupyter_server", "testing.fake_google.pytest_plugin")
