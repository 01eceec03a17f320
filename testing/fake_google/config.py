"""The product's `GoogleAuth` settings that point it at a running fake."""

from urllib.parse import urlsplit


def endpoints(url: str) -> dict[str, str]:
    """The product's `GoogleAuth` trait values for the fake at `url`."""
    url = url.rstrip("/")
    return {
        "auth_uri": url + "/o/oauth2/auth",
        "token_uri": url + "/token",
        "revoke_uri": url + "/revoke",
        "userinfo_uri": url + "/v1/userinfo",
        "ee_client_auth_uri": url + "/client-auth",
        "crm_uri": url,
        "serviceusage_uri": url,
        "ee_api_uri": url,
        "generativelanguage_uri": url,
        "iamcredentials_uri": url,
        "metadata_host": urlsplit(url).netloc,
    }


def server_config(url: str) -> dict:
    """Jupyter server config (e.g. for pytest-jupyter's jp_server_config)."""
    return {"GoogleAuth": endpoints(url)}
