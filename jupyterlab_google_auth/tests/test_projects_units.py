"""The pieces behind the project routes, without a server: filter, query rules, the recent list
and the access-token cache."""

import json
import os
import threading

import pytest

from jupyterlab_google_auth.projects import GoogleCallError, project_filters, sanitise_query
from jupyterlab_google_auth.projects import access as access_module
from jupyterlab_google_auth.projects.access import AccessTokenCache, Grant
from jupyterlab_google_auth.projects.crm import decode_page_token, encode_page_token, matches_query
from jupyterlab_google_auth.projects.http import Deadline
from jupyterlab_google_auth.projects.recent import MAX_RECENT, RecentProjects
from testing.fake_google.projects import filter_projects, make_project


def test_filters_are_single_documented_terms():
    assert project_filters("") == {"all": "lifecycleState:ACTIVE"}
    assert project_filters("ee  alice") == {"id": "id:ee*", "name": "name:ee*"}
    projects = [
        make_project({"projectId": "ee-alice", "name": "EE Alice"}),
        make_project({"projectId": "x-project", "name": "EE thing of Alice's"}),
        make_project({"projectId": "bob-ee", "name": "Bob"}),
    ]
    # Each filter is one the strict fake (CRM's documented syntax) accepts.
    found = {
        name: [p.project_id for p in filter_projects(projects, text)]
        for name, text in project_filters("ee alice").items()
    }
    assert found == {"id": ["ee-alice"], "name": ["ee-alice", "x-project"]}


def test_every_word_is_checked_locally():
    project = {"project_id": "ee-alice", "name": "Earth Engine"}
    assert matches_query(project, "EE ALI") and matches_query(project, "engine")
    assert not matches_query(project, "ee bob")


def test_page_tokens_belong_to_their_query():
    token = encode_page_token("ee", {"id": "g1", "name": "g2"})
    assert decode_page_token(token, "ee") == {"id": "g1", "name": "g2"}
    assert encode_page_token("ee", {}) is None
    for value, query in ((token, "other"), ("bm90LWEtdG9rZW4", "ee"), (token[:-3], "ee")):
        with pytest.raises(GoogleCallError) as caught:
            decode_page_token(value, query)
        assert caught.value.code == "bad_query"
    wrong_stream = encode_page_token("", {"id": "g1"})
    with pytest.raises(GoogleCallError):
        decode_page_token(wrong_stream, "")


@pytest.mark.parametrize("query", ["ok", " spaced out ", "under_score-dash 09", "x" * 64])
def test_queries_accepted(query):
    assert sanitise_query(query) == query.strip()


@pytest.mark.parametrize("query", ["a*", "a:b", "a(b", 'a"', "a\tb", "x" * 65, "ünï", "a OR b)"])
def test_queries_refused(query):
    with pytest.raises(GoogleCallError) as info:
        sanitise_query(query)
    assert info.value.status == 400 and info.value.code == "bad_query"


def test_recent_list_keeps_ten_newest_first(tmp_path):
    path = tmp_path / "d" / "recent.json"
    recent = RecentProjects(path)
    for i in range(12):
        recent.add(f"project-{i:02d}")
    expected = [f"project-{i:02d}" for i in range(11, 1, -1)]
    assert recent.get() == expected and len(expected) == MAX_RECENT
    assert json.loads(path.read_text()) == {"recent": expected}
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    assert oct(os.stat(path.parent).st_mode & 0o777) == "0o700"
    assert RecentProjects(path).get() == expected  # read back after a restart


def test_recent_list_ignores_a_damaged_file_and_bad_ids(tmp_path):
    path = tmp_path / "recent.json"
    path.write_text("{not json")
    assert RecentProjects(path).get() == []
    path.write_text(json.dumps({"recent": ["good-project", "<bad>", 5, "good-project"]}))
    assert RecentProjects(path).get() == ["good-project"]
    link = tmp_path / "link.json"
    link.symlink_to(path)
    assert RecentProjects(link).get() == []  # never read through a link


def test_recent_list_follows_the_file_changed_behind_the_server(tmp_path):
    path = tmp_path / "recent.json"
    recent = RecentProjects(path)
    recent.add("first-project")
    assert recent.get() == ["first-project"]
    path.unlink()  # another server signed out, or the user deleted it
    assert recent.get() == []
    path.write_text(json.dumps({"recent": ["from-elsewhere"]}))
    assert recent.get() == ["from-elsewhere"]


def test_token_cache_refreshes_shortly_before_expiry(monkeypatch):
    now = [1000.0]
    calls = []

    def fetch(info, deadline):
        calls.append(info)
        return f"token-{len(calls)}", 3600.0, "a@example.com"

    monkeypatch.setitem(access_module._FETCHERS, "authorized_user", fetch)
    cache = AccessTokenCache(margin=300, clock=lambda: now[0])
    grant = Grant("authorized_user", "adc", None, {"refresh_token": "r"})
    first = cache.get(grant, Deadline(5))
    assert first.value == "token-1" and not first.from_cache and first.account == "a@example.com"
    now[0] += 3000
    again = cache.get(grant, Deadline(5))
    assert again.value == "token-1" and again.from_cache
    now[0] += 301  # within 5 minutes of expiry
    assert cache.get(grant, Deadline(5)).value == "token-2"
    other = Grant("authorized_user", "adc", None, {"refresh_token": "other"})
    assert cache.get(other, Deadline(5)).value == "token-3"


def test_token_cache_refreshes_once_for_concurrent_callers(monkeypatch):
    release = threading.Event()
    calls = []

    def fetch(info, deadline):
        calls.append(1)
        release.wait(5)
        return "token", 3600.0, None

    monkeypatch.setitem(access_module._FETCHERS, "authorized_user", fetch)
    cache = AccessTokenCache()
    grant = Grant("authorized_user", "adc", None, {"refresh_token": "r"})
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get(grant, Deadline(5))))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    release.set()
    for t in threads:
        t.join(5)
    assert len(calls) == 1 and [r.value for r in results] == ["token"] * 4


def test_grant_repr_and_key_hide_the_secret():
    grant = Grant("authorized_user", "adc", "a@example.com", {"refresh_token": "1//secret"})
    assert "1//secret" not in repr(grant) and "1//secret" not in grant.key
