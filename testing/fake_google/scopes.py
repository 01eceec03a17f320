"""Scope names: normalising the short aliases Google accepts, and what the consent page says."""

GOOGLE_SCOPE_PREFIX = "https://www.googleapis.com/auth/"
OPENID = "openid"
EMAIL = GOOGLE_SCOPE_PREFIX + "userinfo.email"
PROFILE = GOOGLE_SCOPE_PREFIX + "userinfo.profile"
CLOUD_PLATFORM = GOOGLE_SCOPE_PREFIX + "cloud-platform"
CLOUD_PLATFORM_READONLY = GOOGLE_SCOPE_PREFIX + "cloud-platform.read-only"
EARTHENGINE = GOOGLE_SCOPE_PREFIX + "earthengine"

# Google grants the long form when a client asks for the short one.
_ALIASES = {"email": EMAIL, "profile": PROFILE}

# Scopes that let a token read who the user is (userinfo, id_token).
IDENTITY_SCOPES = frozenset({OPENID, EMAIL, PROFILE})

DESCRIPTIONS = {
    OPENID: "Associate you with your personal info on Google",
    EMAIL: "See your primary Google Account email address",
    PROFILE: "See your personal info",
    EARTHENGINE: "View and manage your Google Earth Engine data",
    GOOGLE_SCOPE_PREFIX + "earthengine.readonly": "View your Google Earth Engine data",
    CLOUD_PLATFORM: "See, edit, configure, and delete your Google Cloud data",
    CLOUD_PLATFORM_READONLY: "View your data across Google Cloud services",
    GOOGLE_SCOPE_PREFIX + "drive": "See, edit, create, and delete all of your Google Drive files",
    GOOGLE_SCOPE_PREFIX + "devstorage.full_control": "Manage your data and permissions in "
    "Cloud Storage",
    GOOGLE_SCOPE_PREFIX + "generative-language.retriever": "Make semantic retrieval calls "
    "with the Generative Language API",
}


def normalize(scope: str) -> str:
    return _ALIASES.get(scope, scope)


def split(text: str) -> list[str]:
    """Space-separated scope string -> normalised list, order kept, duplicates dropped."""
    seen: dict[str, None] = {}
    for part in text.split():
        seen.setdefault(normalize(part), None)
    return list(seen)


def is_valid(scope: str) -> bool:
    # Enough to tell a typo from a Google scope; Google's own list is far longer.
    return scope == OPENID or (
        scope.startswith(GOOGLE_SCOPE_PREFIX) and len(scope) > len(GOOGLE_SCOPE_PREFIX)
    )


def describe(scope: str) -> str:
    return DESCRIPTIONS.get(scope, scope)
