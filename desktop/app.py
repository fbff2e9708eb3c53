"""Starting the desktop application: `commissione` with no command.

Heavy libraries (SQLAlchemy, pandas, openpyxl, Alembic, ReportLab) are not imported
here: they load when first needed, so the window shows quickly; the database itself
opens after the window's first paint (`start_window`).
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.paths import APP_NAME, resources_dir

log = logging.getLogger(__name__)

DEMO_SPEED = 1440  # the demo platform's clock: one day per real minute


def translations_dir() -> Path:
    return resources_dir() / "translations"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Our strings (English in the source, Italian in commissione_it.qm) and Qt's own
    qtbase strings, so standard dialogs speak the same language."""
    installed = []
    if language == "en":
        return installed
    ours = QTranslator(app)
    if ours.load(str(translations_dir() / f"commissione_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("translation commissione_%s.qm not found in %s", language, translations_dir())
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def create_application(argv: list[str], language: str, scale: float = 1.0) -> QApplication:
    if scale != 1.0:
        # Must be set before the QApplication exists.
        os.environ["QT_SCALE_FACTOR"] = str(scale)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication.instance() or QApplication(argv)
    QLocale.setDefault(
        QLocale(QLocale.Language.Italian if language == "it" else QLocale.Language.English)
    )
    app._translators = install_translators(app, language)  # kept alive with the app
    return app


def prepare_demo_database() -> Path:
    """A fresh copy of the demo data in a temporary folder: never the user's own database."""
    from db.engine import open_database
    from desktop.domain.calls import find_call
    from desktop.importing.service import import_applications
    from desktop.services.demo import prepare_demo_evaluation

    folder = Path(tempfile.mkdtemp(prefix="commissione-demo-"))
    path = folder / "demo.sqlite"
    database = open_database(path)
    call = find_call(None)
    try:
        import_applications(
            database, resources_dir() / "demo" / "domande-demo.xlsx", call, user="demo"
        )
        prepare_demo_evaluation(database, call)
    finally:
        database.close()
    return path


def start_demo_platform():
    """The platform simulator on a free port of 127.0.0.1, its campaigns linked to the
    demo applications; time runs a day a minute, so campaigns move while you watch."""
    from desktop.platform import DEFAULT_TOKEN, DemoPlatform
    from desktop.platform.simulator import PlatformSimulator, demo_timeline

    simulator = PlatformSimulator(demo_timeline(), token=DEFAULT_TOKEN, speed=DEMO_SPEED)
    simulator.start()
    return simulator, DemoPlatform(simulator.base_url, DEFAULT_TOKEN)


def start_window(
    settings,
    db_target: str | None = None,
    *,
    demo: bool = False,
    demo_platform=None,
    create: bool = False,
):
    """The main window and its operations, before the database: the window paints
    first (saying it is opening the database), then opens it in a query, so
    SQLAlchemy, Alembic and a migration never delay the first paint. A database that
    cannot be used (missing, unreachable, foreign, written by a newer version: refused
    untouched) is said in the window's banner, with *Riprova*."""
    from desktop.domain.calls import find_call
    from desktop.ui.main_window import MainWindow
    from desktop.ui.operations import Operations

    ops = Operations(QApplication.instance())

    def open_the_database():
        from db.engine import open_database
        from desktop.database_choice import choose_database, open_chosen

        if demo:
            return open_database(prepare_demo_database())
        # The same order as the command line: --db, COMMISSIONE_DB, Preferences, default.
        return open_chosen(
            choose_database(db_target, saved=lambda: settings.database), create=create
        )

    return MainWindow(
        None,
        find_call(None),
        ops,
        settings,
        demo=demo,
        demo_platform=demo_platform,
        extras_after_paint=True,
        open_database=open_the_database,
    )


def run_gui(
    db_target: str | None,
    *,
    demo: bool,
    language: str | None,
    crash_dialog: bool,
    create: bool = False,
) -> int:
    from desktop.ui.errors import install_error_handling
    from desktop.ui.settings import Settings

    settings = Settings()
    language = language or settings.language
    app = create_application(sys.argv[:1], language, settings.ui_scale)
    install_error_handling(show_dialog=crash_dialog)

    simulator, demo_platform = start_demo_platform() if demo else (None, None)
    window = start_window(
        settings, db_target, demo=demo, demo_platform=demo_platform, create=create
    )
    window.show()
    code = app.exec()
    # A change asked for just before closing (an override, a draft) is written first.
    window.ops.shutdown()
    if simulator is not None:
        simulator.stop()
    if window.database is None:
        return 2  # the database could not be used; the window said why
    window.database.close()
    return code


def _letters_check() -> tuple[str, bool, str]:
    """The letters' whole chain in this installation: every template checked, one
    letter as PDF/A and as DOCX, its page rendered for the preview (pypdfium2)."""
    try:
        import pypdfium2

        from desktop.domain import letters
        from desktop.letters.docx import render_docx
        from desktop.letters.office import load_office
        from desktop.letters.pdf import render_pdf
        from desktop.letters.templates import load_templates

        data = {name: dict.fromkeys(fields, "—") for name, fields in letters.SCHEMA.items()}
        data.update({name: [] for name in letters.LISTS})
        data["lettera"]["data"] = "02/01/2025"
        office = load_office()
        text = load_templates().render("ammissione", data)
        pdf = render_pdf(text, data, office)
        docx = render_docx(text, data, office)
        document = pypdfium2.PdfDocument(pdf)
        try:
            width, height = document[0].get_size()
        finally:
            document.close()
        return (
            "letters",
            True,
            f"{len(letters.KINDS)} templates; PDF/A {len(pdf) // 1024} KiB, "
            f"DOCX {len(docx) // 1024} KiB, page {width:.0f}×{height:.0f} pt",
        )
    except Exception as error:  # the self-test reports, it never crashes
        return ("letters", False, f"{type(error).__name__}: {error}")


def self_test() -> int:
    """For installers and frozen bundles: the application starts, a temporary database
    opens through the migrations, a call definition and the translations load, a
    letter is written as PDF/A and DOCX and previewed; the keyring backend is reported. Prints one line per check; exit 0 when all pass."""
    import keyring

    from db.engine import open_database
    from desktop.domain.calls import available_calls

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from desktop import __version__

    checks: list[tuple[str, bool, str]] = [("version", True, f"Commissione {__version__}")]
    app = create_application(sys.argv[:1], "it")
    checks.append(("qt", True, f"Qt platform {app.platformName()}"))
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "self-test.sqlite")
        with database.engine.connect() as connection:
            version = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        database.close()
    checks.append(("database", bool(version), f"schema {version}"))
    calls = available_calls()
    checks.append(("calls", bool(calls), ", ".join(c.id for c in calls)))
    translated = QCoreApplication.translate("MainWindow", "Applications")
    checks.append(
        (
            "translations",
            len(app._translators) == 2 and translated != "Applications",
            f"{len(app._translators)} loaded; 'Applications' → {translated!r}",
        )
    )
    checks.append(_letters_check())
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    checks.append(
        (
            "keyring",
            True,
            name
            + (
                " (no secure storage: secrets kept for the session only)"
                if "fail" in name.lower()
                else ""
            ),
        )
    )
    for name, ok, detail in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
    return 0 if all(ok for _, ok, _ in checks) else 1
