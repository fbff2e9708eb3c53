"""The property tests do not fail because the machine is busy (tests/conftest.py
registers the profiles): neither profile has a deadline or the too-slow health
check, and no test brings either back with its own @settings."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize("name", ["default", "ci"])
def test_profiles_do_not_time_the_machine(name):
    profile = settings.get_profile(name)
    assert profile.deadline is None
    assert HealthCheck.too_slow in profile.suppress_health_check
    assert profile.max_examples >= 100


def test_ci_profile_reruns_the_same_examples():
    profile = settings.get_profile("ci")
    assert profile.derandomize and profile.database is None


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "default"),
        ({"CI": "true"}, "ci"),
        ({"CI": "false"}, "default"),
        ({"CI": "true", "HYPOTHESIS_PROFILE": "default"}, "default"),
        ({"HYPOTHESIS_PROFILE": "ci"}, "ci"),
    ],
)
def test_the_environment_chooses_the_profile(environment, expected):
    env = {
        key: value for key, value in os.environ.items() if key not in ("CI", "HYPOTHESIS_PROFILE")
    }
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import conftest; "
        "from hypothesis import settings; print(settings().derandomize)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(TESTS)],
        env={**env, **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # Only the "ci" profile is derandomized.
    assert result.stdout.strip() == str(expected == "ci")


def test_no_property_test_sets_its_own_deadline_or_health_checks():
    offenders = []
    for path in sorted(TESTS.rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "settings":
                for keyword in node.keywords:
                    if keyword.arg in ("deadline", "suppress_health_check"):
                        offenders.append(f"{path.name}:{node.lineno} {keyword.arg}")
    assert offenders == []
