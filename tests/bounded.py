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

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The child sets its own ceiling and reports its own peak (VmHWM) at exit. Not
# preexec_fn + ru_maxrss: Linux carries the forking parent's high-water mark through
# fork and exec into ru_maxrss, so late in a test run every child would "peak" at
# pytest's own size.
LAUNCHER = r"""
import atexit, os, resource, runpy, sys
limit = int(os.environ.pop("BOUNDED_AS_BYTES"))
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
report = os.environ.pop("BOUNDED_PEAK_FILE")

def _peak():
    with open("/proc/self/status") as status, open(report, "w") as out:
        out.write(next(line for line in status if line.startswith("VmHWM:")).split()[1])

atexit.register(_peak)
mode, target, *rest = sys.argv[1:]
if mode == "-m":
    sys.argv = [target, *rest]
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    sys.argv = ["-c", *rest]
    exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})
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
    if argv[0] not in ("-m", "-c"):
        raise ValueError("run_python runs `-m MODULE ...` or `-c CODE ...`")
    handle, peak_path = tempfile.mkstemp(prefix="bounded-peak-")
    os.close(handle)
    environment = {
        **os.environ,
        "COMMISSIONE_LANG": "it",
        **(env or {}),
        "BOUNDED_AS_BYTES": str(memory_mb * 1024 * 1024),
        "BOUNDED_PEAK_FILE": peak_path,
    }
    environment.pop("COMMISSIONE_DB", None)
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", LAUNCHER, *argv],
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=environment,
    )
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
        child.kill()

    timer = threading.Timer(seconds, kill)
    timer.start()
    try:
        # wait4 gives this child's own peak memory (RUSAGE_CHILDREN is the largest of all).
        _, status, usage = os.wait4(child.pid, 0)
    finally:
        timer.cancel()
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join(10)

    def text(name: str) -> str:
        value = streams.get(name, b"").decode("utf-8", "replace")
        return value + ("\n[… output cut at 4 MiB]" if name + "_dropped" in streams else "")

    peak_text = Path(peak_path).read_text().strip()
    Path(peak_path).unlink()
    # Killed before its exit handler ran: ru_maxrss, an over-estimate (see LAUNCHER).
    peak_kib = int(peak_text) if peak_text else usage.ru_maxrss
    return Bounded(
        code=child.returncode,
        out=text("out"),
        err=text("err"),
        seconds=elapsed,
        peak_mb=peak_kib / 1024,
        timed_out=timed_out.is_set(),
    )
