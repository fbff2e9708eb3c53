"""The frozen application: PyInstaller builds packaging/commissione.spec into a
temporary folder, and the bundle passes its own `--self-test` and imports the demo
applications and the template through the command line, on SQLite and (when
configured) PostgreSQL. Build time and bundle size are printed.

Slow (about 30 s on two cores), but part of the normal run: CI runs it."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

SPEC = ROOT / "packaging" / "commissione.spec"
OUR_QM = ROOT / "resources" / "translations" / "commissione_it.qm"


@dataclass
class Bundle:
    folder: Path
    executable: Path
    build_seconds: float
    size_bytes: int
    files: int
    qm_in_source: bool  # resources/translations/commissione_it.qm, when the build started

    @property
    def resources(self) -> Path:
        return self.folder / "_internal" / "resources"


def _say(request: pytest.FixtureRequest, line: str) -> None:
    """Shown in the test run's output even when output is captured."""
    print(line)
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line("")
            reporter.write_line(line)


def _bundle_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory, request) -> Bundle:
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.fail(
            'PyInstaller is not installed in this environment: run pip install -e ".[test]"',
            pytrace=False,
        )
    work = tmp_path_factory.mktemp("frozen")
    qm_in_source = OUR_QM.exists()
    started = time.perf_counter()
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(SPEC),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    build_seconds = time.perf_counter() - started
    assert build.returncode == 0, f"PyInstaller failed:\n{build.stderr[-6000:]}"
    folder = work / "dist" / "commissione"
    executable = folder / ("commissione.exe" if sys.platform == "win32" else "commissione")
    assert executable.is_file(), f"no {executable.name} in {folder}"
    size, files = _bundle_size(folder)
    _say(
        request,
        f"frozen bundle: built in {build_seconds:.1f} s; {size / 1e6:.0f} MB in {files} files",
    )
    return Bundle(folder, executable, build_seconds, size, files, qm_in_source)


def _run(bundle: Bundle, *args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "COMMISSIONE_DATA_DIR": str(data_dir),
        "COMMISSIONE_LANG": "it",
    }
    env.pop("COMMISSIONE_DB", None)
    return subprocess.run(
        [str(bundle.executable), *args],
        cwd=data_dir,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )


def test_the_bundle_passes_its_self_test(bundle, tmp_path, request):
    started = time.perf_counter()
    result = _run(bundle, "--self-test", data_dir=tmp_path)
    elapsed = time.perf_counter() - started
    output = result.stdout + result.stderr
    _say(request, f"frozen --self-test: exit {result.returncode} in {elapsed:.2f} s\n{output}")

    assert re.search(r"^ok\s+qt: Qt platform offscreen$", result.stdout, re.M), output
    assert re.search(r"^ok\s+database: schema \w+$", result.stdout, re.M), output
    assert re.search(r"^ok\s+calls: .*milano-2024-2025", result.stdout, re.M), output
    assert re.search(r"^ok\s+keyring: keyring\.backends\.\w+", result.stdout, re.M), output
    if (bundle.resources / "translations" / OUR_QM.name).exists():
        assert result.returncode == 0, output
        return
    assert not bundle.qm_in_source, (
        f"{OUR_QM.name} is in resources/translations but not in the bundle"
    )
    # commissione_it.qm is not compiled yet (resources/translations/update_translations.py):
    # the source tree fails this one check too. Qt's own Italian must still load from the
    # bundle, and nothing else may fail.
    failed = re.findall(r"^FAIL (\w+):", result.stdout, re.M)
    assert failed == ["translations"], output
    assert "translations: 1 loaded" in result.stdout, output
    assert result.returncode == 1, output
    warnings.warn(
        f"{OUR_QM.relative_to(ROOT)} does not exist yet: the bundle's self-test fails only "
        "its translations check; this test demands exit 0 once the .qm is committed",
        stacklevel=1,
    )


def test_the_bundle_imports_the_demo_and_the_template(bundle, tmp_path):
    """The shipped demo file, template and column mapping, read by the frozen readers
    (calamine), checked against the shipped calls, stored through the migrations; the
    rejected-rows report written with openpyxl."""
    demo = bundle.resources / "demo" / "domande-demo.xlsx"
    template = bundle.resources / "templates" / "modello-domande.xlsx"
    mapping = bundle.resources / "templates" / "mappatura-esempio.toml"
    for shipped in (
        demo,
        template,
        mapping,
        bundle.resources / "templates" / "modello-domande.csv",
    ):
        assert shipped.is_file(), f"{shipped.name} is not in the bundle"
    database = tmp_path / "x.sqlite"

    result = _run(bundle, "--db", str(database), "--create", "import", str(demo), data_dir=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "righe lette 40; domande nuove 40" in result.stdout, result.stdout

    result = _run(
        bundle,
        "--db",
        str(database),
        "import",
        str(template),
        "--map",
        str(mapping),
        "--report",
        str(tmp_path / "scarti.xlsx"),
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "righe lette 1;" in result.stdout, result.stdout  # its example row: CC24-001 again
    assert (tmp_path / "scarti.xlsx").stat().st_size > 0

    listing = _run(
        bundle, "--db", str(database), "applications", "--format", "json", data_dir=tmp_path
    )
    assert listing.returncode == 0, listing.stderr
    rows = json.loads(listing.stdout)
    assert len(rows) == 40
    assert {row["ammissibile"] for row in rows} >= {"ammissibile"}


def test_the_bundle_opens_postgresql(bundle, tmp_path):
    """The psycopg driver (psycopg_binary and its libpq) and the migrations on a server."""
    from tests.conftest import _empty_postgres, _postgres_url

    url = _empty_postgres(_postgres_url())
    demo = bundle.resources / "demo" / "domande-demo.xlsx"
    result = _run(bundle, "--db", url, "import", str(demo), data_dir=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "righe lette 40; domande nuove 40" in result.stdout, result.stdout


def test_the_bundle_prints_a_pdf_in_the_shipped_font(bundle, tmp_path):
    """ReportLab and the DejaVu font (resources/fonts, with its licence) are in the
    bundle, and the frozen ranking export embeds the font."""
    from tests.test_exporting import assert_fonts_embedded

    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"):
        assert (bundle.resources / "fonts" / name).is_file(), f"{name} is not in the bundle"
    database = tmp_path / "x.sqlite"
    demo = bundle.resources / "demo" / "domande-demo.xlsx"
    result = _run(bundle, "--db", str(database), "--create", "import", str(demo), data_dir=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "graduatoria.pdf"
    result = _run(
        bundle,
        "--db",
        str(database),
        "export",
        "ranking",
        "--format",
        "pdf",
        "--out",
        str(out),
        "--session",
        "I",
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert_fonts_embedded(out)
