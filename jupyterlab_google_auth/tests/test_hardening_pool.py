"""#17.4: calls to Google run in their own bounded pool with a per-user cap; a full pool fails
fast with 503 ``busy``; the routes that read only local state answer at once while Google
hangs. The fake Google sleeps (a fault with a delay) to hang it."""

# ruff: noqa: F811

import asyncio
import os
import time

from test_flows_fixtures import api, registry, settings  # noqa: F401

from testing.signed_in import sign_in

EE = "https://www.googleapis.com/auth/earthengine"
CLOUD = "https://www.googleapis.com/auth/cloud-platform"
HANG = 6.0  # seconds the fake's project listing sleeps
LOCAL_BOUND = 0.1  # seconds: the bound for local-state routes


async def wait_for(condition, limit=10.0):
    end = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < end, "the state was not reached"
        await asyncio.sleep(0.02)


async def timed(api, *parts):
    start = time.monotonic()
    status, answer = await api.call("GET", *parts, allow_5xx=True)
    return time.monotonic() - start, status, answer


async def test_local_routes_answer_while_google_hangs(api, settings, fake_google, jp_serverapp):
    pool = jp_serverapp.web_app.settings["google_auth_state"].google
    settings.http_timeout = HANG + 4
    sign_in(fake_google, [EE, CLOUD], project="ee-alice")
    status, flow = await api.start(mode="notebook", force=True)
    assert status == 201
    for parts in (("environment",), ("credentials",), ("flows", flow["id"])):  # warm caches
        assert (await api.call("GET", *parts))[0] == 200

    fake_google.set_faults(route="crm_projects", delay=HANG, count=pool.per_user)
    hanging = [asyncio.ensure_future(api.call("GET", "projects")) for _ in range(pool.per_user)]
    await wait_for(lambda: pool.running == pool.per_user)
    await wait_for(lambda: len(fake_google.log("crm_projects")) >= pool.per_user)

    # One more call to Google fails at once, with a clear 503.
    took, status, answer = await timed(api, "projects")
    assert (status, answer["code"]) == (503, "busy") and took < 1.0, (took, answer)

    worst = {}
    for parts in (("environment",), ("credentials",), ("flows", flow["id"])):
        took, status, _ = await timed(api, *parts)
        assert status == 200
        worst[parts[0]] = took
    print("local routes while Google hangs (s):", worst)
    assert max(worst.values()) < LOCAL_BOUND, worst
    assert not any(task.done() for task in hanging)  # Google was still hanging meanwhile

    results = await asyncio.gather(*hanging)
    assert all(status == 200 for status, _ in results)
    await wait_for(lambda: pool.running == 0)


async def test_a_hanging_revoke_holds_a_pool_slot_not_the_local_routes(
    api, settings, fake_google, jp_serverapp
):
    """Sign-out's revocation goes through the Google pool: sign-outs against a revocation
    endpoint that hangs take at most the user's share of the pool (the next ones end their
    revocation with ``busy`` and still move the files), never the default executor's threads
    that ``GET environment`` needs."""
    pool = jp_serverapp.web_app.settings["google_auth_state"].google
    settings.http_timeout = HANG + 4
    assert (await api.call("GET", "environment"))[0] == 200  # warm caches
    executor = getattr(asyncio.get_running_loop(), "_default_executor", None)
    threads = getattr(executor, "_max_workers", None) or min(32, (os.cpu_count() or 1) + 4)
    # One more than the default executor has threads: enough to fill it if revokes ran there.
    outings = max(threads, pool.per_user) + 1
    fake_google.set_faults(route="revoke", delay=HANG, count=outings)

    signing_out = []
    for number in range(outings):
        sign_in(fake_google, [EE, CLOUD], project="ee-alice")  # a token for each sign-out
        task = asyncio.ensure_future(api.call("POST", "sign-out", body={"revoke": True}))
        signing_out.append(task)
        await wait_for(lambda n=number: len(fake_google.log("revoke")) > n or task.done())
    hanging, ended = signing_out[: pool.per_user], signing_out[pool.per_user :]
    assert len(fake_google.log("revoke")) == pool.per_user and pool.running == pool.per_user
    for task in ended:  # the pool was full: no revocation, the files moved all the same
        status, answer = task.result()
        assert status == 200 and answer["revoked"] is False, answer
        assert answer["revoke_error"]["code"] == "busy" and answer["moved"], answer

    took, status, _ = await timed(api, "environment")
    print("GET environment while revocation hangs (s):", took)
    assert status == 200 and took < LOCAL_BOUND, took
    assert not any(task.done() for task in hanging)  # Google was still hanging meanwhile

    results = await asyncio.gather(*hanging)
    assert all(status == 200 and answer["revoked"] for status, answer in results), results
    await wait_for(lambda: pool.running == 0)
