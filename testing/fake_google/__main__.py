"""`python -m testing.fake_google --port 0 [--port-file PATH]`, for Jest and Playwright.

Prints one JSON line {"url": ...} once listening, then nothing (errors go to stderr); stops on
SIGTERM or SIGINT.
"""

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from pathlib import Path

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from .app import make_app
from .server import format_url


def _write_port_file(path: str, port: int) -> None:
    # Written then renamed, so a poller never reads half a number.
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(str(port))
    os.replace(tmp, target)


async def serve(host: str, port: int, port_file: str | None) -> None:
    sockets = bind_sockets(port, host)
    server = HTTPServer(make_app())
    server.add_sockets(sockets)
    port = sockets[0].getsockname()[1]
    if port_file:
        _write_port_file(port_file, port)
    print(json.dumps({"url": format_url(host, port)}), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m testing.fake_google")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", help="also write the port number to this file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    asyncio.run(serve(args.host, args.port, args.port_file))
    return 0


if __name__ == "__main__":
    sys.exit(main())
