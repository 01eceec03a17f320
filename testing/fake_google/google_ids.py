"""Google's public client ids, redirect URIs and project numbers, as Google publishes them.

The fake keeps its own copies so that it depends on nothing of the product under test: a
product that got one of these wrong must fail against the fake, not agree with it by
construction. ``tests/test_agrees_with_product.py`` is the one place that compares the two.

None of these is a secret. Desktop ("installed application") clients ship their id and secret
inside the tools that use them (RFC 8252, section 8.5):

- the Earth Engine client is in earthengine-api (``ee/oauth.py``), used for its localhost mode;
- the Google Cloud SDK client is in gcloud's sources. The fake registers it with a secret of its
  own (see ``clients.GCLOUD_CLIENT_SECRET``): only the fake gcloud talks to it.
"""

# Earth Engine's public Desktop client. Its project number is the part before the first '-'.
EE_CLIENT_ID = "517222506229-vsmmajv00ul0bs7p89v5m89qs8eb9359.apps.googleusercontent.com"
EE_CLIENT_SECRET = "RUP0RZ6e0pPhDzsqIJ7KlNd1"

# The Google Cloud SDK's (gcloud's) Desktop client.
GCLOUD_CLIENT_ID = "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com"

# The out-of-band redirect: Google shows the code instead of redirecting. Google no longer
# accepts it for new clients; Earth Engine's Notebook Authenticator still uses it for the
# per-user client it hands out through client-auth/fetch.
OOB_REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob"

# Google-hosted pages that show the code they are redirected to, for the user to copy: gcloud's
# remote logins (``gcloud auth application-default login --no-launch-browser`` and
# ``gcloud auth login --no-launch-browser``).
GCLOUD_ADC_CODE_PAGE = "https://sdk.cloud.google.com/applicationdefaultauthcode.html"
GCLOUD_LOGIN_CODE_PAGE = "https://sdk.cloud.google.com/authcode.html"

# The project numbers of Google's own client projects (the number at the head of their client
# ids): Earth Engine's client and the SDK clients. No user holds serviceusage.services.use on
# them, so Google refuses them as a quota or resource project with PERMISSION_DENIED "Caller
# does not have required permission to use project <number>". ``ee.Initialize()`` falls back
# to EE_PROJECT_NUMBER when it is given no project and finds none in the credentials.
EE_PROJECT_NUMBER = EE_CLIENT_ID.split("-", 1)[0]
SDK_PROJECT_NUMBERS = frozenset(
    {
        GCLOUD_CLIENT_ID.split("-", 1)[0],  # 764086051850
        "618104708054",
        "32555940559",
        "522309567947",
        "1014160490159",
        "1057398310658",
    }
)
GOOGLE_OWNED_PROJECT_NUMBERS = SDK_PROJECT_NUMBERS | {EE_PROJECT_NUMBER}
