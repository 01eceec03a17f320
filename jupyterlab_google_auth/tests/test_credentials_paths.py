"""Credential locations follow the consumers' rules, from an injected env and HOME."""

from pathlib import Path

from jupyterlab_google_auth.credentials.paths import resolve_paths


def test_defaults_under_home(tmp_path):
    p = resolve_paths({"HOME": "/ignored"}, tmp_path)
    assert p.earthengine == tmp_path / ".config" / "earthengine" / "credentials"
    assert p.gcloud_config == tmp_path / ".config" / "gcloud"
    assert p.adc == tmp_path / ".config" / "gcloud" / "application_default_credentials.json"
    assert p.env_credentials is None


def test_home_from_env_when_not_given(tmp_path):
    p = resolve_paths({"HOME": str(tmp_path)})
    assert p.home == tmp_path


def test_cloudsdk_config_and_explicit_file(tmp_path):
    env = {"CLOUDSDK_CONFIG": str(tmp_path / "cfg"), "GOOGLE_APPLICATION_CREDENTIALS": "/k.json"}
    p = resolve_paths(env, tmp_path)
    assert p.adc == tmp_path / "cfg" / "application_default_credentials.json"
    assert p.env_credentials == Path("/k.json")
    # The EE file does not move with CLOUDSDK_CONFIG.
    assert p.earthengine == tmp_path / ".config" / "earthengine" / "credentials"


def test_empty_variables_are_unset(tmp_path):
    p = resolve_paths({"CLOUDSDK_CONFIG": "", "GOOGLE_APPLICATION_CREDENTIALS": ""}, tmp_path)
    assert p.gcloud_config == tmp_path / ".config" / "gcloud"
    assert p.env_credentials is None


def test_windows_appdata(tmp_path):
    p = resolve_paths({"APPDATA": str(tmp_path / "Roaming")}, tmp_path, windows=True)
    assert p.gcloud_config == tmp_path / "Roaming" / "gcloud"


def test_active_configuration(tmp_path):
    cfg = tmp_path / ".config" / "gcloud"
    p = resolve_paths({}, tmp_path)
    assert p.gcloud_configuration({}) == cfg / "configurations" / "config_default"
    cfg.mkdir(parents=True)
    (cfg / "active_config").write_text("work\n")
    assert p.gcloud_configuration({}) == cfg / "configurations" / "config_work"
    env = {"CLOUDSDK_ACTIVE_CONFIG_NAME": "other"}
    assert p.gcloud_configuration(env) == cfg / "configurations" / "config_other"
    # A name that could climb out of the directory is ignored.
    (cfg / "active_config").write_text("../../etc/passwd")
    assert p.gcloud_configuration({}) == cfg / "configurations" / "config_default"
