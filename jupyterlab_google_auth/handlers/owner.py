"""Who owns a sign-in flow: the key of the Jupyter user a request comes from.

Every flow route and the OAuth callback derive the owner here, from the user Jupyter's
identity provider resolved for the request (``handler.current_user``: the token in the
``Authorization`` header, else the login cookie the browser carries for this origin).

With Jupyter's stock token/password identity provider there is one principal (whoever holds
the token or password), and its "users" are random: an anonymous name per login cookie, and a
new one for every request that carries only the token. Keying by that name would make a flow
unknown on its next request, so on such servers every logged-in request has one shared key.
Identity providers that name real users (JupyterHub's, for one) key by username.
"""

from __future__ import annotations

from jupyter_server.auth.identity import IdentityProvider, PasswordIdentityProvider
from jupyter_server.base.handlers import JupyterHandler

SHARED_SECRET_PROVIDERS = (IdentityProvider, PasswordIdentityProvider)
SHARED_SECRET_USER = "<token holder>"


def flow_owner(handler: JupyterHandler) -> str | None:
    """The owner key of this request's Jupyter user, or ``None`` when nobody is logged in."""
    user = handler.current_user
    if user is None:
        return None
    if type(handler.identity_provider) in SHARED_SECRET_PROVIDERS:
        return SHARED_SECRET_USER
    return str(getattr(user, "username", None) or user)
