"""The one place where the fake meets the product: Google's public ids and the endpoint
settings must be the same on both sides. The fake keeps its own copies (google_ids.py) so that
nothing else of it can agree with the product by construction."""

from jupyterlab_google_auth import clients as product
from jupyterlab_google_auth.config import GoogleAuth
from testing.fake_google import google_ids as fake


def test_public_client_ids_agree():
    assert product.EE_CLIENT_ID == fake.EE_CLIENT_ID
    assert product.EE_CLIENT_SECRET == fake.EE_CLIENT_SECRET
    assert product.GCLOUD_CLIENT_ID == fake.GCLOUD_CLIENT_ID


def test_redirect_uris_agree():
    assert product.OOB_REDIRECT_URI == fake.OOB_REDIRECT_URI


def test_google_owned_project_numbers_agree():
    # The product refuses these as an Earth Engine project; the fake's Earth Engine API refuses
    # them as Google does.
    assert set(product.SDK_PROJECT_NUMBERS) == set(fake.SDK_PROJECT_NUMBERS)
    assert product.EE_CLIENT_ID.split("-", 1)[0] == fake.EE_PROJECT_NUMBER


def test_fake_endpoints_are_valid_product_settings(fake_google_endpoints):
    settings = GoogleAuth(**fake_google_endpoints)
    for name, value in fake_google_endpoints.items():
        assert getattr(settings, name) == value


def test_product_defaults_name_the_routes_the_fake_serves():
    # The fake serves Google's paths under its own root; the product's defaults are Google's.
    defaults = GoogleAuth()
    fake_paths = fake_google_paths()
    assert defaults.auth_uri == "https://accounts.google.com" + fake_paths["auth_uri"]
    assert defaults.token_uri == "https://oauth2.googleapis.com" + fake_paths["token_uri"]
    assert defaults.revoke_uri == "https://oauth2.googleapis.com" + fake_paths["revoke_uri"]
    assert (
        defaults.userinfo_uri == "https://openidconnect.googleapis.com" + fake_paths["userinfo_uri"]
    )
    assert (
        defaults.ee_client_auth_uri
        == "https://code.earthengine.google.com" + fake_paths["ee_client_auth_uri"]
    )


def fake_google_paths() -> dict[str, str]:
    from testing.fake_google import endpoints

    root = "http://127.0.0.1:1"
    urls = endpoints(root).items()
    return {name: value[len(root) :] for name, value in urls if value.startswith(root)}
