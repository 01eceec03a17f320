"""Click → consent page in Chromium, against a bare ``window.open`` of the same address; and
the requests to ``/google-auth/*`` for one sign-in plus a project choice and per idle minute.

Starts the fake Google and ``jupyter server`` with JupyterLab and the extension (127.0.0.1,
free port, token, throw-away HOME and Jupyter directories; ``Server`` of flows_bench.py), then
runs ``bench/click_bench.js`` in Debian's Chromium (playwright-core from ui-tests). Both sides
of the comparison are measured alternately in the one browser, ``--runs`` times each:

- ours: a click on the notebook toolbar's Authenticate, to the new tab's DOMContentLoaded on
  Google's (the fake's) consent page;
- the floor: a bare page whose button calls ``window.open`` on that same consent address;
- the same plain ``window.open`` button placed inside the JupyterLab page: what any link in
  JupyterLab costs (a popup from a heavy page loads slower than from a bare one), so the
  difference between it and ours is the extension's own share.

Before each click the pointer rests on the button ``--hover-ms`` (300) ms, as a person's does
(0 measures a machine's click). Then one sign-in (loopback, the fake's consent page, Allow)
and the first listed project, at machine pace, with the requests it sent; then ``--idle``
seconds with nothing changing, with the requests sent and the token-endpoint calls the fake
saw. Run from the repository root:
``.venv/bin/python bench/click_bench.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from browser_half import run_in_browser  # noqa: E402
from flows_bench import TOKEN, Server  # noqa: E402

from testing.fake_google import ALICE  # noqa: E402


def token_calls(log: list | None) -> int:
    """Calls to the token endpoint (each one an access-token refresh or a grant)."""
    return sum(1 for entry in log or [] if entry.get("route") == "token")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--idle", type=int, default=60, help="idle seconds to watch")
    parser.add_argument(
        "--hover-ms", type=int, default=300, help="pointer on the button before the click"
    )
    args = parser.parse_args(argv)

    server = Server()
    server.start()
    try:
        config = {
            # JupyterLab on localhost, the fake Google on 127.0.0.1: two sites, as JupyterLab
            # and accounts.google.com are in real use.
            "base": f"http://localhost:{server.port}/",
            "token": TOKEN,
            "account": ALICE,
            "consentPrefix": server.fake_url,
            "fakeLog": f"{server.fake_url}/_control/log",
            "runs": args.runs,
            "idleSeconds": args.idle,
            "hoverMs": args.hover_ms,
        }
        result = run_in_browser("click_bench.js", server.tmp / "root", config, 600 + args.idle)
    finally:
        server.stop()

    if result is None:
        return 1
    ours, floor = result["ours"], result["floor"]
    print(
        f"click → consent page DOMContentLoaded, {args.runs} runs each, alternately, "
        f"pointer on the button {args.hover_ms} ms before the click:"
    )
    print(
        f"  ours (Authenticate):        median {statistics.median(ours):6.0f} ms  "
        f"max {max(ours):6.0f} ms"
    )
    print(
        f"  floor (bare window.open):   median {statistics.median(floor):6.0f} ms  "
        f"max {max(floor):6.0f} ms"
    )
    in_lab = result["inLab"]
    print(
        f"  plain window.open in JupyterLab: median {statistics.median(in_lab):6.0f} ms  "
        f"max {max(in_lab):6.0f} ms"
    )
    ratio = statistics.median(ours) / statistics.median(floor)
    print(f"  ratio of medians, ours / bare page: {ratio:.2f}×")
    print(
        f"  ratio of medians, ours / plain window.open in JupyterLab: "
        f"{statistics.median(ours) / statistics.median(in_lab):.2f}×"
    )
    print(
        f"  clicks whose flow was prepared before the click: {sum(result['prepared'])}/{len(ours)}"
    )
    for label, key in (
        ("start-up (page load, 3 s)", "startup"),
        ("one sign-in + project choice", "signIn"),
        (f"idle {args.idle} s", "idle"),
    ):
        block = result[key]
        routes = ", ".join(f"{k} ×{v}" for k, v in sorted(block["byRoute"].items()))
        print(f"requests to /google-auth/* during {label}: {block['total']}  ({routes})")
    idle_tokens = token_calls(result["fakeAfter"]) - token_calls(result["fakeBefore"])
    print(f"token endpoint calls seen by the fake while idle: {idle_tokens} in {args.idle} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
