"""User-facing help for the server's error codes: what to do next, one sentence per code.

A raiser may give a more precise help of its own; otherwise ``errors.ServerError`` takes the
sentence here. No imports: the flow table, the handlers and the tests all read this one dict.
"""

RESTART = "Start the sign-in again from the Authenticate button."
RETRY = (
    "Try again in a minute. If it keeps happening, check this server's network connection "
    "(or its proxy) to Google."
)
SIGN_IN = "Sign in again with Authenticate (or Re-authenticate)."
CUSTOM_CLIENT_HOWTO = (
    "In Google Cloud console, APIs & Services > Credentials, create an OAuth client ID of type "
    "Desktop app, download its client_secret.json and upload it in the panel."
)
NEW_KEY = (
    "In Google Cloud console, IAM & Admin > Service accounts > (the account) > Keys > Add key > "
    "Create new key > JSON, then upload the downloaded file."
)
PROJECT_ID = "Copy the project id (not its name or number) from the Cloud console."

HELP: dict[str, str] = {
    "bad_json": "Send a JSON object as the request body.",
    "too_large": "Send less: nothing this API takes is larger than 64 KB.",
    "bad_request": "This is a bug in the caller; reload the page.",
    "bad_id": "Send the identifier exactly as the server gave it, without spaces or line breaks.",
    "bad_origin": "Send the browser's window.location.origin, e.g. http://127.0.0.1:8888.",
    "bad_project": PROJECT_ID,
    "bad_key": NEW_KEY,
    "bad_client_secret": CUSTOM_CLIENT_HOWTO,
    "confirm_required": "Confirm the export first.",
    "turned_off": "Ask your administrator if you need this here.",
    "not_yours": "Ask the server's owner to do this, or use a server of your own.",
    "unsafe_directory": "Run the command the message gives, then try again.",
    "untrusted_endpoint": "Use the file exactly as Google issued it, or ask your administrator "
    "to set the endpoint in c.GoogleAuth.",
    "write_failed": "Fix the file or directory named above (permissions, a link, a directory in "
    "the way), then try again.",
    "busy": "Too many calls to Google are waiting; try again in a few seconds.",
    "key_rejected": "Check that the key and its service account still exist and are enabled. "
    + NEW_KEY,
    "token_refused": "Sign in here instead, or export fresh credentials from a machine where you "
    "are signed in.",
    "endpoint_unavailable": "Try again in a minute. If it keeps failing, check this server's "
    "network connection or proxy settings.",
    "google_unavailable": RETRY,
    "signed_out": "Sign in with Authenticate first, or type the project id instead.",
    "reauth_needed": SIGN_IN,
    "nothing_to_export": "Sign in first.",
    "no_token_in_environment": "Paste the credentials JSON instead.",
    "not_credentials": "Paste the value exported from a machine where you are signed in.",
    "revoke_failed": "Remove the app's access by hand at https://myaccount.google.com/permissions.",
    # sign-in flows (flows/errors.py words the messages)
    "access_denied": (
        "Start again and choose Allow. If the page said your organisation blocks the app, ask "
        "its administrator, or sign in with a custom Desktop client."
    ),
    "redirect_uri_mismatch": (
        "Loopback sign-in needs Jupyter opened at http://localhost or http://127.0.0.1 (an "
        "SSH tunnel is fine). A custom client must be of type Desktop app, not Web application. "
        "Otherwise choose the notebook or paste-url mode."
    ),
    "invalid_grant": (
        "This sign-in is still open: paste the newest code its page shows, within a few minutes "
        "of choosing Allow, or open the sign-in page again for a new code."
    ),
    "code_incomplete": (
        "This sign-in is still open: copy the whole code again (use the copy button on Google's "
        "page) and paste it here."
    ),
    "code_used": (
        "This sign-in is still open: open its sign-in page again for a new code and paste that one."
    ),
    "code_other_sign_in": (
        "This sign-in is still open: open its own sign-in page (the button above) and paste the "
        "code that page shows."
    ),
    "invalid_scope": (
        "Choose another scope preset, or check the custom scope names. The client may also not "
        "be allowed that scope: try a custom Desktop client from your own project."
    ),
    "org_internal": (
        "Sign in with an account of that organisation, or use a client whose consent screen is "
        "External."
    ),
    "admin_policy_enforced": (
        "Ask the administrator to trust the app's client ID, or use a custom Desktop client from "
        "a project of your organisation."
    ),
    "invalid_client": CUSTOM_CLIENT_HOWTO,
    "unauthorized_client": CUSTOM_CLIENT_HOWTO,
    "oauth_error": RESTART + " If it keeps failing, try another mode or client.",
    "no_refresh_token": (
        "Remove the app at https://myaccount.google.com/permissions, then sign in again."
    ),
    "state_mismatch": (
        "Paste the address from the tab that opened from this panel's consent link, or start again."
    ),
    "unknown_state": RESTART,
    "started_before_restart": RESTART,
    "state_used": RESTART,
    "callback_not_signed_in": (
        "Open this link in the browser where Jupyter is signed in (copy the whole address "
        "from the address bar), or sign in to JupyterLab in this browser and load this page "
        "again."
    ),
    "flow_expired": RESTART,
    "cancelled": RESTART,
    "no_code": (
        "Paste the whole address from the browser's address bar after choosing Allow, or the "
        "code shown on the page."
    ),
    "bad_code": "Copy the code again from the page that showed it, without spaces.",
    "empty_input": "Paste the code or the whole address.",
    "input_too_long": "Paste only the code, or only the address from the address bar.",
    "bad_input": "Paste the code or the whole address.",
    "endpoint_timeout": (
        "Try again. If it keeps happening, this server's network may be slow or blocking Google "
        "(an administrator can raise c.GoogleAuth.http_timeout)."
    ),
    "malformed_response": (
        "Try again. A proxy between this server and Google may be changing the answers."
    ),
    "client_auth_failed": (
        "Start again and paste the code shown after choosing Allow, within a few minutes."
    ),
    "insecure_endpoint": "Ask the administrator to fix the c.GoogleAuth endpoint settings.",
    "unknown_mode": "Choose one of the modes: loopback, notebook, paste-url or gcloud.",
    "mode_unavailable": "Choose another mode in the panel.",
    "unknown_preset": "Use earthengine, earthengine-readonly, gemini or cloud, or a scopes list.",
    "bad_scopes": "Send a list of Google OAuth scopes.",
    "bad_targets": (
        'targets is a non-empty list of "earthengine" (Earth Engine\'s file) and "adc" '
        "(Application Default Credentials)."
    ),
    "bad_client": 'client is "earthengine" or "custom".',
    "internal_error": "Look at the Jupyter server log for details, then start again.",
    "no_custom_client": CUSTOM_CLIENT_HOWTO
    + " An administrator can also set c.GoogleAuth.client_secrets_file.",
    "too_many_flows": (
        "Finish or cancel one of them (closing its panel cancels it), or wait until they expire."
    ),
    "unknown_flow": RESTART,
    # profiles (profiles/ words the messages)
    "bad_profile_name": "Choose a name such as work, teaching or the account's e-mail address.",
    "unknown_profile": "Pick a profile from the list; it may have been renamed or deleted.",
    "profile_exists": "Choose another name, or rename or delete the existing profile first.",
    "too_many_profiles": "Delete a profile you no longer use, then add this one.",
    "profile_active": "Switch to another profile first, or sign this one out.",
    "profile_signed_out": "Sign in to this profile again before using it.",
    "no_source_credentials": "Switch to (or name as source) a profile holding your own Google "
    "sign-in, then act as the service account from it.",
    "no_ambient_account": "Only a runtime with a metadata server (a Google Cloud VM, Colab, "
    "Vertex AI) has an ambient account; sign in or upload a key instead.",
    "bad_service_account": "Copy the service account's e-mail from IAM & Admin > Service "
    "accounts in the Cloud console.",
    "unknown_service_account": "Copy the e-mail from IAM & Admin > Service accounts in the Cloud "
    "console; it may have been deleted.",
    "impersonation_denied": "Ask a project owner to grant roles/iam.serviceAccountTokenCreator "
    "on the service account to your account, then try again.",
    "not_pending": RESTART,
    # the secret store
    "bad_secret_name": "Use capital letters, digits and underscores, e.g. GEMINI_API_KEY.",
    "bad_secret_value": "Paste the key itself: one line, without quotes.",
    "bad_notebook": "Reload the page; the notebook's path did not reach the server.",
    "bad_answer": "This is a bug in the caller; reload the page.",
    "unknown_secret": "Add the secret in the Secrets panel (the key icon in the left sidebar).",
    "too_many_secrets": "Delete secrets (or notebook access) you no longer use in the Secrets "
    "panel.",
    "store_unreadable": "Move the file named above away; the store then starts empty.",
    "not_checkable": "Only Google API keys (GEMINI_API_KEY, GOOGLE_API_KEY) can be checked here.",
}
