"""``%google_auth``: the same as ``authenticate()``, as an IPython line magic.

%load_ext jupyterlab_google_auth
%google_auth --preset gemini --targets adc --project my-project --force
%google_auth --profile work     (this notebook's kernel uses the profile "work")
"""

from __future__ import annotations

import shlex
from typing import Any

from .. import scopes as scope_lib
from .authenticate import authenticate
from .fit import TARGETS

USAGE = (
    "%google_auth [--preset {presets}] [--scopes SCOPE,...] [--targets {targets}] "
    "[--project ID] [--force] [--timeout SECONDS] [--profile NAME]"
)


def _usage() -> str:
    return USAGE.format(presets="|".join(scope_lib.PRESETS), targets=",".join(TARGETS))


def parse_line(line: str) -> dict[str, Any]:
    """The keyword arguments of ``authenticate()``; ValueError with the usage on bad input."""
    import argparse

    parser = argparse.ArgumentParser(prog="%google_auth", add_help=False, exit_on_error=False)
    parser.add_argument("--preset", choices=list(scope_lib.PRESETS))
    parser.add_argument("--scopes")
    parser.add_argument("--targets")
    parser.add_argument("--project")
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--profile")
    try:
        args, extra = parser.parse_known_args(shlex.split(line))
    except (argparse.ArgumentError, ValueError) as exc:
        raise ValueError(f"{exc}. Usage: {_usage()}") from None
    if extra:
        raise ValueError(f"Unexpected {' '.join(extra)!r}. Usage: {_usage()}")
    split = lambda value: [v.strip() for v in value.split(",") if v.strip()]  # noqa: E731
    return {
        "preset": args.preset,
        "scopes": split(args.scopes) if args.scopes else None,
        "targets": split(args.targets) if args.targets else None,
        "project": args.project,
        "force": args.force,
        "timeout": args.timeout,
        "profile": args.profile,
    }


def google_auth(line: str = "") -> Any:
    return authenticate(**parse_line(line))


def register(ipython: Any) -> None:
    ipython.register_magic_function(google_auth, magic_kind="line", magic_name="google_auth")
