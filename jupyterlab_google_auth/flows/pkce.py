"""One-time values of a flow: state, PKCE verifiers and their S256 challenges (RFC 7636)."""

import base64
import hashlib
import secrets


def nonce() -> str:
    """256 random bits, base64url without padding (43 characters): a state, a request id, or a
    PKCE verifier (RFC 7636 allows 43 to 128 unreserved characters)."""
    return secrets.token_urlsafe(32)


def s256(verifier: str) -> str:
    """The S256 code challenge of ``verifier``."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
