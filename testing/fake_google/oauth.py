"""accounts.google.com's browser side (consent page and its form) and the token-reading
endpoints: revoke, userinfo, tokeninfo."""

from . import pages
from .base import BaseHandler
from .consent import Outcome, decide, open_auth_request
from .scopes import IDENTITY_SCOPES


class ConsentPageMixin(BaseHandler):
    error_kind = "html"
    approve_path = "/o/oauth2/approve"

    def show(self, outcome: Outcome) -> None:
        """Render any consent outcome: page, redirect, code, denial or Google's error page."""
        if outcome.kind == "page":
            request = outcome.request
            self.write_html(
                pages.consent_page(
                    action=self.approve_path,
                    request_id=request.id,
                    app_name=self.state.clients[request.client_id].name,
                    accounts=list(self.state.accounts),
                    selected=request.login_hint,
                    scopes=request.scopes,
                )
            )
        elif outcome.kind == "redirect":
            self.redirect(outcome.location)
        elif outcome.kind == "code":
            self.write_html(pages.code_page(outcome.code, outcome.description or None))
        elif outcome.kind == "denied":
            self.write_html(pages.denied_page())
        else:
            html = pages.error_page(outcome.status, outcome.error, outcome.description)
            self.write_html(html, outcome.status)


class AuthHandler(ConsentPageMixin):
    route = "auth"

    def get(self) -> None:
        self.show(open_auth_request(self.state, self.args()))


class ApproveHandler(ConsentPageMixin):
    """The consent form's target, for both Google's page and Earth Engine's."""

    route = "approve"

    def post(self) -> None:
        form = self.form()
        decision = form.get("decision", "")
        self.show(decide(self.state, form.get("request_id", ""), form.get("account"), decision))


class RevokeHandler(BaseHandler):
    route = "revoke"

    def post(self) -> None:
        # Python sends the token in the form, Node's google-auth-library in the query.
        token = self.form().get("token") or self.get_query_argument("token", None)
        if not token:
            self.oauth_error(400, "invalid_request", "Missing required parameter: token")
        elif self.state.revoke(token):
            self.write_json({})
        else:
            self.oauth_error(400, "invalid_token", "Token expired or revoked")

    get = post  # the old accounts.google.com/o/oauth2/revoke?token= form


class UserinfoHandler(BaseHandler):
    route = "userinfo"

    def get(self) -> None:
        token = self.state.live_access_token(self.bearer())
        problem = "invalid_token"
        if token is not None and IDENTITY_SCOPES.intersection(token.scopes):
            account = self.state.accounts.get(token.account)
            body = {
                "sub": account.sub if account else token.account,
                "email": token.account,
                "email_verified": True,
            }
            if account and "https://www.googleapis.com/auth/userinfo.profile" in token.scopes:
                body["name"] = account.name
                body["picture"] = "https://example.com/avatar.png"
            self.write_json(body)
            return
        if token is not None:
            problem = "insufficient_scope"
        self.set_header(
            "WWW-Authenticate", f'Bearer realm="https://accounts.google.com/", error="{problem}"'
        )
        self.oauth_error(401, "invalid_request", "Invalid Credentials")

    post = get


class TokeninfoHandler(BaseHandler):
    route = "tokeninfo"

    def get(self) -> None:
        value = self.get_argument("access_token", None)
        token = self.state.live_access_token(value)
        if token is None:
            self.oauth_error(400, "invalid_token", "Invalid Value")
            return
        remaining = int(token.expires_at - self.state.now())
        body = {
            "azp": token.client_id,
            "aud": token.client_id,
            "scope": " ".join(token.scopes),
            "exp": str(int(token.expires_at)),
            "expires_in": str(remaining),
            "access_type": "offline",
        }
        account = self.state.accounts.get(token.account)
        if account:
            body["sub"] = account.sub
        if IDENTITY_SCOPES.intersection(token.scopes):
            body["email"] = token.account
            body["email_verified"] = "true"
        self.write_json(body)

    post = get
