"""Running the command line on hostile input in a child process with a ceiling on its
address space and its time, and measuring what it took.

A regression (a bomb decompressed whole, an endless body read into memory) then ends
the child with a MemoryError or a kill, and the test fails with figures, instead of
taking the machine (and CI) down:

    result = run_bounded(["--db", db, "import", bomb], memory_mb=800, seconds=60)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.peak_mb < 400 and result.seconds < 20
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Runs `python ARGV` under the address-space ceiling, waits for it, writes its peak
# memory (KiB) on the pipe it was given, and ends as the command ended.
_LAUNCHER = """
import os, resource, signal, sys
limit, pipe, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
pid = os.fork()
if pid == 0:
    os.close(pipe)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.execv(sys.executable, [sys.executable, *argv])
_, status, usage = os.wait4(pid, 0)
os.write(pipe, str(usage.ru_maxrss).encode())
os.close(pipe)
if os.WIFSIGNALED(status):
    signal.signal(os.WTERMSIG(status), signal.SIG_DFL)
    os.kill(os.getpid(), os.WTERMSIG(status))
os._exit(os.waitstatus_to_exitcode(status))
"""


@dataclass(frozen=True)
class Bounded:
    code: int  # the exit code; negative: killed by that signal
    out: str
    err: str
    seconds: float  # wall time
    peak_mb: float  # the child's peak resident memory
    timed_out: bool


def run_bounded(args: list[str], **limits) -> Bounded:
    """`python -m desktop ARGS` (the command line), bounded as `run_python`."""
    return run_python(["-m", "desktop", *map(str, args)], **limits)


def run_python(
    argv: list[str],
    *,
    memory_mb: int = 1024,
    seconds: float = 120,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
) -> Bounded:
    """`python ARGV` with RLIMIT_AS = memory_mb and a wall-clock limit (killed past
    it). Output beyond 4 MiB per stream is dropped (an echoed bomb must not fill the
    test's memory either); `err` and `out` say so at their end."""
    limit = memory_mb * 1024 * 1024
    environment = {**os.environ, "COMMISSIONE_LANG": "it", **(env or {})}
    environment.pop("COMMISSIONE_DB", None)
    peak_read, peak_write = os.pipe()
    started = time.perf_counter()
    # Through a small launcher: a child's peak memory (ru_maxrss) starts at the size of
    # the process it was forked from, so a child of a large pytest process would be
    # measured at pytest's size. The launcher is small when it forks the command.
    child = subprocess.Popen(
        [sys.executable, "-S", "-c", _LAUNCHER, str(limit), str(peak_write), *argv],
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=environment,
        pass_fds=(peak_write,),
        start_new_session=True,  # the time limit kills the launcher and the command
    )
    os.close(peak_write)
    streams: dict[str, bytes] = {}

    def drain(name: str, stream) -> None:
        kept = bytearray()
        while chunk := stream.read(65536):
            if len(kept) < 4 * 1024 * 1024:
                kept += chunk
            else:
                streams[name + "_dropped"] = b"1"
        streams[name] = bytes(kept)

    readers = [
        threading.Thread(target=drain, args=(name, stream), daemon=True)
        for name, stream in (("out", child.stdout), ("err", child.stderr))
    ]
    for reader in readers:
        reader.start()
    if stdin is not None:
        child.stdin.write(stdin)
        child.stdin.close()
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        with contextlib.suppress(ProcessLookupError):  # ended meanwhile
            os.killpg(child.pid, signal.SIGKILL)

    timer = threading.Timer(seconds, kill)
    timer.start()
    try:
        # wait4 gives this child's own peak memory (RUSAGE_CHILDREN is the largest of all).
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    with os.fdopen(peak_read, "rb") as reported:
        peak_kib = reported.read().decode() or str(usage.ru_maxrss)  # killed: the launcher's
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join(10)

    def text(name: str) -> str:
        value = streams.get(name, b"").decode("utf-8", "replace")
        return value + ("\n[… output cut at 4 MiB]" if name + "_dropped" in streams else "")

    return Bounded(
        code=child.returncode,
        out=text("out"),
        err=text("err"),
        seconds=elapsed,
        peak_mb=int(peak_kib) / 1024,  # KiB on Linux
        timed_out=timed_out.is_set(),
    )
