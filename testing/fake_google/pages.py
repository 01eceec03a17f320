"""The fake's HTML: consent page, error page, Earth Engine code page. All input is escaped."""

from html import escape

from .scopes import describe

_STYLE = (
    "body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}"
    "fieldset{margin:1em 0}label{display:block;margin:.3em 0}"
    "button{margin-right:1em;padding:.4em 1.2em}code{word-break:break-all}"
)


def page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def error_page(status: int, error: str, description: str = "") -> str:
    heading = f"Error {status}: {error}"
    body = f'<h1>Access blocked</h1><p id="error">{escape(heading)}</p>'
    if description:
        body += f'<p id="error-description">{escape(description)}</p>'
    return page(f"{heading} - Fake Google", body)


def consent_page(
    *,
    action: str,
    request_id: str,
    app_name: str,
    accounts: list[str],
    selected: str | None,
    scopes: list[str],
) -> str:
    selected = selected if selected in accounts else accounts[0]
    choices = "".join(
        f'<label><input type="radio" name="account" value="{escape(email)}"'
        f"{' checked' if email == selected else ''}> {escape(email)}</label>"
        for email in accounts
    )
    scope_items = "".join(
        f'<li data-scope="{escape(s)}">{escape(describe(s))} <code>{escape(s)}</code></li>'
        for s in scopes
    )
    body = (
        f"<h1>Sign in</h1><p>to continue to <strong>{escape(app_name)}</strong></p>"
        f'<form method="post" action="{escape(action)}">'
        f'<input type="hidden" name="request_id" value="{escape(request_id)}">'
        f"<fieldset><legend>Choose an account</legend>{choices}</fieldset>"
        f'<h2 id="scopes-heading">{escape(app_name)} wants to access your Google Account</h2>'
        f'<ul id="scopes" aria-labelledby="scopes-heading">{scope_items}</ul>'
        '<button type="submit" name="decision" value="deny">Deny</button>'
        '<button type="submit" name="decision" value="allow">Allow</button>'
        "</form>"
    )
    return page("Sign in - Fake Google", body)


def code_page(code: str, heading: str | None = None) -> str:
    """The page that shows an authorization code: Earth Engine's Notebook Authenticator, or
    ``heading`` (gcloud's auth-code page)."""
    if heading is None:
        heading, label = "Earth Engine Notebook Authenticator", "paste it in your notebook"
    else:
        label = "paste it where you were asked for it"
    body = (
        f"<h1>{escape(heading)}</h1>"
        f'<p id="code-label">Copy this code and {label}</p>'
        f'<p><code id="code" aria-labelledby="code-label">{escape(code)}</code></p>'
    )
    return page("Authorization code - Fake Google", body)


def denied_page() -> str:
    body = "<h1>Access denied</h1><p>You denied access. No code was issued.</p>"
    return page("Access denied - Fake Google", body)
