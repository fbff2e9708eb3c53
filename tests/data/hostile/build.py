"""Builds the hostile corpus in this folder: small files that are bombs by ratio, not
by size on disk, and files broken in the ways real ones break.

    .venv/bin/python tests/data/hostile/build.py

Each family is a module here named `family_*.py` with `build(folder: Path) -> list[Path]`
(the files it wrote); the files are committed, so the tests read them as they are,
and rebuilding writes the same bytes (no clock, no randomness)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    written: list[Path] = []
    for module_path in sorted(HERE.glob("family_*.py")):
        spec = importlib.util.spec_from_file_location(module_path.stem, module_path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        written += module.build(HERE)
    for path in written:
        print(f"{path.relative_to(HERE)}  {path.stat().st_size} B")
    return 0


if __name__ == "__main__":
    sys.exit(main())
