"""The harness for hostile input (tests/bounded.py) measures and limits for real."""

from tests.bounded import run_bounded, run_python


def test_a_normal_run_is_measured():
    result = run_bounded(["--version"], memory_mb=1024, seconds=60)
    assert result.code == 0 and not result.timed_out
    assert result.out.startswith("commissione ")
    assert 5 < result.peak_mb < 1024 and result.seconds > 0


def test_the_peak_is_the_command_s_own_not_the_test_process_s():
    # A forked child's ru_maxrss starts at its parent's size: a 300 MB test process
    # must not make `--version` look like a 300 MB command.
    ballast = bytearray(300 * 2**20)
    ballast[::4096] = b"x" * len(ballast[::4096])
    result = run_bounded(["--version"], memory_mb=1024, seconds=60)
    assert result.code == 0 and result.peak_mb < 150, result.peak_mb
    del ballast


def test_the_address_space_ceiling_holds():
    result = run_python(["-c", "b = bytearray(400 * 2**20)"], memory_mb=200, seconds=60)
    assert result.code == 1 and "MemoryError" in result.err and result.peak_mb < 200


def test_the_time_limit_kills():
    result = run_python(["-c", "import time; time.sleep(60)"], seconds=1)
    assert result.timed_out and result.code == -9 and result.seconds < 30


def test_an_endless_output_is_cut():
    result = run_python(["-c", "import sys\nwhile True: sys.stdout.write('x' * 65536)"], seconds=3)
    assert result.timed_out and result.out.endswith("[… output cut at 4 MiB]")
    assert len(result.out) < 5 * 2**20


def test_the_peak_follows_what_the_command_allocates():
    grown = run_python(["-c", "b = bytearray(120 * 2**20); b[::4096] = b'x' * len(b[::4096])"])
    assert grown.code == 0 and 120 < grown.peak_mb < 250, grown.peak_mb
