"""The vocabulary the server and the front end share: plain strings, no imports.

Every other module imports its lists from here instead of spelling them again; the front end's
``src/core/names.ts`` is checked against this file by a test. Keep it a leaf: module-level
tuples and dicts of strings only (docs/ARCHITECTURE.md says how to add a mode or a preset).
"""

# Sign-in modes a flow can be started with (POST flows {mode}).
MODES = ("loopback", "notebook", "paste-url", "gcloud")

# Where credentials can come from: the sign-in modes plus the two that are not flows.
SOURCES = MODES + ("ambient", "service-account")

# Credential sources the report describes (GET credentials).
CREDENTIAL_SOURCES = ("earthengine", "adc", "env", "metadata")

# Scope presets (the scope lists themselves are in scopes.py).
PRESETS = ("earthengine", "earthengine-readonly", "gemini", "cloud")
DEFAULT_PRESET = "earthengine"

# Files a sign-in can write: Earth Engine's credentials file and Application Default Credentials.
TARGETS = ("earthengine", "adc")

# OAuth clients a flow can use.
CLIENTS = ("earthengine", "custom")

# Environment classes (GET environment {class}).
ENVIRONMENT_CLASSES = ("local", "remote", "colab-like")

# What a flow's user sends back to finish it.
EXPECTS = ("callback", "code", "redirect_url")

# Flow states (GET flows/<id>); the last four are final.
FLOW_STATES = ("pending", "exchanging", "succeeded", "failed", "expired", "cancelled")
FINAL_FLOW_STATES = ("succeeded", "failed", "expired", "cancelled")

# The secret store (issue 20): names the panel offers, the results of a key's check against the
# Generative Language API, and the answers to a kernel's access request.
KNOWN_SECRET_NAMES = ("GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_MAPS_API_KEY")
SECRET_CHECKS = ("ok", "key_invalid", "key_restricted", "api_disabled")
SECRET_ANSWERS = ("allow", "deny")

# Every error code the server API can answer as {code, message, help}.
ERROR_CODES = (
    # request shape
    "bad_json",
    "too_large",
    "bad_request",
    "bad_id",
    "bad_origin",
    "bad_query",
    "bad_project",
    "bad_key",
    "bad_client_secret",
    "web_client",
    "bad_client",
    "bad_scopes",
    "bad_targets",
    "bad_code",
    "bad_input",
    "empty_input",
    "input_too_long",
    "no_code",
    "unknown_mode",
    "unknown_preset",
    "confirm_required",
    # administrator policy, shared servers, local files
    "turned_off",
    "not_yours",
    "unsafe_directory",
    "untrusted_endpoint",
    "write_failed",
    "busy",
    # Google's answers about a sign-in
    "access_denied",
    "redirect_uri_mismatch",
    "invalid_grant",
    "code_incomplete",
    "code_used",
    "code_other_sign_in",
    "invalid_scope",
    "org_internal",
    "admin_policy_enforced",
    "invalid_client",
    "unauthorized_client",
    "oauth_error",
    "no_refresh_token",
    "client_auth_failed",
    # flows
    "state_mismatch",
    "unknown_state",
    "started_before_restart",
    "state_used",
    "callback_not_signed_in",
    "flow_expired",
    "cancelled",
    "mode_unavailable",
    "no_custom_client",
    "too_many_flows",
    "unknown_flow",
    "not_pending",
    "internal_error",
    # the services this server calls
    "endpoint_unavailable",
    "endpoint_timeout",
    "malformed_response",
    "insecure_endpoint",
    "google_unavailable",
    "signed_out",
    "reauth_needed",
    "invalid_token",
    "projects_forbidden",
    "search_refused",
    "revoke_failed",
    "key_rejected",
    "token_refused",
    # transfer
    "nothing_to_export",
    "no_token_in_environment",
    "not_credentials",
    # gcloud
    "gcloud_missing",
    "gcloud_failed",
    "gcloud_hung",
    "expired",
    "not_waiting",
    # the secret store
    "bad_secret_name",
    "bad_secret_value",
    "bad_notebook",
    "bad_answer",
    "unknown_secret",
    "too_many_secrets",
    "store_unreadable",
    "not_checkable",
    # profiles and impersonation
    "bad_profile_name",
    "unknown_profile",
    "profile_exists",
    "too_many_profiles",
    "profile_active",
    "profile_signed_out",
    "no_source_credentials",
    "no_ambient_account",
    "bad_service_account",
    "unknown_service_account",
    "impersonation_denied",
)

# Named identities (GET profiles {profiles: [{kind}]}): a user sign-in of any mode, a
# service-account key, the runtime's ambient account, a user acting as a service account.
PROFILE_KINDS = ("user", "service-account", "ambient", "impersonated")
