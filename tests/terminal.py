"""Running a command with its stderr on a pseudo-terminal, as a user at a terminal would."""

from __future__ import annotations

import os
import select
import subprocess
import time


def run_on_terminal(cmd: list[str], timeout: float = 300, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run ``cmd`` with stderr on a pseudo-terminal; (exit status, stdout, what the terminal showed)."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    seen = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal's other end closed: the process has finished
                break
            if not chunk:
                break
            seen += chunk
        elif proc.poll() is not None:
            break
    out = proc.stdout.read().decode("utf-8")
    proc.stdout.close()
    os.close(leader)
    return proc.wait(timeout=60), out, seen.decode("utf-8", errors="replace")
