"""The project's own promises: lint-clean code, and CI running the README's command."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _ruff() -> str:
    candidate = Path(sys.executable).with_name("ruff")
    found = str(candidate) if candidate.exists() else shutil.which("ruff")
    if not found:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    return found


def test_code_is_clean_under_ruff():
    ruff = _ruff()
    check = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    formatted = subprocess.run(
        [ruff, "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert formatted.returncode == 0, formatted.stdout


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = re.findall(r"```(?:sh|bash)\n(.*?)\n```", readme, re.S)
    test_command = next(c for c in commands if "pytest" in c and "benchmarks" not in c)
    assert test_command.strip() in ci


def test_domain_rules_import_neither_qt_nor_the_database():
    domain = ROOT / "desktop" / "domain"
    forbidden = re.compile(r"^\s*(?:import|from)\s+(PySide6|sqlalchemy|db|pandas|alembic)\b", re.M)
    for source in domain.glob("*.py"):
        found = forbidden.findall(source.read_text(encoding="utf-8"))
        assert not found, f"{source.name} imports {found}"
