"""The fake's copies of Google's public ids match what Google ships in its own client library."""

import ee.oauth

from testing.fake_google import google_ids


def test_earth_engine_client_matches_earthengine_api():
    assert google_ids.EE_CLIENT_ID == ee.oauth.CLIENT_ID
    assert google_ids.EE_CLIENT_SECRET == ee.oauth.CLIENT_SECRET
    assert google_ids.OOB_REDIRECT_URI == ee.oauth.REDIRECT_URI


def test_project_numbers_match_earthengine_api():
    assert set(google_ids.SDK_PROJECT_NUMBERS) == set(ee.oauth.SDK_PROJECTS)
    assert google_ids.GCLOUD_CLIENT_ID.split("-", 1)[0] in ee.oauth.SDK_PROJECTS
    # The number ee.Initialize() falls back to when it finds no project.
    assert google_ids.EE_PROJECT_NUMBER == ee.oauth._project_number_from_client_id(
        ee.oauth.CLIENT_ID
    )
