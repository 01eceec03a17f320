"""OAuth clients the extension knows by name.

The Earth Engine client is the public Desktop ("installed application") client that the
``earthengine-api`` package itself uses for its localhost mode; Google publishes it inside that
package, so it is not a secret in the OAuth sense (RFC 8252, section 8.5). A custom client comes
from a user's or an administrator's ``client_secret.json``.
"""

EE_CLIENT_ID = "517222506229-vsmmajv00ul0bs7p89v5m89qs8eb9359.apps.googleusercontent.com"
EE_CLIENT_SECRET = "RUP0RZ6e0pPhDzsqIJ7KlNd1"

# The redirect that makes Google show the code instead of redirecting (Earth Engine's
# Notebook Authenticator still uses it for its own client).
OOB_REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob"

# Client ids of Google's SDK projects: Earth Engine refuses these as a billing project.
GCLOUD_CLIENT_ID = "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com"
SDK_PROJECT_NUMBERS = frozenset(
    {
        "764086051850",
        "618104708054",
        "32555940559",
        "522309567947",
        "1014160490159",
        "1057398310658",
    }
)
