"""POST /token: the authorization-code, refresh-token and service-account (JWT) grants."""

import hmac

from .base import BaseHandler
from .jwt_tools import is_pkce_verifier, make_jwt, s256, split_jwt, verify_rs256
from .scopes import EMAIL, OPENID, PROFILE, split
from .state import ACCESS_TOKEN_TTL, CODE_TTL, AccessToken

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
GOOGLE_TOKEN_URIS = (
    "https://oauth2.googleapis.com/token",
    "https://accounts.google.com/o/oauth2/token",
)


MAX_ASSERTION_LIFETIME = 3600
SHORT_LIVED = (
    "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. "
    "Check your iat and exp values in the JWT claim."
)


class OAuthError(Exception):
    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status, self.error, self.description = status, error, description


# Refresh tokens of clients in "Testing" publishing status live 7 days.
TESTING_REFRESH_TTL = 7 * 24 * 3600


class ReauthRequired(Exception):
    """invalid_grant with error_subtype invalid_rapt (reauthentication required)."""

    body = {
        "error": "invalid_grant",
        "error_description": "reauth related error (invalid_rapt)",
        "error_uri": "https://support.google.com/a/answer/9368756",
        "error_subtype": "invalid_rapt",
    }


def _invalid_grant(description: str) -> OAuthError:
    return OAuthError(400, "invalid_grant", description)


class TokenHandler(BaseHandler):
    route = "token"

    def post(self) -> None:
        form = self.form()
        try:
            self.write_json(self._grant(form))
        except OAuthError as exc:
            self.oauth_error(exc.status, exc.error, exc.description)
        except ReauthRequired as exc:
            self.write_json(exc.body, 400)

    def _grant(self, form: dict[str, str]) -> dict:
        grant = form.get("grant_type")
        if not grant:
            raise OAuthError(400, "invalid_request", "Missing required parameter: grant_type")
        if grant == JWT_BEARER:
            return self._jwt_bearer(form)
        if grant not in ("authorization_code", "refresh_token"):
            raise OAuthError(400, "unsupported_grant_type", f"Invalid grant_type: {grant}")
        client_id = self._authenticate_client(form)
        if grant == "authorization_code":
            return self._authorization_code(form, client_id)
        return self._refresh(form, client_id)

    def _authenticate_client(self, form: dict[str, str]) -> str:
        client_id, secret = self.basic_auth() or (form.get("client_id"), form.get("client_secret"))
        if not client_id:
            raise OAuthError(400, "invalid_request", "Could not determine client ID from request.")
        client = self.state.clients.get(client_id)
        if client is None:
            raise OAuthError(401, "invalid_client", "The OAuth client was not found.")
        if not secret:
            raise OAuthError(400, "invalid_request", "client_secret is missing.")
        if not hmac.compare_digest(secret.encode(), client.client_secret.encode()):
            raise OAuthError(401, "invalid_client", "Unauthorized")
        return client_id

    def _authorization_code(self, form: dict[str, str], client_id: str) -> dict:
        state = self.state
        value = form.get("code")
        if not value:
            raise OAuthError(400, "invalid_request", "Missing required parameter: code")
        code = state.codes.get(value)
        if code is None:
            raise _invalid_grant("Malformed auth code.")
        if code.used:
            state.revoke_code_grant(code)  # a replayed code may be stolen: kill its tokens
            raise _invalid_grant("Bad Request")
        if code.client_id != client_id or state.now() - code.created > CODE_TTL:
            raise _invalid_grant("Bad Request")
        redirect_uri = form.get("redirect_uri")
        if not redirect_uri:
            raise OAuthError(400, "invalid_request", "Missing parameter: redirect_uri")
        if redirect_uri != code.redirect_uri:
            raise OAuthError(400, "redirect_uri_mismatch", "Bad Request")
        if code.code_challenge:
            verifier = form.get("code_verifier")
            if not verifier:
                raise _invalid_grant("Missing code verifier.")
            if not is_pkce_verifier(verifier) or s256(verifier) != code.code_challenge:
                raise _invalid_grant("Invalid code verifier.")
        code.used = True
        access = state.issue_access_token(client_id, code.account, code.scopes)
        body = self._token_body(access, id_token_scopes=(OPENID, EMAIL))
        client = state.clients[client_id]
        # Installed apps always get a refresh token; web apps only when they asked offline.
        if client.kind == "installed" or code.access_type == "offline":
            refresh = state.issue_refresh_token(client_id, code.account, code.scopes)
            access.refresh_token = refresh.value
            code.issued.append(refresh.value)
            body["refresh_token"] = refresh.value
        code.issued.append(access.value)
        return body

    def _refresh(self, form: dict[str, str], client_id: str) -> dict:
        value = form.get("refresh_token")
        if not value:
            raise OAuthError(400, "invalid_request", "Missing required parameter: refresh_token")
        refresh = self.state.refresh_tokens.get(value)
        if refresh is None or refresh.revoked or refresh.client_id != client_id:
            raise _invalid_grant("Token has been expired or revoked.")
        client = self.state.clients.get(client_id)
        if client is not None and client.testing:
            if self.state.now() - refresh.issued_at > TESTING_REFRESH_TTL:
                raise _invalid_grant("Token has been expired or revoked.")
        if self.state.account(refresh.account).reauth_required:
            # Google's answer when the Workspace session-length policy wants a new sign-in.
            raise ReauthRequired()
        scopes = refresh.scopes
        if form.get("scope"):
            scopes = split(form["scope"])
            if not set(scopes) <= set(refresh.scopes):
                raise OAuthError(400, "invalid_scope", "Bad Request")
        access = self.state.issue_access_token(client_id, refresh.account, scopes, value)
        return self._token_body(access, id_token_scopes=(OPENID,))

    def _token_body(self, access: AccessToken, id_token_scopes: tuple[str, ...]) -> dict:
        body = {
            "access_token": access.value,
            "expires_in": ACCESS_TOKEN_TTL,
            "scope": " ".join(access.scopes),
            "token_type": "Bearer",
        }
        if any(s in access.scopes for s in id_token_scopes):
            body["id_token"] = self._id_token(access.client_id, access.account, access.scopes)
        return body

    def _id_token(self, audience: str, email: str, scopes: list[str]) -> str:
        now = int(self.state.now())
        account = self.state.accounts.get(email)
        claims = {
            "iss": "https://accounts.google.com",
            "azp": audience,
            "aud": audience,
            "sub": account.sub if account else email,
            "email": email,
            "email_verified": True,
            "iat": now,
            "exp": now + 3600,
        }
        if account and PROFILE in scopes:
            claims["name"] = account.name
        return make_jwt(claims)

    def _jwt_bearer(self, form: dict[str, str]) -> dict:
        assertion = form.get("assertion")
        if not assertion:
            raise OAuthError(400, "invalid_request", "Missing required parameter: assertion")
        try:
            _, claims, signing_input, signature = split_jwt(assertion)
        except ValueError:
            raise _invalid_grant("Invalid JWT: Token must be a short-lived token.") from None
        issuer, audience = claims.get("iss"), claims.get("aud")
        issued, expiry = claims.get("iat"), claims.get("exp")
        own_uri = f"{self.request.protocol}://{self.request.host}/token"
        if not issuer or audience not in (own_uri, *GOOGLE_TOKEN_URIS):
            raise _invalid_grant("Invalid JWT: iss or aud is wrong.")
        # Google's rule for the assertion: it carries iat and exp, and exp is at most one hour
        # after iat; an expired one is refused.
        if (
            not all(
                isinstance(t, (int, float)) and not isinstance(t, bool) for t in (issued, expiry)
            )
            or not 0 < expiry - issued <= MAX_ASSERTION_LIFETIME
            or expiry <= self.state.now()
        ):
            raise _invalid_grant(SHORT_LIVED)
        key = self.state.service_account_keys.get(issuer)
        if key is not None and not verify_rs256(key, signing_input, signature):
            raise _invalid_grant("Invalid JWT Signature.")
        account = claims.get("sub") or issuer  # sub: domain-wide delegation to a user
        if claims.get("target_audience"):
            return {"id_token": self._id_token(claims["target_audience"], account, [])}
        scopes = split(claims.get("scope", ""))
        if not scopes:
            raise OAuthError(400, "invalid_scope", "Empty or missing scope not allowed.")
        access = self.state.issue_access_token(issuer, account, scopes)
        return {
            "access_token": access.value,
            "expires_in": ACCESS_TOKEN_TTL,
            "token_type": "Bearer",
        }
