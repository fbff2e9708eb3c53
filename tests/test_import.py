"""Importing spreadsheets: formats, bad rows explained, nothing partial, re-imports."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from db.models import Applicant, Application, ApplicationChange, ImportBatch
from desktop.domain.eligibility import Outcome
from desktop.importing.columns import CANONICAL, load_mapping
from desktop.importing.readers import UnusableFile
from desktop.importing.service import ImportCancelled, import_applications
from desktop.services.applications import eligibility_detail, list_applications, override_rule
from tests.conftest import DATA, RESOURCES, ROOT

DEMO_XLSX = RESOURCES / "demo" / "domande-demo.xlsx"
DEMO_CSV = RESOURCES / "demo" / "domande-demo.csv"
HEADER = ";".join(CANONICAL)


def count(database, model) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def write_csv(path, *rows: str, header: str = HEADER, encoding: str = "utf-8-sig"):
    path.write_text("\n".join([header, *rows]) + "\n", encoding=encoding)
    return path


def row(**values) -> str:
    base = {
        "codice_domanda": "T-1",
        "data_presentazione": "15/01/2025",
        "titolo": "Titolo",
        "sintesi": "Sintesi",
        "capofila_denominazione": "Bottega Rossi S.r.l.",
        "capofila_codice_fiscale": "01199250158",
        "capofila_categoria": "micro impresa",
        "capofila_rea": "MI-1",
        "municipio": "2",
        "obiettivi": "1",
        "costo_totale": "85.000,00",
        "durata_mesi": "10",
    }
    base.update(values)
    return ";".join(base.get(column, "") for column in CANONICAL)


# --- the demo data -----------------------------------------------------------------


def test_demo_workbook_imports_whole_with_partners(database, call_2024):
    result = import_applications(database, DEMO_XLSX, call_2024)
    assert result.problems == []
    assert result.created == result.rows_read >= 38
    listing = {r["codice_domanda"]: r for r in list_applications(database, call_2024)}
    assert len(listing) == result.created
    outcomes = {r["ammissibile"] for r in listing.values()}
    assert outcomes == {"ammissibile", "non ammissibile", "da verificare"}
    with database.session() as session:
        partners = session.scalar(select(func.count()).where(Applicant.role == "partner"))
    assert partners > result.created  # most demo applications are aggregations


def test_demo_csv_and_workbook_hold_the_same_applications(tmp_path, call_2024):
    from db.engine import open_database

    listings = []
    for source in (DEMO_XLSX, DEMO_CSV):
        database = open_database(tmp_path / f"{source.suffix[1:]}.sqlite")
        import_applications(database, source, call_2024)
        listings.append(list_applications(database, call_2024))
        database.close()
    # The workbook's partner sheet says more about partners than the CSV cell can.
    for listing in listings:
        for entry in listing:
            entry.pop("motivi")
            entry.pop("ammissibile")
    assert listings[0] == listings[1]


def test_reimport_of_the_same_file_changes_nothing(database, call_2024):
    first = import_applications(database, DEMO_XLSX, call_2024)
    second = import_applications(database, DEMO_XLSX, call_2024)
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)
    assert count(database, Application) == first.created
    assert count(database, ApplicationChange) == 0
    assert count(database, ImportBatch) == 2


# --- a real portal export ------------------------------------------------------------


def test_portal_export_imports_with_every_bad_row_explained(database, call_2024):
    mapping = load_mapping(DATA / "portale-export-mappa.toml")
    result = import_applications(database, DATA / "portale-export.xlsx", call_2024, mapping=mapping)
    problems = {(p.row, p.column): p for p in result.problems}
    columns = {p.column for p in result.problems}
    assert result.rejected_rows == 6
    assert set(problems) == {
        (9, "Costo complessivo (€)"),
        (12, "Data invio"),
        (15, "Durata (mesi)"),
        (18, "Municipio"),
        (21, "Codice pratica"),
        (24, "Codice pratica"),
    }
    assert problems[(9, "Costo complessivo (€)")].value == "ottantamila"
    assert result.created == result.rows_read - 6
    assert "Note istruttore" in result.ignored_columns
    reasons = " | ".join(p.reason_it for p in result.problems)
    for words in (
        "importo non leggibile",
        "non esiste",
        "durata non leggibile",
        "Municipio 12",
        "codice domanda mancante",
        "già presente alla riga",
    ):
        assert words in reasons
    assert {
        "Costo complessivo (€)",
        "Data invio",
        "Durata (mesi)",
        "Municipio",
        "Codice pratica",
    } <= columns
    assert all(p.reason_en for p in problems.values())
    # The report lists each rejected row, readable by anyone.
    report = (
        CalamineWorkbook.from_path(str(result.report_path)).get_sheet_by_name("scarti").to_python()
    )
    assert report[0] == ["foglio", "riga", "colonna", "valore", "motivo", "reason"]
    assert len(report) - 1 == len(result.problems)
    assert {int(r[1]) for r in report[1:]} == {p.row for p in result.problems}


def test_formula_like_text_is_data_and_neutralised_in_exports(database, call_2024, tmp_path):
    from desktop.cli import main

    source = write_csv(
        tmp_path / "formule.csv",
        row(codice_domanda="F-1", titolo="=SOMMA(A1:A9)", sintesi="+39 02 1234"),
        row(codice_domanda="F-2", titolo="@comune", sintesi="-meno"),
    )
    import_applications(database, source, call_2024)
    with database.session() as session:
        titles = dict(session.execute(select(Application.code, Application.title)).all())
    assert titles == {"F-1": "=SOMMA(A1:A9)", "F-2": "@comune"}
    output = tmp_path / "out.csv"
    with output.open("w", encoding="utf-8") as handle:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "desktop",
                "--db",
                database.url.removeprefix("sqlite:///") if database.is_sqlite else database.url,
                "applications",
                "--format",
                "csv",
            ],
            stdout=handle,
            check=True,
            cwd=ROOT,
        )
    exported = output.read_text(encoding="utf-8-sig")
    assert ";'=SOMMA(A1:A9);'+39 02 1234;" in exported
    assert ";'@comune;'-meno;" in exported
    assert main  # the same CLI, in-process, is exercised in test_cli


def test_a_control_character_in_a_rejected_cell_is_reported_and_the_rest_imported(
    database, call_2024, tmp_path
):
    """A cell pasted from another program may hold a control character XLSX cannot
    carry: the report writes it escaped ("\\x01") instead of failing, and with the
    report the whole import (issue 10, item 3)."""
    from openpyxl import load_workbook

    source = write_csv(
        tmp_path / "controlli.csv",
        row(codice_domanda="C-1", costo_totale="85.000\x01,00"),
        row(codice_domanda="C-2", titolo="=Valida"),
    )
    result = import_applications(database, source, call_2024)
    assert (result.created, result.rejected_rows) == (1, 1)
    [problem] = result.problems
    assert "\x01" in problem.value
    with database.session() as session:
        assert session.scalars(select(Application.code)).all() == ["C-2"]
    assert result.report_path.is_file()
    rejected = load_workbook(result.report_path)["scarti"]
    assert rejected.cell(2, 4).value == "85.000\\x01,00"
    assert rejected.cell(2, 5).value.startswith("importo non leggibile")
    summary = CalamineWorkbook.from_path(str(result.report_path)).get_sheet_by_name("riepilogo")
    assert ["Righe scartate", 1.0] in summary.to_python()


# --- formats -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["domande-cp1252.csv", "domande-tab.tsv", "domande-virgola.csv"])
def test_csv_encodings_and_separators(database, call_2024, name):
    result = import_applications(database, DATA / name, call_2024)
    assert result.problems == []
    assert result.created == 5
    with database.session() as session:
        texts = " ".join(session.scalars(select(Application.title)).all()) + " ".join(
            session.scalars(select(Application.summary)).all()
        )
    assert "à" in texts or "è" in texts or "é" in texts


def test_text_is_stored_exactly_as_given(database, call_2024, tmp_path):
    # 32,767 characters is the most an XLSX cell holds.
    long_summary = "L'alleanza “Città Studi” ☕🌱 " + "parole e spazi " * 2000
    source = tmp_path / "testi.xlsx"
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(CANONICAL))
    values = dict(zip(CANONICAL, row(codice_domanda="T-ü").split(";"), strict=True))
    values["titolo"] = "Caffè dell'Isola — più vicini 😊"
    values["sintesi"] = long_summary
    sheet.append([values[c] for c in CANONICAL])
    workbook.save(source)
    result = import_applications(database, source, call_2024)
    assert result.problems == []
    with database.session() as session:
        stored = session.scalars(select(Application)).one()
    assert stored.code == "T-ü"
    assert stored.title == "Caffè dell'Isola — più vicini 😊"
    assert stored.summary == long_summary.strip()


def test_very_long_text_from_csv(database, call_2024, tmp_path):
    summary = "Un'alleanza di botteghe «storiche» 🧵 " * 5000  # 190,000 characters
    result = import_applications(
        database, write_csv(tmp_path / "lungo.csv", row(sintesi=summary)), call_2024
    )
    assert result.problems == []
    with database.session() as session:
        assert session.scalars(select(Application.summary)).one() == summary.strip()


def test_spreadsheet_number_cells_are_read_like_text(database, call_2024, tmp_path):
    """Portals export costs as numbers, dates as date cells and tax codes as numbers
    (losing their leading zero)."""
    import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(CANONICAL))
    values = dict(zip(CANONICAL, row().split(";"), strict=True))
    values.update(
        costo_totale=85000.5,
        capofila_codice_fiscale=1199250158,
        data_presentazione=dt.datetime(2025, 1, 31, 10, 32),
        durata_mesi=10,
        municipio=2,
        data_inizio=45748,  # an Excel serial: 01/04/2025
    )
    sheet.append([values[c] for c in CANONICAL])
    workbook.save(tmp_path / "numeri.xlsx")
    result = import_applications(database, tmp_path / "numeri.xlsx", call_2024)
    assert result.problems == []
    with database.session() as session:
        stored = session.scalars(select(Application)).one()
        lead = session.scalars(select(Applicant)).one()
    assert stored.cost_cents == 8_500_050
    assert lead.tax_code == "01199250158"
    assert (stored.submitted_on.isoformat(), stored.submitted_time.isoformat()) == (
        "2025-01-31",
        "10:32:00",
    )
    assert stored.start_on.isoformat() == "2025-04-01"
    assert stored.session_code == "I"
    assert stored.grant_cents == 4_250_025


def test_ods_is_read(database, call_2024, tmp_path):
    import pandas as pd

    frame = pd.read_excel(DEMO_XLSX, sheet_name=None, engine="calamine", dtype=str)
    target = tmp_path / "domande.ods"
    with pd.ExcelWriter(target, engine="odf") as writer:
        for name, sheet in frame.items():
            sheet.fillna("").to_excel(writer, sheet_name=name, index=False)
    result = import_applications(database, target, call_2024)
    assert result.problems == []
    assert result.created >= 38


# --- unusable input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("non-un-foglio.xlsx", "non è un foglio di calcolo XLSX valido"),
        ("vuoto.csv", "il file è vuoto"),
        ("colonne-mancanti.csv", "mancano le colonne obbligatorie titolo, costo_totale"),
    ],
)
def test_unusable_files_are_refused_and_nothing_is_written(database, call_2024, name, words):
    with pytest.raises(UnusableFile) as caught:
        import_applications(database, DATA / name, call_2024)
    assert words in caught.value.it
    assert caught.value.en
    assert count(database, ImportBatch) == 0
    assert count(database, Application) == 0


def test_header_only_file_imports_nothing(database, call_2024):
    result = import_applications(database, DATA / "solo-intestazione.csv", call_2024)
    assert (result.rows_read, result.created, result.problems) == (0, 0, [])


def test_binary_file_named_csv_is_refused(database, call_2024, tmp_path):
    fake = tmp_path / "foto.csv"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(UnusableFile, match="non è un file di testo CSV"):
        import_applications(database, fake, call_2024)


def test_undecodable_text_is_refused_with_what_to_do(database, call_2024, tmp_path):
    # Bytes that are neither UTF-8 nor Windows-1252 (0x81 and 0x8D are unassigned there).
    source = tmp_path / "codifica.csv"
    source.write_bytes(
        HEADER.encode() + b"\n" + row().encode("utf-8").replace(b"Titolo", b"T\x81t\x8dlo") + b"\n"
    )
    with pytest.raises(UnusableFile, match="salvare il file come CSV UTF-8"):
        import_applications(database, source, call_2024)
    assert count(database, Application) == 0


def test_headers_match_loosely_and_by_mapping(database, call_2024, tmp_path):
    loose = HEADER.replace("codice_domanda", "Codice Domanda").replace(
        "costo_totale", "COSTO-TOTALE"
    )
    loose = loose.replace("data_presentazione", "Data Présentazione").replace(
        "durata_mesi", "Durata (mesi)"
    )
    loose = loose.replace("titolo", "Nome del progetto", 1)
    mapping_file = tmp_path / "mappa.toml"
    mapping_file.write_text('[colonne]\n"Nome del progetto" = "titolo"\n', encoding="utf-8")
    source = write_csv(tmp_path / "portale.csv", row(), header=loose)
    with pytest.raises(UnusableFile, match="titolo"):
        import_applications(database, source, call_2024)
    result = import_applications(database, source, call_2024, mapping=load_mapping(mapping_file))
    assert (result.created, result.problems) == (1, [])


def test_a_bad_mapping_file_says_which_key(tmp_path):
    from desktop.importing.columns import MappingProblem

    bad = tmp_path / "mappa.toml"
    bad.write_text('[colonne]\n"Importo" = "costo"\n', encoding="utf-8")
    with pytest.raises(MappingProblem, match=r"'Importo'.*'costo' non è una colonna nota"):
        load_mapping(bad)


# --- re-import and history --------------------------------------------------------------


def test_corrected_file_updates_by_code_and_records_changes(database, call_2024, tmp_path):
    first = write_csv(
        tmp_path / "v1.csv",
        row(codice_domanda="A-1", costo_totale="120.000,00"),
        row(codice_domanda="A-2", titolo="Invariata"),
    )
    import_applications(database, first, call_2024)
    override_rule(
        database,
        call_2024,
        "A-1",
        "rea",
        Outcome.PASS,
        "R.E.A. verificato in visura",
        officer="m.rossi",
    )

    second = write_csv(
        tmp_path / "v2.csv",
        row(codice_domanda="A-1", costo_totale="95.000,00", partner="Caffè Blu (97123450153)"),
        row(codice_domanda="A-2", titolo="Invariata"),
        row(codice_domanda="A-3", titolo="Nuova"),
    )
    result = import_applications(database, second, call_2024, user="segreteria")
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    assert count(database, Application) == 3
    with database.session() as session:
        changes = {
            c.field: (c.old_value, c.new_value, c.changed_by)
            for c in session.scalars(select(ApplicationChange)).all()
        }
        a1 = session.scalars(select(Application).where(Application.code == "A-1")).one()
    assert changes["costo_totale"] == ("120.000,00", "95.000,00", "segreteria")
    assert changes["partner"] == ("", "Caffè Blu (97123450153)", "segreteria")
    assert set(changes) == {"costo_totale", "partner"}
    assert a1.row_version >= 3  # created, overridden, updated
    assert a1.grant_cents == 4_750_000
    # The officer's override survives the re-import.
    rea = next(v for v in eligibility_detail(database, call_2024, "A-1") if v.result.rule == "rea")
    assert rea.override is not None and rea.override.officer == "m.rossi"


def test_duplicate_codes_in_one_file(database, call_2024, tmp_path):
    source = write_csv(
        tmp_path / "doppi.csv",
        row(codice_domanda="D-1"),
        row(codice_domanda="D-2"),
        row(codice_domanda="D-1", titolo="Altro"),
    )
    result = import_applications(database, source, call_2024)
    assert result.created == 2
    [problem] = result.problems
    assert (problem.row, problem.value) == (4, "D-1")
    assert "già presente alla riga 2" in problem.reason_it


# --- one transaction ---------------------------------------------------------------------


def test_cancel_leaves_the_database_as_before(database, call_2024, tmp_path):
    import_applications(
        database, write_csv(tmp_path / "base.csv", row(codice_domanda="B-1")), call_2024
    )
    rows = [row(codice_domanda=f"C-{i}") for i in range(30)]
    source = write_csv(tmp_path / "molte.csv", *rows)
    calls = []

    def cancel_after_first_chunk() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(ImportCancelled):
        import_applications(
            database, source, call_2024, is_cancelled=cancel_after_first_chunk, chunk_rows=10
        )
    assert count(database, Application) == 1
    assert count(database, ImportBatch) == 1


def test_progress_is_reported(database, call_2024, tmp_path):
    source = write_csv(tmp_path / "molte.csv", *[row(codice_domanda=f"P-{i}") for i in range(25)])
    seen = []
    import_applications(
        database,
        source,
        call_2024,
        progress=lambda done, total: seen.append((done, total)),
        chunk_rows=10,
    )
    assert seen == [(0, 25), (10, 25), (20, 25), (25, 25)]


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from db.engine import open_database
    from desktop.domain.calls import find_call
    from desktop.importing.service import import_applications

    database = open_database(sys.argv[1])
    def progress(done, total):
        if done >= 4000:
            print("halfway", flush=True)
            time.sleep(60)  # the parent kills us here, mid-transaction
    import_applications(database, sys.argv[2], find_call(None), progress=progress, chunk_rows=2000)
    print("finished", flush=True)
    """
)


def test_a_kill_during_import_leaves_the_database_intact(database, call_2024, tmp_path):
    import_applications(
        database, write_csv(tmp_path / "base.csv", row(codice_domanda="K-0")), call_2024
    )
    before = list_applications(database, call_2024)
    source = write_csv(
        tmp_path / "grande.csv", *[row(codice_domanda=f"K-{i}") for i in range(1, 10001)]
    )
    target = database.url.removeprefix("sqlite:///") if database.is_sqlite else database.url
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, target, str(source)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert child.stdout.readline().strip() == "halfway"
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    from db.engine import open_database

    reopened = open_database(target)
    try:
        assert list_applications(reopened, call_2024) == before
        assert count(reopened, ImportBatch) == 1
        if reopened.is_sqlite:
            with reopened.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        reopened.close()


def test_every_rule_has_its_reason_when_shown(database, call_2024, tmp_path):
    """Passed rules are stored without their reason; the detail rebuilds it."""
    import_applications(
        database,
        write_csv(tmp_path / "a.csv", row(codice_domanda="R-1", costo_totale="120.000,00")),
        call_2024,
    )
    views = {v.result.rule: v for v in eligibility_detail(database, call_2024, "R-1")}
    assert views["costo_massimo"].outcome is Outcome.FAIL
    assert views["costo_massimo"].result.reason_it == "costo 120.000,00 € > 100.000,00 €"
    assert views["costo_minimo"].outcome is Outcome.PASS
    assert views["costo_minimo"].result.reason_it == "costo 120.000,00 € ≥ 20.000,00 €"
    assert all(v.result.reason_it and v.result.reason_en for v in views.values())


def test_a_mapping_can_leave_a_known_header_out(database, call_2024, tmp_path):
    source = write_csv(tmp_path / "a.csv", row(sintesi="Da non leggere"))
    result = import_applications(database, source, call_2024, mapping={"sintesi": ""})
    assert "sintesi" in result.ignored_columns
    with database.session() as session:
        assert session.scalars(select(Application.summary)).one() == ""
