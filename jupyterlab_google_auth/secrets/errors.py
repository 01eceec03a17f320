"""The store's refusals, as the API answers them (``{code, message, help}``).

A subclass of the one error base (``errors.ServerError``) so a handler lets it through as it
is; pure (``errors.py`` imports only ``help.py``), so the kernel's ``userdata`` may import it.
"""

from __future__ import annotations

from ..errors import ServerError

STATUS = {"unknown_secret": 404, "too_many_secrets": 409}


class SecretError(ServerError):
    """A name, value, notebook or answer that cannot be used; the message says what to send."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(STATUS.get(code, 400), code, message)
