"""The part both browser benches share: a notebook to open, and running a ``bench/*.js``
script (Debian's Chromium through playwright-core) that prints one JSON object."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent

EMPTY_NOTEBOOK = {
    "cells": [],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def run_in_browser(script: str, root: Path, config: dict, timeout: float) -> dict | None:
    """Puts ``bench.ipynb`` under the server's ``root``, runs ``script`` with ``config``;
    its JSON answer, or None (its error printed) when it failed."""
    (root / "bench.ipynb").write_text(json.dumps(EMPTY_NOTEBOOK))
    done = subprocess.run(
        ["node", str(BENCH / script), json.dumps(config)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])
