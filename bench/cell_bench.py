"""``ee.Authenticate()`` in a notebook: time to something to click, ours against ee's own.

The comparison a user feels in a cell: from running the cell to a button or link in its
output. Starts the fake Google and ``jupyter server`` with JupyterLab and the extension
(``Server`` of flows_bench.py, throw-away HOME, never signed in), opens a notebook in Debian's
Chromium (``bench/cell_bench.js``, playwright-core from ui-tests), imports ee once untimed, then
alternately, ``--runs`` times each:

- ours: ``ee.Authenticate()``, routed to the sign-in panel, until its Sign in button shows,
  enabled;
- ee's: ``ee.Authenticate.__wrapped__(auth_mode='notebook')`` (ee's own function, which the
  route wraps), until the link ee prints shows.

Each waiting cell is then ended by a kernel interrupt. Run from the repository root:
``.venv/bin/python bench/cell_bench.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from browser_half import run_in_browser  # noqa: E402
from flows_bench import TOKEN, Server  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    # window.jupyterapp, so the browser half can run the cell as the Run menu does.
    server = Server(extra_args=("--LabApp.expose_app_in_browser=True",))
    server.start()
    try:
        config = {"base": f"http://127.0.0.1:{server.port}/", "token": TOKEN, "runs": args.runs}
        result = run_in_browser("cell_bench.js", server.tmp / "root", config, 900)
    finally:
        server.stop()
    if result is None:
        return 1
    ours, ees = result["ours"], result["ees"]
    print(f"run cell → something to click in its output, {args.runs} runs each, alternately:")
    print(
        f"  ours (panel's Sign in button): median {statistics.median(ours):6.0f} ms  "
        f"max {max(ours):6.0f} ms"
    )
    print(
        f"  ee's own link:                 median {statistics.median(ees):6.0f} ms  "
        f"max {max(ees):6.0f} ms"
    )
    print(f"  ratio of medians: {statistics.median(ours) / statistics.median(ees):.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
