"""`commissione rank`, `export ranking|summary` and `decide`: outputs and exit codes."""

from __future__ import annotations

import csv
import json
import re

import pytest

from db.engine import open_database
from desktop.cli import EXIT_OK, EXIT_UNUSABLE, main
from desktop.services.ranking import load_decisions
from tests.test_ranking_service import pdf_text, seed_hand_example


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def seeded(database_url, call_2024):
    database = open_database(database_url)
    try:
        seed_hand_example(database, call_2024)
    finally:
        database.close()
    return database_url


def test_rank_as_json_with_an_italian_budget(capsys, seeded):
    code, out, _ = run(
        capsys,
        "--db",
        seeded,
        "rank",
        "--session",
        "I",
        "--budget",
        "150.000,00",
        "--format",
        "json",
    )
    assert code == EXIT_OK
    result = json.loads(out)
    assert [(e["code"], e["position"], e["status"]) for e in result["entries"]] == [
        ("A1", 1, "finanziabile"),
        ("A2", 2, "finanziabile"),
        ("A4", 3, "finanziabile"),
        ("A3", 4, "idoneo_non_finanziato"),
        ("A6", 5, "idoneo_non_finanziato"),
        ("A5", None, "non_idoneo"),
    ]
    assert result["entries"][0]["score"] == "87.67"
    assert result["entries"][0]["criteria"]["impatto_quartiere"]["mean"] == "22.00"
    assert (result["budget_cents"], result["funded_total_cents"], result["left_cents"]) == (
        15_000_000,
        13_500_000,
        1_500_000,
    )
    assert result["disagreements"][0]["code"] == "A6"
    # A plain amount means the same.
    _, plain, _ = run(
        capsys, "--db", seeded, "rank", "--session", "I", "--budget", "150000", "--format", "json"
    )
    assert json.loads(plain)["funded_total_cents"] == 13_500_000


def test_rank_table_shows_the_line_and_the_normalised_comparison(capsys, seeded):
    code, out, _ = run(
        capsys, "--db", seeded, "rank", "--session", "I", "--budget", "150000", "--normalised"
    )
    assert code == EXIT_OK
    lines = out.splitlines()
    line = next(i for i, text in enumerate(lines) if "linea di finanziamento" in text)
    assert "A4" in lines[line - 1] and "A3" in lines[line + 1]
    assert "Finanziabili 3 progetti per 135.000,00 €; residuo 15.000,00 €" in out
    assert "A6 !" in out and "scarto 45,00" in out
    assert "Graduatoria normalizzata" in out
    code, out, _ = run(capsys, "--lang", "en", "--db", seeded, "rank", "--session", "I")
    assert code == EXIT_OK and "Fundable: 5 projects" in out and "Eligible, not funded" not in out


def test_rank_as_csv(capsys, seeded):
    code, out, _ = run(
        capsys, "--db", seeded, "rank", "--session", "I", "--budget", "150000", "--format", "csv"
    )
    assert code == EXIT_OK and out.startswith("\ufeff")
    rows = list(csv.DictReader(out.lstrip("\ufeff").splitlines(), delimiter=";"))
    assert rows[0]["codice_domanda"] == "A1" and rows[0]["punteggio"] == "87,67"
    assert rows[0]["contributo_cumulato"] == "50.000,00"
    assert rows[3]["stato"] == "Idoneo non finanziato"


def test_bad_budget_and_unknown_session_are_unusable_input(capsys, seeded):
    code, _, err = run(capsys, "--db", seeded, "rank", "--budget", "centomila")
    assert code == EXIT_UNUSABLE and "--budget «centomila»" in err
    code, _, err = run(capsys, "--db", seeded, "rank", "--session", "III")
    assert code == EXIT_UNUSABLE and "III" in err and "I, II" in err


def test_export_ranking_and_summary(capsys, seeded, tmp_path):
    for format in ("csv", "xlsx", "pdf"):
        out_file = tmp_path / f"graduatoria.{format}"
        code, out, _ = run(
            capsys,
            "--db",
            seeded,
            "export",
            "ranking",
            "--format",
            format,
            "--out",
            str(out_file),
            "--session",
            "I",
            "--budget",
            "150.000",
        )
        assert code == EXIT_OK and out_file.exists() and "3 finanziabili" in out
    assert "Idoneo non finanziato" in pdf_text(tmp_path / "graduatoria.pdf")
    assert not list(tmp_path.glob("*.tmp"))

    summary = tmp_path / "A6.pdf"
    code, out, _ = run(capsys, "--db", seeded, "export", "summary", "A6", "--out", str(summary))
    assert code == EXIT_OK and "3 schede" in out
    assert "Rossi: progetto A6 coerente con il bando" in pdf_text(summary)
    code, _, err = run(capsys, "--db", seeded, "export", "summary", "ZZ-9", "--out", str(summary))
    assert code == EXIT_UNUSABLE and "ZZ-9" in err


def test_decide_needs_reasons_and_records_who(capsys, seeded, call_2024, monkeypatch):
    monkeypatch.setenv("COMMISSIONE_USER", "segreteria")
    code, _, err = run(capsys, "--db", seeded, "decide", "A1", "--admitted")
    assert code == EXIT_UNUSABLE and "motivazioni" in err
    code, _, err = run(
        capsys, "--db", seeded, "--lang", "en", "decide", "A1", "--admitted", "--reasons", " "
    )
    assert code == EXIT_UNUSABLE and "reasons" in err
    code, out, _ = run(
        capsys, "--db", seeded, "decide", "A1", "--admitted", "--reasons", "Primo in graduatoria"
    )
    assert code == EXIT_OK and "A1 ammessa (segreteria)" in out
    database = open_database(seeded)
    try:
        decision = load_decisions(database, call_2024)["A1"]
    finally:
        database.close()
    assert (decision.decision, decision.reasons, decision.decided_by) == (
        "admitted",
        "Primo in graduatoria",
        "segreteria",
    )
    _, out, _ = run(capsys, "--db", seeded, "rank", "--session", "I")
    assert "ammessa" in out.splitlines()[3]
    code, out, _ = run(capsys, "--db", seeded, "decide", "A1", "--clear")
    assert code == EXIT_OK and "rimossa" in out
    code, _, err = run(capsys, "--db", seeded, "decide", "ZZ-1", "--not-admitted", "--reasons", "x")
    assert code == EXIT_UNUSABLE and "ZZ-1" in err


def test_documents_print_the_audit_anchor(capsys, seeded, tmp_path, monkeypatch):
    """Every document carries `audit anchor`'s COUNT:HASH: whole in the closing lines,
    cut to 16 hex digits in each page's footer, and either verifies."""
    monkeypatch.setenv("COMMISSIONE_USER", "segreteria")
    code, _, _ = run(capsys, "--db", seeded, "decide", "A1", "--admitted", "--reasons", "ok")
    assert code == EXIT_OK
    code, anchor, _ = run(capsys, "--db", seeded, "audit", "anchor")
    anchor = anchor.strip()
    count, digest = anchor.split(":")
    assert code == EXIT_OK and int(count) > 0 and len(digest) == 64
    short = f"{count}:{digest[:16]}"

    ranking, summary = tmp_path / "graduatoria.pdf", tmp_path / "A6.pdf"
    args = ("--session", "I", "--budget", "150.000")
    for command in (
        ("export", "ranking", "--format", "pdf", "--out", str(ranking), *args),
        ("export", "summary", "A6", "--out", str(summary)),
    ):
        assert run(capsys, "--db", seeded, *command)[0] == EXIT_OK
    for document in (ranking, summary):
        text = pdf_text(document)
        # pdftotext may put the footer's line beside the page number: compare words.
        words = text.split()
        assert anchor in words or anchor + "." in words, document.name
        footers = re.findall(r"Registro di controllo: (\d+:[0-9a-f]+)", text)
        assert footers and set(footers) == {short}, document.name
        assert f"commissione audit verify --anchor {short}" in " ".join(words)

    xlsx = tmp_path / "graduatoria.xlsx"
    command = ("export", "ranking", "--format", "xlsx", "--out", str(xlsx), *args)
    assert run(capsys, "--db", seeded, *command)[0] == EXIT_OK
    from openpyxl import load_workbook

    lines = {row[0].value: row[1].value for row in load_workbook(xlsx)["Riepilogo"].iter_rows()}
    assert lines["Registro di controllo"] == anchor

    code, out, _ = run(capsys, "--db", seeded, "audit", "verify", "--anchor", short)
    assert code == EXIT_OK and "ok" in out
