"""A program run in a pseudo-terminal, read and written from asyncio, killed as a group.

gcloud reads the authorization code with ``input()``, which wants a terminal on stdin, so the
program gets the slave side of a fresh pty as stdin, stdout and stderr; we keep the master. It
is started directly (``create_subprocess_exec``, never a shell) in a new session, so its process
group id is its pid and :meth:`PtyProcess.kill` can end it together with its children (the real
``gcloud`` is a shell script that starts Python).

Output is kept in memory only, capped, and never logged: it holds the consent URL and the echo
of the code we type.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import os
import pty
import signal
import struct
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

T = TypeVar("T")

MAX_OUTPUT = 256 * 1024
# A wide terminal: nothing (readline, gcloud's console) wraps the long consent URL.
_WINSIZE = struct.pack("HHHH", 50, 4000, 0, 0)


class PtyProcess:
    def __init__(self, argv: Sequence[str], env: Mapping[str, str]) -> None:
        self.argv = list(argv)
        self.env = dict(env)
        self.proc: asyncio.subprocess.Process | None = None
        self.pgid: int | None = None
        self._master: int | None = None
        self._buffer = bytearray()
        self._changed = asyncio.Event()
        self._eof = asyncio.Event()

    # -- life cycle ------------------------------------------------------------------------------

    async def spawn(self) -> None:
        """Start the program; OSError when it cannot be executed."""
        master, slave = pty.openpty()
        try:
            fcntl.ioctl(slave, termios.TIOCSWINSZ, _WINSIZE)
            # The terminal driver must not echo the code back (readline may still redraw it;
            # the buffer is private either way).
            attrs = termios.tcgetattr(slave)
            attrs[3] &= ~(termios.ECHO | termios.ECHONL)
            termios.tcsetattr(slave, termios.TCSANOW, attrs)
            os.set_blocking(master, False)
            self.proc = await asyncio.create_subprocess_exec(
                *self.argv,
                stdin=slave,
                stdout=slave,
                stderr=slave,
                env=self.env,
                start_new_session=True,
                close_fds=True,
            )
        except BaseException:
            os.close(master)
            raise
        finally:
            # Our copy of the slave must go, or reading the master never reports the end.
            os.close(slave)
        self.pgid = self.proc.pid  # start_new_session: the child leads its own group
        self._master = master
        asyncio.get_running_loop().add_reader(master, self._on_readable)

    def _on_readable(self) -> None:
        assert self._master is not None
        try:
            data = os.read(self._master, 65536)
        except BlockingIOError:
            return
        except OSError as exc:  # EIO: every slave descriptor is closed
            if exc.errno not in (errno.EIO, errno.EBADF):
                raise
            data = b""
        if not data:
            self._stop_reading()
            self._eof.set()
        elif len(self._buffer) < MAX_OUTPUT:
            self._buffer += data[: MAX_OUTPUT - len(self._buffer)]
        self._changed.set()

    def _stop_reading(self) -> None:
        if self._master is not None:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(self._master)

    @property
    def text(self) -> str:
        return self._buffer.decode("utf-8", "replace")

    @property
    def returncode(self) -> int | None:
        return self.proc.returncode if self.proc else None

    def write(self, data: str) -> None:
        if self._master is None:
            raise OSError(errno.EBADF, "the terminal is closed")
        view = memoryview(data.encode("utf-8"))
        for _ in range(100):  # a code is a few dozen bytes: the pty's buffer takes them at once
            if not view:
                return
            try:
                view = view[os.write(self._master, view) :]
            except BlockingIOError:
                time.sleep(0.01)
        raise OSError(errno.EAGAIN, "the program does not read its terminal")

    # -- waiting -----------------------------------------------------------------------------

    async def wait_for(self, parse: Callable[[str], T | None], timeout: float) -> T | None:
        """Wait until ``parse(output)`` is truthy (returned), the program ends, or ``timeout`` s
        (None)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = parse(self.text)
            if found:
                return found
            if self._eof.is_set() or (self.proc is not None and self.proc.returncode is not None):
                # Ended: collect the last output and the exit status (the pty may report the
                # end before the child is reaped).
                await self.drain(0.3)
                if self.proc is not None:
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(self.proc.wait(), 1.0)
                return parse(self.text) or None
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            self._changed.clear()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._changed.wait(), min(remaining, 0.2))

    async def drain(self, timeout: float) -> None:
        """After the program ended: read what is left (until the pty reports the end)."""
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._eof.wait(), timeout)

    async def wait_exit(self, timeout: float) -> int | None:
        """The exit status, or None if the program is still running after ``timeout`` s."""
        assert self.proc is not None
        try:
            code = await asyncio.wait_for(self.proc.wait(), timeout)
        except asyncio.TimeoutError:
            return None
        await self.drain(0.5)
        return code

    # -- ending ------------------------------------------------------------------------------

    def _signal_group(self, sig: int) -> None:
        if self.pgid is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pgid, sig)

    async def kill(self, grace: float = 0.5) -> None:
        """End the whole process group: SIGTERM, a short grace, then SIGKILL; then close."""
        if self.proc is not None and self.proc.returncode is None:
            self._signal_group(signal.SIGTERM)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.proc.wait(), grace)
        # Always: children that ignored SIGTERM or outlived their parent go too.
        self._signal_group(signal.SIGKILL)
        if self.proc is not None and self.proc.returncode is None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.proc.wait(), 5)
        self.close()

    def close(self) -> None:
        """Stop reading and close the terminal (the output stays readable in memory)."""
        self._stop_reading()
        if self._master is not None:
            with contextlib.suppress(OSError):
                os.close(self._master)
            self._master = None
        self._eof.set()
        self._changed.set()

    def forget_output(self) -> None:
        """Drop the output (it holds the code's echo) once it has been parsed."""
        self._buffer = bytearray()
