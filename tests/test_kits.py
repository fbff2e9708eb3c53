"""Offline kits end to end: the secretariat's database (SQLite and PostgreSQL)
exports a kit, the evaluator's workspace (a SQLite file) scores with the ordinary
sheets service, the return comes back and is merged, with conflicts surfaced and
every damaged, edited or foreign file refused with the database unchanged."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.engine import open_database
from db.models import AuditEntry, Kit, KitReturn
from desktop.kits import (
    CENTRAL,
    RETURNED,
    KitProblem,
    export_kit,
    export_return,
    import_return,
    open_kit,
    workspace_info,
    workspace_path,
)
from desktop.kits import format as kit_format
from desktop.services import sheets
from desktop.services.sheets import SheetProblem
from tests.test_sheets import (
    ANNA,
    BRUNO,
    add_conflict,
    all_scores,
    remove_assignment,
    seed,
    snapshot,
    submit,
)


@pytest.fixture
def central(database, call_2024):
    seed(database, call_2024)
    return database


@pytest.fixture
def workspaces(tmp_path) -> Path:
    return tmp_path / "postazione-valutatore"


def unpacked(path: Path) -> str:
    """Every member of a kit or return file, decompressed, as one text."""
    with zipfile.ZipFile(path) as archive:
        return "\n".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def issue(central, call, tmp_path, member=ANNA, name="kit.zip"):
    path = tmp_path / name
    return export_kit(central, call, member, path), path


def unchanged_by(database, action):
    """Runs `action` (which must be refused) and checks the database is unchanged row
    for row and, on SQLite, byte for byte."""

    def files():
        if not database.is_sqlite:
            return None
        base = Path(database.url.removeprefix("sqlite:///"))
        return [
            hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else None
            for p in (base, Path(f"{base}-wal"))
        ]

    rows, raw = snapshot(database), files()
    with pytest.raises(KitProblem) as refused:
        action()
    assert snapshot(database) == rows
    assert files() == raw
    return refused.value


def forged(path: Path, target: Path, edit_content=None, edit_manifest=None, key=None):
    """A copy of a kit or return file with its content or manifest edited; the
    whole-file digest is always made right again (that is not a secret), the HMAC
    only when `key` is given."""
    package = kit_format.read_package(path, _kind(path))
    manifest, content = dict(package.manifest), json.loads(json.dumps(package.content))
    if edit_content:
        edit_content(content)
    if edit_manifest:
        edit_manifest(manifest)
    content_bytes = kit_format.canonical(content)
    manifest["content_sha256"] = hashlib.sha256(content_bytes).hexdigest()
    if key:
        manifest["hmac"] = kit_format.signature(key, manifest)
    target.write_bytes(kit_format.pack(manifest["kind"], manifest, content_bytes))
    return target


def _kind(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))["kind"]


# --------------------------------------------------------------------------- the kit


def test_the_kit_carries_only_what_scoring_needs(central, call_2024, tmp_path):
    sheets.save_draft(
        central,
        call_2024,
        ANNA,
        "D001",
        {"alleanza": Decimal(7)},
        {"alleanza": "Buona rete"},
        "",
        "Nota privata di Anna in segreteria",
    )
    submit(central, call_2024, BRUNO, "D001", motivation="Motivazione di Bruno")
    add_conflict(central, call_2024, ANNA, "D004")
    summary, path = issue(central, call_2024, tmp_path)
    assert (summary.member, summary.applications, summary.sheets) == (ANNA, 3, 1)
    assert summary.size_bytes == path.stat().st_size
    text = unpacked(path)
    content = json.loads(zipfile.ZipFile(path).read("kit.json"))
    assert [a["code"] for a in content["applications"]] == ["D001", "D002", "D003"]
    first = content["applications"][0]
    assert first["title"] == "Bottega di quartiere 1" and first["objectives"] == [1, 3]
    assert [p["name"] for p in first["people"]] == ["Forno Rossi 1 srl", "Associazione Vicini 1"]
    assert content["sheets"][0]["scores"] == {"alleanza": [700, "Buona rete"]}
    assert content["call"]["id"] == call_2024.id and len(content["call"]["file_sha256"]) == 64
    assert [c["id"] for c in content["grid"]["criteria"]] == [c.id for c in call_2024.grid.criteria]
    for personal in (
        "pec.example.it",
        "forno1@example.it",
        "01234567897",
        "Mario Rossi",
        "Via Padova",
        "Nota privata",
        "Motivazione di Bruno",  # another member's sheet
        "D004",  # the conflicted application
    ):
        assert personal not in text
    with central.session() as session:
        kit = session.get(Kit, summary.kit_id)
        assert kit.call_id == call_2024.id and len(kit.key_hex) == 64
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "kit")).one()
        assert entry.action == "issue" and kit.key_hex not in entry.new
        assert json.loads(entry.new)["sheet_versions"] == {"D001": 1}


def test_a_member_without_assignments_gets_no_kit(central, call_2024, tmp_path):
    for code in ("D001", "D002", "D003", "D004"):
        remove_assignment(central, call_2024, ANNA, code)
    error = unchanged_by(central, lambda: export_kit(central, call_2024, ANNA, tmp_path / "k"))
    assert "nessuna domanda" in error.it
    assert not (tmp_path / "k").exists()


# --------------------------------------------------------------------------- round trip


def test_round_trip_export_workspace_score_return_import(central, call_2024, tmp_path, workspaces):
    sheets.save_draft(central, call_2024, ANNA, "D001", {"alleanza": Decimal(7)}, {}, "", "")
    summary, kit = issue(central, call_2024, tmp_path)

    workspace = open_kit(kit, workspaces)
    try:
        assert workspace.url.endswith(str(workspace_path(summary.kit_id, workspaces)))
        info = workspace_info(workspace)
        assert (info.member, info.call_id, info.base_versions) == (ANNA, call_2024.id, {"D001": 1})
        assert sheets.workspace_member(workspace) == ANNA
        # The ordinary service scores offline.
        assert sheets.progress(workspace, call_2024, ANNA) == (0, 4)
        draft = sheets.open_sheet(workspace, call_2024, ANNA, "D001")
        assert (draft.version, draft.scores) == (1, {"alleanza": 7})
        assert draft.lead_name == "Forno Rossi 1 srl"
        version = sheets.save_draft(
            workspace,
            call_2024,
            ANNA,
            "D001",
            all_scores(call_2024, 15),
            {"impatto_quartiere": "Piazza rigenerata"},
            "Progetto convincente.",
            "Segreto: conosco il fornaio",
            expected_version=1,
        )
        sheets.submit_sheet(workspace, call_2024, ANNA, "D001", expected_version=version)
        sheets.save_draft(
            workspace, call_2024, ANNA, "D002", {"alleanza": Decimal(3)}, {}, "", "Altro segreto"
        )
        with pytest.raises(SheetProblem, match="kit di Anna Bianchi"):
            sheets.reopen_sheet(workspace, call_2024, ANNA, "D001", "Ripensamento")
        returned = export_return(workspace, tmp_path / "ritorno.zip")
        # A workspace neither issues kits nor takes returns: that is the office's job.
        with pytest.raises(KitProblem, match="kit si preparano dal database della segreteria"):
            export_kit(workspace, call_2024, ANNA, tmp_path / "kit-del-kit.zip")
        with pytest.raises(KitProblem, match="si importa nel database della segreteria"):
            import_return(workspace, call_2024, returned.path)
    finally:
        workspace.close()
    assert (returned.sheets, returned.submitted, returned.drafts) == (2, 1, 1)
    text = unpacked(returned.path)
    assert "Segreto" not in text and "segreto" not in text
    assert "Piazza rigenerata" in text

    central_before = sheets.open_sheet(central, call_2024, ANNA, "D001")
    assert central_before.version == 1
    result = import_return(central, call_2024, returned.path)
    assert result.applied and not result.conflicts
    assert sorted(result.updated) == ["D001", "D002"]
    after = sheets.open_sheet(central, call_2024, ANNA, "D001")
    assert (after.status, after.version, after.total) == ("submitted", 2, 75)
    assert after.comments == {"impatto_quartiere": "Piazza rigenerata"}
    assert after.private_note == ""  # the note stayed on the laptop
    assert sheets.open_sheet(central, call_2024, ANNA, "D002").scores == {"alleanza": 3}
    with central.session() as session:
        applied = session.get(KitReturn, returned.return_id)
        assert (applied.kit_id, applied.sheets_applied) == (summary.kit_id, 2)
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "sheet")
        ).all()
        assert actions.count("kit_return") == 2

    # Importing the same return again changes nothing, and says so.
    again = unchanged_by_result(central, lambda: import_return(central, call_2024, returned.path))
    assert again.already_applied and not again.applied


def unchanged_by_result(database, action):
    rows = snapshot(database)
    result = action()
    assert snapshot(database) == rows
    return result


def test_opening_the_kit_again_keeps_the_evaluators_work(central, call_2024, tmp_path, workspaces):
    _summary, kit = issue(central, call_2024, tmp_path)
    workspace = open_kit(kit, workspaces)
    sheets.save_draft(workspace, call_2024, ANNA, "D003", {"alleanza": Decimal(9)}, {}, "", "n")
    workspace.close()
    reopened = open_kit(kit, workspaces)
    try:
        view = sheets.open_sheet(reopened, call_2024, ANNA, "D003")
        assert (view.scores, view.private_note) == ({"alleanza": 9}, "n")
    finally:
        reopened.close()


def test_the_workspace_defaults_to_the_users_data_folder(
    central, call_2024, tmp_path, _isolated_user_data
):
    summary, kit = issue(central, call_2024, tmp_path)
    workspace = open_kit(kit)
    workspace.close()
    assert (_isolated_user_data / "kits" / f"{summary.kit_id}.sqlite").is_file()
    assert not list((_isolated_user_data / "kits").glob("*.parziale*"))


def test_a_second_return_of_the_same_kit_is_not_a_conflict_with_the_first(
    central, call_2024, tmp_path, workspaces
):
    _summary, kit = issue(central, call_2024, tmp_path)
    workspace = open_kit(kit, workspaces)
    try:
        sheets.save_draft(workspace, call_2024, ANNA, "D001", {"alleanza": Decimal(4)}, {}, "")
        first = export_return(workspace, tmp_path / "r1.zip")
        assert import_return(central, call_2024, first.path).applied
        # The evaluator kept working after sending the first return.
        sheets.save_draft(workspace, call_2024, ANNA, "D001", all_scores(call_2024, 8), {}, "Ok.")
        sheets.submit_sheet(workspace, call_2024, ANNA, "D001")
        second = export_return(workspace, tmp_path / "r2.zip")
    finally:
        workspace.close()
    result = import_return(central, call_2024, second.path)
    assert result.applied and not result.conflicts and result.updated == ["D001"]
    assert sheets.open_sheet(central, call_2024, ANNA, "D001").status == "submitted"


def test_a_later_return_does_not_reopen_a_sheet_corrected_here_after_an_earlier_one(
    central, call_2024, tmp_path, workspaces
):
    """Anna's first return is merged; the office then corrects D001; her second
    return, where D001 is as she sent it before, must not offer to undo the
    correction: only what she changed since (D002) is a change."""
    _summary, kit = issue(central, call_2024, tmp_path)
    workspace = open_kit(kit, workspaces)
    try:
        sheets.save_draft(workspace, call_2024, ANNA, "D001", {"alleanza": Decimal(4)}, {}, "")
        first = export_return(workspace, tmp_path / "r1.zip")
        assert import_return(central, call_2024, first.path).applied
        sheets.save_draft(
            central, call_2024, ANNA, "D001", {"alleanza": Decimal(9)}, {}, "Corretta in ufficio."
        )
        sheets.save_draft(workspace, call_2024, ANNA, "D002", {"alleanza": Decimal(6)}, {}, "")
        second = export_return(workspace, tmp_path / "r2.zip")
    finally:
        workspace.close()
    result = import_return(central, call_2024, second.path)
    assert result.applied and not result.conflicts
    assert result.kept_central == ["D001"] and result.updated == ["D002"]
    corrected = sheets.open_sheet(central, call_2024, ANNA, "D001")
    assert corrected.scores == {"alleanza": Decimal(9)}
    assert corrected.motivation == "Corretta in ufficio."


def test_content_sent_before_but_never_merged_is_still_a_conflict(
    central, call_2024, tmp_path, workspaces
):
    """The same case when the first return never reached this database: the office
    change and Anna's content never met, so she and the office must choose."""
    _summary, kit = issue(central, call_2024, tmp_path)
    workspace = open_kit(kit, workspaces)
    try:
        sheets.save_draft(workspace, call_2024, ANNA, "D001", {"alleanza": Decimal(4)}, {}, "")
        export_return(workspace, tmp_path / "r1.zip")  # lost on the way
        sheets.save_draft(
            central, call_2024, ANNA, "D001", {"alleanza": Decimal(9)}, {}, "Corretta in ufficio."
        )
        sheets.save_draft(workspace, call_2024, ANNA, "D002", {"alleanza": Decimal(6)}, {}, "")
        second = export_return(workspace, tmp_path / "r2.zip")
    finally:
        workspace.close()
    result = import_return(central, call_2024, second.path)
    assert not result.applied and result.missing_choices == ["D001"]


# --------------------------------------------------------------------------- conflicts


@pytest.fixture
def conflicting(central, call_2024, tmp_path, workspaces):
    """A return whose D001 was also changed centrally after the kit; D002 only in
    the workspace; D003 changed on both sides to the same content."""
    sheets.save_draft(central, call_2024, ANNA, "D001", {"alleanza": Decimal(7)}, {}, "")
    _summary, kit = issue(central, call_2024, tmp_path)
    workspace = open_kit(kit, workspaces)
    try:
        sheets.save_draft(
            workspace,
            call_2024,
            ANNA,
            "D001",
            all_scores(call_2024, 12),
            {"alleanza": "Vista sul posto"},
            "Versione del portatile.",
        )
        sheets.submit_sheet(workspace, call_2024, ANNA, "D001")
        for code in ("D002", "D003"):
            sheets.save_draft(workspace, call_2024, ANNA, code, {"alleanza": Decimal(2)}, {}, "")
        path = export_return(workspace, tmp_path / "ritorno.zip").path
    finally:
        workspace.close()
    # Meanwhile, at the office, Anna corrects D001 on the central database.
    sheets.save_draft(
        central, call_2024, ANNA, "D001", {"alleanza": Decimal(5)}, {}, "Versione d'ufficio.", ""
    )
    sheets.save_draft(central, call_2024, ANNA, "D003", {"alleanza": Decimal(2)}, {}, "")
    return path


def test_a_sheet_changed_on_both_sides_waits_for_a_choice(
    central, call_2024, conflicting, monkeypatch
):
    result = unchanged_by_result(central, lambda: import_return(central, call_2024, conflicting))
    assert not result.applied and result.needs_choices
    assert result.missing_choices == ["D001"]
    (conflict,) = result.conflicts
    assert (conflict.code, conflict.member, conflict.base_version) == ("D001", ANNA, 1)
    assert conflict.title == "Bottega di quartiere 1"
    assert conflict.central.scores == {"alleanza": 5}
    assert conflict.central.motivation == "Versione d'ufficio."
    assert (conflict.central.status, conflict.central.version) == ("draft", 2)
    assert conflict.central.changed_by and conflict.central.changed_at is not None
    assert conflict.returned.scores == all_scores(call_2024, 12)
    assert conflict.returned.comments == {"alleanza": "Vista sul posto"}
    assert (conflict.returned.status, conflict.returned.total) == ("submitted", 60)
    assert conflict.returned.changed_by == ANNA
    # A choice for another code does not unblock it.
    partial = import_return(central, call_2024, conflicting, {"D002": RETURNED})
    assert partial.needs_choices
    assert sheets.open_sheet(central, call_2024, ANNA, "D002").status == ""


@pytest.mark.parametrize("choice", [RETURNED, CENTRAL])
def test_a_conflict_is_resolved_by_an_explicit_choice(central, call_2024, conflicting, choice):
    result = import_return(central, call_2024, conflicting, {"D001": choice})
    assert result.applied and not result.needs_choices
    d001 = sheets.open_sheet(central, call_2024, ANNA, "D001")
    if choice == RETURNED:
        assert (d001.status, d001.motivation) == ("submitted", "Versione del portatile.")
        assert d001.version == 3
        assert sorted(result.updated) == ["D001", "D002"]
    else:
        assert (d001.status, d001.motivation, d001.version) == ("draft", "Versione d'ufficio.", 2)
        assert result.kept_central == ["D001"] and result.updated == ["D002"]
    assert result.unchanged == ["D003"]  # same content on both sides: not a conflict
    assert sheets.open_sheet(central, call_2024, ANNA, "D002").scores == {"alleanza": 2}
    with central.session() as session:
        applied = session.get(KitReturn, result.return_id)
        assert applied.sheets_in_conflict == 1
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "return_imported")
        ).one()
        assert json.loads(entry.new)["kept_central" if choice == CENTRAL else "taken_returned"] == [
            "D001"
        ]
    again = unchanged_by_result(central, lambda: import_return(central, call_2024, conflicting))
    assert again.already_applied


def test_a_sheet_the_member_may_no_longer_score_must_be_left_out(central, call_2024, conflicting):
    add_conflict(central, call_2024, ANNA, "D002")
    result = import_return(central, call_2024, conflicting, {"D001": CENTRAL})
    assert not result.applied and result.missing_choices == ["D002"]
    assert "conflitto di interessi" in result.blocked[0].reason_it
    taken = import_return(central, call_2024, conflicting, {"D001": CENTRAL, "D002": RETURNED})
    assert not taken.applied
    done = import_return(central, call_2024, conflicting, {"D001": CENTRAL, "D002": CENTRAL})
    assert done.applied and sorted(done.kept_central) == ["D001", "D002"]
    with central.session() as session:
        assert session.scalar(select(func.count()).select_from(KitReturn)) == 1


# --------------------------------------------------------------------------- refusals


@pytest.fixture
def returned(central, call_2024, tmp_path, workspaces) -> Path:
    _summary, kit = issue(central, call_2024, tmp_path)
    workspace = open_kit(kit, workspaces)
    try:
        sheets.save_draft(
            workspace, call_2024, ANNA, "D001", all_scores(call_2024, 6), {}, "Sufficiente."
        )
        sheets.submit_sheet(workspace, call_2024, ANNA, "D001")
        return export_return(workspace, tmp_path / "ritorno.zip").path
    finally:
        workspace.close()


@pytest.mark.parametrize("keep", [0, 10, 100, 0.5, -1, -30])
def test_a_truncated_return_is_refused(central, call_2024, returned, tmp_path, keep):
    data = returned.read_bytes()
    size = keep if isinstance(keep, int) and keep >= 0 else len(data) + int(keep)
    if isinstance(keep, float):
        size = int(len(data) * keep)
    cut = tmp_path / "troncato.zip"
    cut.write_bytes(data[:size])
    error = unchanged_by(central, lambda: import_return(central, call_2024, cut))
    assert "danneggiato o incompleto" in error.it or "non è un file di ritorno" in error.it


def test_every_single_flipped_byte_is_refused(central, call_2024, returned, tmp_path):
    data = returned.read_bytes()
    damaged = tmp_path / "danneggiato.zip"
    rows = snapshot(central)
    for position in range(len(data)):
        flipped = bytearray(data)
        flipped[position] ^= 0x01
        damaged.write_bytes(bytes(flipped))
        with pytest.raises(KitProblem):
            import_return(central, call_2024, damaged)
    assert snapshot(central) == rows
    assert import_return(central, call_2024, returned).applied  # the original is fine


def test_an_edited_score_with_the_old_signature_is_refused(central, call_2024, returned, tmp_path):
    def raise_score(content):
        content["sheets"][0]["scores"]["alleanza"][0] = 2000

    edited = forged(returned, tmp_path / "modificato.zip", edit_content=raise_score)
    error = unchanged_by(central, lambda: import_return(central, call_2024, edited))
    assert "non corrisponde alla sua firma" in error.it


def test_another_members_return_is_refused(central, call_2024, returned, tmp_path):
    # Bruno's own kit key signs a return that claims to be Anna's.
    summary, _kit = issue(central, call_2024, tmp_path, member=BRUNO, name="kit-bruno.zip")
    with central.session() as session:
        bruno_key = session.get(Kit, summary.kit_id).key_hex

    def to_bruno_kit(manifest):
        manifest["kit_id"] = summary.kit_id

    def to_bruno_content(content):
        content["kit_id"] = summary.kit_id

    posing = forged(
        returned,
        tmp_path / "finto.zip",
        edit_content=to_bruno_content,
        edit_manifest=to_bruno_kit,
        key=bruno_key,
    )
    error = unchanged_by(central, lambda: import_return(central, call_2024, posing))
    assert "ma il kit è stato emesso a Bruno Verdi" in error.it


def test_a_return_for_another_database_is_refused(central, call_2024, returned, tmp_path):
    other = open_database(tmp_path / "altro-ufficio.sqlite")
    try:
        seed(other, call_2024)
        error = unchanged_by(other, lambda: import_return(other, call_2024, returned))
    finally:
        other.close()
    assert "non è stato emesso da questo database" in error.it


def test_a_return_of_another_call_is_refused(central, call_2024, call_2020, returned):
    error = unchanged_by(central, lambda: import_return(central, call_2020, returned))
    assert f"--call {call_2024.id}" in error.it


def test_a_kit_is_not_a_return_and_a_return_is_not_a_kit(
    central, call_2024, returned, tmp_path, workspaces
):
    _summary, kit = issue(central, call_2024, tmp_path, name="altro-kit.zip")
    error = unchanged_by(central, lambda: import_return(central, call_2024, kit))
    assert "è un kit, non un file di ritorno" in error.it
    with pytest.raises(KitProblem, match="non un kit"):
        open_kit(returned, workspaces)
    text = tmp_path / "note.zip"
    text.write_text("solo testo", encoding="utf-8")
    with pytest.raises(KitProblem, match="non è un kit di Commissione"):
        open_kit(text, workspaces)


def test_a_newer_format_is_refused(central, call_2024, returned, tmp_path, workspaces):
    summary, kit = issue(central, call_2024, tmp_path, name="kit-futuro.zip")
    package = kit_format.read_package(kit, kit_format.KIT)
    newer_kit = tmp_path / "kit-v2.zip"
    manifest = {k: v for k, v in package.manifest.items() if k not in ("hmac", "content_sha256")}
    kit_format.write_package(
        newer_kit,
        kit_format.KIT,
        {**manifest, "format_version": 2},
        package.content,
        package.manifest["key"],
    )
    with pytest.raises(KitProblem, match="versione più recente"):
        open_kit(newer_kit, workspaces)
    assert not workspace_path(summary.kit_id, workspaces).exists()

    with central.session() as session:
        key = session.get(Kit, package.manifest["kit_id"]).key_hex
    back = kit_format.read_package(returned, kit_format.RETURN)
    with central.session() as session:
        anna_key = session.get(Kit, back.manifest["kit_id"]).key_hex
    assert key != anna_key
    newer_return = tmp_path / "ritorno-v2.zip"
    kit_format.write_package(
        newer_return,
        kit_format.RETURN,
        {
            **{k: v for k, v in back.manifest.items() if k not in ("hmac", "content_sha256")},
            "format_version": 2,
        },
        back.content,
        anna_key,
    )
    error = unchanged_by(central, lambda: import_return(central, call_2024, newer_return))
    assert "formato kit 2" in error.it


def test_a_damaged_kit_is_refused_and_leaves_no_workspace(central, call_2024, tmp_path, workspaces):
    summary, kit = issue(central, call_2024, tmp_path)
    data = kit.read_bytes()
    for position in (0, 40, len(data) // 2, len(data) - 70, len(data) - 1):
        damaged = tmp_path / "kit-danneggiato.zip"
        flipped = bytearray(data)
        flipped[position] ^= 0xFF
        damaged.write_bytes(bytes(flipped))
        with pytest.raises(KitProblem):
            open_kit(damaged, workspaces)
    edited = forged(
        kit,
        tmp_path / "kit-modificato.zip",
        edit_content=lambda c: c["applications"][0].update(title="Altro"),
    )
    with pytest.raises(KitProblem, match="firma"):
        open_kit(edited, workspaces)
    assert not workspace_path(summary.kit_id, workspaces).exists()


def test_a_kit_whose_grid_differs_from_the_program_is_refused(
    central, call_2024, tmp_path, workspaces
):
    summary, kit = issue(central, call_2024, tmp_path)

    def other_grid(content):
        content["grid"]["criteria"][0]["max"] = "30"

    changed = forged(kit, tmp_path / "kit-griglia.zip", edit_content=other_grid)
    manifest = kit_format.read_package(changed, kit_format.KIT).manifest
    changed = forged(
        kit, tmp_path / "kit-griglia.zip", edit_content=other_grid, key=manifest["key"]
    )
    with pytest.raises(KitProblem, match="coerenza_obiettivi"):
        open_kit(changed, workspaces)
    assert not workspace_path(summary.kit_id, workspaces).exists()


def test_the_workspace_never_shows_other_evaluators(central, call_2024, tmp_path, workspaces):
    submit(central, call_2024, BRUNO, "D001", value=9)
    _summary, kit = issue(central, call_2024, tmp_path)
    workspace = open_kit(kit, workspaces)
    try:
        assert not sheets.open_sheet(workspace, call_2024, ANNA, "D001").others_visible
        submit(workspace, call_2024, ANNA, "D001")
        view = sheets.open_sheet(workspace, call_2024, ANNA, "D001")
        assert view.others_visible and view.others_totals == ()  # the kit has none
        path = export_return(workspace, tmp_path / "ritorno.zip").path
    finally:
        workspace.close()
    assert not sheets.open_sheet(central, call_2024, ANNA, "D001").others_visible
    import_return(central, call_2024, path)
    # At the office, once her submitted sheet is in, Anna sees Bruno's total.
    assert sheets.open_sheet(central, call_2024, ANNA, "D001").others_totals == (
        (BRUNO, Decimal(45)),
    )


def test_the_format_is_documented():
    from tests.conftest import RESOURCES

    text = (RESOURCES / "formats" / "kit.md").read_text(encoding="utf-8")
    for term in (
        "manifest.json",
        "kit.json",
        "return.json",
        "commissione-sha256:",
        "HMAC-SHA256",
        "format_version",
        "base_version",
        "earlier_returns",
    ):
        assert term in text


def test_a_return_leaves_the_workspace_but_not_its_notes(central, call_2024, tmp_path, workspaces):
    _summary, kit = issue(central, call_2024, tmp_path)
    workspace = open_kit(kit, workspaces)
    try:
        sheets.save_draft(workspace, call_2024, ANNA, "D001", {}, {}, "", "Solo per me: telefonare")
        empty = export_return(workspace, tmp_path / "vuoto.zip")
    finally:
        workspace.close()
    assert empty.sheets == 0 and "telefonare" not in unpacked(empty.path)
    result = import_return(central, call_2024, empty.path)
    assert result.applied and result.updated == []
    raw = io.BytesIO(empty.path.read_bytes())
    assert zipfile.ZipFile(raw).namelist() == ["manifest.json", "return.json"]


def test_a_kit_issued_before_codes_were_normalised_returns_after(
    central, call_2024, tmp_path, workspaces
):
    """Issued while the code was stored as `d001`; migration 0003 stores it as D001
    before the return comes back: the return still applies to it."""
    from sqlalchemy import update

    from db.models import Application

    def store_code(old: str, new: str) -> None:
        with central.session() as session, session.begin():
            session.execute(update(Application).where(Application.code == old).values(code=new))

    store_code("D001", "d001")
    _summary, kit = issue(central, call_2024, tmp_path)
    workspace = open_kit(kit, workspaces)
    try:
        sheets.save_draft(
            workspace, call_2024, ANNA, "d001", all_scores(call_2024, 6), {}, "Sufficiente."
        )
        sheets.submit_sheet(workspace, call_2024, ANNA, "d001")
        path = export_return(workspace, tmp_path / "ritorno.zip").path
    finally:
        workspace.close()
    store_code("d001", "D001")
    result = import_return(central, call_2024, path)
    assert result.applied
    sheet = sheets.open_sheet(central, call_2024, ANNA, "D001")
    assert sheet.status == "submitted" and sheet.motivation == "Sufficiente."
