"""Parsing gcloud's terminal output, and the scope allow-list (no process started)."""

from __future__ import annotations

from jupyterlab_google_auth import text
from jupyterlab_google_auth.gcloud import output
from jupyterlab_google_auth.gcloud.scopes import gcloud_scopes

G = "https://www.googleapis.com/auth/"
URL = (
    "https://accounts.google.com/o/oauth2/auth?response_type=code&client_id=764086051850-6qr4p6g"
    "pi6hn506pt8ejuq83di341hur.apps.googleusercontent.com&redirect_uri=https%3A%2F%2Fsdk.cloud."
    "google.com%2Fapplicationdefaultauthcode.html&scope=https%3A%2F%2Fwww.googleapis.com%2Fauth"
    "%2Fcloud-platform+openid&state=ZUMjKuv3fIN9HdSm4kkXGQnHt2Pt4m&prompt=consent&token_usage="
    "remote&access_type=offline&code_challenge=Y5gnhHtECJWMAG__MXzeQ25tpFbRfIZUQTmKantxVhA&code_"
    "challenge_method=S256"
)
# Recorded from Cloud SDK 528.0.0 in a pty (the code typed was not echoed: ECHO is off), with a
# network that cannot reach Google.
REAL_528 = (
    "Go to the following link in your browser, and complete the sign-in prompts:\r\n\r\n"
    f"    {URL}\r\n\r\n"
    "Once finished, enter the verification code provided in your browser: ERROR: gcloud crashed "
    "(ConnectionError): HTTPSConnectionPool(host='oauth2.googleapis.com', port=443): Max retries "
    'exceeded with url: /token (Caused by NameResolutionError("<urllib3.connection.'
    "HTTPSConnection object at 0x7fbfdfdf5700>: Failed to resolve 'oauth2.googleapis.com' "
    '([Errno -2] Name or service not known)"))\r\n\r\nIf you would like to report this issue, '
    "please run the following command:\r\n  gcloud feedback\r\n"
)
LEGACY = f"Go to the following link in your browser:\n\n    {URL}\n\nEnter authorization code: "


def test_consent_url_in_current_and_legacy_wording():
    assert output.find_consent_url(REAL_528) == URL
    assert output.find_consent_url(LEGACY) == URL
    assert output.prompt_shown(REAL_528.split("ERROR")[0])
    assert output.prompt_shown(LEGACY)


def test_url_only_when_its_line_is_complete():
    partial = f"Go to the following link in your browser:\n\n    {URL[:80]}"
    assert output.find_consent_url(partial) is None
    assert output.find_consent_url(partial + URL[80:] + "\r\n") == URL


def test_escapes_and_non_web_urls():
    text = "\x1b[?2004hGo to the following link in your browser:\r\n\r\n    javascript:alert(1)\r\n"
    assert output.find_consent_url(text) is None
    text = "Go to the following link in your browser:\n\n    http://evil.example/o/oauth2/auth\n"
    assert output.find_consent_url(text) is None
    text = "Go to the following link in your browser:\n\n    \x1b[1mhttp://127.0.0.1:9/a\x1b[0m\n"
    assert output.find_consent_url(text) == "http://127.0.0.1:9/a"


def test_error_after_the_prompt_on_the_same_line():
    lines = output.error_lines(REAL_528)
    assert lines[0].startswith("gcloud crashed (ConnectionError)")
    assert output.classify_error(lines) == "gcloud_failed"


def test_sanitize_removes_codes_tokens_and_queries():
    line = (
        "failed for code 4/0AbCdEfGh-ij_kl token ya29.a0AfB_byC refresh 1//0gAbC-def "
        f"at {URL} with verifier=abc&x=1 and key AIzaSyA1234567890abcdefghijklmnopqrstuv"
    )
    clean = output.sanitize(line, typed="4/0AbCdEfGh-ij_kl")
    for secret in ("4/0AbCd", "ya29.", "1//0g", "state=", "code_challenge", "AIzaSy", "abc&"):
        assert secret not in clean
    assert "https://accounts.google.com/o/oauth2/auth?[...]" in clean
    assert len(output.sanitize("ERROR " * 200)) <= output.MAX_LINE_CHARS


def test_one_sanitiser_for_terminal_text():
    """gcloud's output is read through text.py (escapes, line ends) and an error line is shown
    through text.plain: no direction, line-separator or C1 characters, typed brackets kept."""
    assert output.clean is text.terminal
    raw = "\x1b]0;title\x07\x1b[1mERROR:\x1b[0m a\tb\r\nnext\rline\x00\x7f"
    assert text.terminal(raw) == "ERROR: a\tb\nnext\nline"
    lines = output.error_lines("ERROR: (gcloud) bad \u202eevil\u2028 set <PROJECT_ID> \x85x\n")
    assert lines == ["(gcloud) bad evil set <PROJECT_ID> x"]
    assert text.plain("\x1b[31mred\x1b[0m <b>bold</b>") == "red bold"


def test_saved_path_and_quota():
    text = (
        "\nCredentials saved to file: [/home/a/.config/gcloud/application_default_credentials"
        '.json]\n\nThese credentials will be used by...\n\nQuota project "ee-alice" was added '
        "to ADC which can be used by Google client libraries"
    )
    assert output.saved_path(text) == "/home/a/.config/gcloud/application_default_credentials.json"
    assert output.quota_project(text) == "ee-alice"
    missing = "WARNING: \nCannot find a quota project to add to ADC. You might receive"
    assert "Select a project" in output.quota_notes(missing)[0]


def test_invalid_grant_is_recognised():
    text = (
        "ERROR: There was a problem with web authentication.\n"
        "ERROR: (gcloud.auth.application-default.login) (invalid_grant) Malformed auth code.\n"
    )
    assert output.classify_error(output.error_lines(text)) == "invalid_grant"


def test_allow_list():
    kept, notes = gcloud_scopes(
        [G + "earthengine", G + "cloud-platform", G + "drive", G + "devstorage.full_control"]
    )
    assert kept == [
        G + "earthengine",
        G + "cloud-platform",
        G + "devstorage.full_control",
        "openid",
        G + "userinfo.email",
    ]
    assert len(notes) == 1 and G + "drive" in notes[0]
    kept, notes = gcloud_scopes(["email", "openid", G + "gmail.readonly"])
    assert kept == [G + "cloud-platform", G + "userinfo.email", "openid"]
    assert any("gmail.readonly" in n for n in notes)
    assert any("Added" in n for n in notes)
    assert gcloud_scopes([])[0] == [G + "cloud-platform", "openid", G + "userinfo.email"]
    assert gcloud_scopes([])[1] == []


def test_network_failure_gets_network_help():
    from jupyterlab_google_auth.gcloud import GcloudLogin

    error = GcloudLogin()._exit_error(REAL_528, "4/code")
    assert error.code == "gcloud_failed"
    assert "ConnectionError" in error.message
    assert "proxy" in error.help
