"""A real ipykernel (jupyter_client's KernelManager) with HOME and the runtime directory of the
test, and a small runner that collects what one execution sent on IOPub."""

from __future__ import annotations

import os
import queue
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from jupyter_client.manager import KernelManager

from jupyterlab_google_auth.kernel.bundle import MIME_TYPE

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@dataclass
class Run:
    msg_id: str
    outputs: list[dict[str, Any]] = field(default_factory=list)
    reply: dict[str, Any] | None = None

    def stdout(self) -> str:
        return "".join(
            o["content"]["text"]
            for o in self.outputs
            if o["msg_type"] == "stream" and o["content"]["name"] == "stdout"
        )

    def bundles(self, msg_type: str = "display_data") -> list[dict[str, Any]]:
        return [
            o["content"]["data"][MIME_TYPE]
            for o in self.outputs
            if o["msg_type"] == msg_type and MIME_TYPE in o["content"].get("data", {})
        ]


class Kernel:
    def __init__(self, env: dict[str, str]) -> None:
        self.km = KernelManager(kernel_name="python3")
        self.km.start_kernel(env=env, cwd=REPO)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    def send(self, code: str, **kwargs: Any) -> Run:
        return Run(self.kc.execute(code, **kwargs))

    def collect(self, run: Run, timeout: float = 30, until: Any = None) -> Run:
        """Reads IOPub until the run is idle (or ``until(run)`` holds), then its reply."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                continue
            if msg["parent_header"].get("msg_id") != run.msg_id:
                continue
            run.outputs.append(msg)
            if until is not None and until(run):
                return run
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                run.reply = self._reply_to(run.msg_id)
                return run
        raise AssertionError(f"no answer in {timeout}s; got {[o['msg_type'] for o in run.outputs]}")

    def _reply_to(self, msg_id: str) -> dict[str, Any]:
        """The shell reply to ``msg_id`` (older replies, e.g. kernel_info's, are skipped)."""
        while True:
            reply = self.kc.get_shell_msg(timeout=10)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]

    def run(self, code: str, timeout: float = 30) -> Run:
        run = self.collect(self.send(code), timeout)
        assert run.reply is not None and run.reply["status"] == "ok", run.reply
        return run

    def stop(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def kernel_env(home: str, runtime: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(HOME=home, JUPYTER_RUNTIME_DIR=runtime, PYTHONPATH=REPO)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    return env


@pytest.fixture
def runtime(tmp_path, monkeypatch):
    """Jupyter's runtime directory for the test and its kernels (status files live there)."""
    path = tmp_path / "runtime"
    path.mkdir()
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(path))
    return path
