"""Refresh the Italian translation of the interface, then compile it.

    .venv/bin/python -m resources.translations.update_translations

1. pyside6-lupdate collects every tr()/translate() string of desktop/ into
   commissione_it.ts (existing translations are kept; vanished strings dropped);
   A string that only moved to another class (context) keeps its translation: an
   unfinished entry whose English text was translated before, anywhere, gets that
   translation (plural forms excepted);
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


def known_translations(ts: Path) -> dict[str, str]:
    """English source → Italian translation, for every finished singular entry."""
    import xml.etree.ElementTree as ElementTree

    if not ts.exists():
        return {}
    known = {}
    for message in ElementTree.parse(ts).getroot().iter("message"):
        source, translation = message.find("source"), message.find("translation")
        if (
            source is None
            or translation is None
            or message.get("numerus") == "yes"
            or translation.get("type") in ("unfinished", "vanished", "obsolete")
            or not translation.text
        ):
            continue
        known.setdefault(source.text, translation.text)
    return known


def reuse_known(ts: Path, known: dict[str, str]) -> int:
    """Fills unfinished entries whose source was translated before; returns how many.
    Edits the text in place so lupdate's layout (and so the diffs) stay as they are."""
    import html
    import re

    text = ts.read_text(encoding="utf-8")
    filled = 0

    def fill(match: re.Match) -> str:
        nonlocal filled
        source = html.unescape(match.group("source"))
        if source not in known:
            return match.group(0)
        filled += 1
        translation = html.escape(known[source], quote=True).replace("&#x27;", "&apos;")
        return match.group(0).replace(
            match.group("unfinished"), f"<translation>{translation}</translation>"
        )

    pattern = re.compile(
        r"<message>\s*<source>(?P<source>[^<]*)</source>\s*"
        r"(?:<comment>[^<]*</comment>\s*)?"
        r"(?P<unfinished><translation type=\"unfinished\"></translation>)",
        re.DOTALL,
    )
    ts.write_text(pattern.sub(fill, text), encoding="utf-8")
    return filled


def update_ts(target: Path = TS) -> str:
    known = known_translations(target)
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
    filled = reuse_known(target, known)
    return result.stdout + result.stderr + f"\n{filled} moved strings kept their translation"


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
