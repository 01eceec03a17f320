"""Just enough JWT: the fake's id_tokens are unsigned-in-practice, assertions are only decoded.

The product decodes id_tokens without verifying them, so a fake signature is enough; a service
account assertion is verified only when a test registered that account's public key.
"""

import base64
import hashlib
import json
import re

FAKE_SIGNATURE = b"fake-google-signature"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def s256(verifier: str) -> str:
    """PKCE S256 challenge (RFC 7636): base64url(sha256(verifier)) without padding."""
    return b64url(hashlib.sha256(verifier.encode("ascii")).digest())


# PKCE as Google documents it for installed apps: the code_verifier is 43 to 128 characters of
# the unreserved set (A-Z, a-z, 0-9, "-", ".", "_", "~"); the S256 code_challenge is the
# base64url encoding, without padding, of the verifier's SHA-256 digest: exactly 43 characters
# of A-Z, a-z, 0-9, "-" and "_".
_PKCE_VERIFIER = re.compile(r"[A-Za-z0-9\-._~]{43,128}")
_S256_CHALLENGE = re.compile(r"[A-Za-z0-9_-]{43}")


def is_pkce_verifier(value: object) -> bool:
    return isinstance(value, str) and _PKCE_VERIFIER.fullmatch(value) is not None


def is_s256_challenge(value: object) -> bool:
    return isinstance(value, str) and _S256_CHALLENGE.fullmatch(value) is not None


def make_jwt(payload: dict, kid: str = "fake-google-key") -> str:
    header = {"alg": "RS256", "kid": kid, "typ": "JWT"}
    parts = [json.dumps(header).encode(), json.dumps(payload).encode(), FAKE_SIGNATURE]
    return ".".join(b64url(p) for p in parts)


def split_jwt(token: str) -> tuple[dict, dict, bytes, bytes]:
    """(header, payload, signing input, signature); ValueError when it is not a JWT."""
    try:
        head, body, sig = token.split(".")
        header = json.loads(b64url_decode(head))
        payload = json.loads(b64url_decode(body))
        signature = b64url_decode(sig)
    except (ValueError, TypeError) as exc:  # binascii.Error is a ValueError
        raise ValueError("not a JWT") from exc
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise ValueError("not a JWT")
    return header, payload, f"{head}.{body}".encode("ascii"), signature


def verify_rs256(public_key_pem: str, signing_input: bytes, signature: bytes) -> bool:
    # Imported lazily: only tests that register a service account key need cryptography.
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    key = serialization.load_pem_public_key(public_key_pem.encode())
    try:
        key.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True
