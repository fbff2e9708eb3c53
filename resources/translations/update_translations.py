"""Refresh the Italian translation of the interface, then compile it.

    .venv/bin/python -m resources.translations.update_translations

1. pyside6-lupdate collects every tr()/translate() string of desktop/ into
   commissione_it.ts (existing translations are kept; vanished strings dropped);
2. translate the new entries (type="unfinished") in commissione_it.ts — with Qt
   Linguist (`pyside6-linguist`) or any editor;
3. run this again: pyside6-lrelease compiles commissione_it.qm, which the app loads.
tests/test_translations.py fails while any string lacks its Italian translation.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "commissione_it.ts"
QM = HERE / "commissione_it.qm"


def tool(name: str) -> str:
    found = Path(sys.executable).with_name(f"pyside6-{name}")
    if found.exists():
        return str(found)
    return shutil.which(f"pyside6-{name}") or name


def translatable_sources() -> list[str]:
    """Python files of the interface that call tr() or translate(), relative to the root."""
    sources = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if ".tr(" in text or "translate(" in text:
            sources.append(str(path.relative_to(ROOT)))
    return sources


def update_ts(target: Path = TS) -> str:
    result = subprocess.run(
        [
            tool("lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "en",
            "-target-language",
            "it",
            *translatable_sources(),
            "-ts",
            str(target),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout + result.stderr


def compile_qm(source: Path = TS, target: Path = QM) -> str:
    result = subprocess.run(
        [tool("lrelease"), str(source), "-qm", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout + result.stderr


if __name__ == "__main__":
    print(update_ts().strip())
    print(compile_qm().strip())
