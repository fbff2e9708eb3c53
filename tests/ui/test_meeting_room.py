"""The room view and the kiosk, drawn from RoomState values built here: legible from
across the room (text measured on the widgets), WCAG AA contrast computed, nothing
carried by colour alone, nothing that needs scrolling, the second screen chosen,
the clocks moved on without asking the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

from desktop.services.meeting import (
    CriterionLine,
    ProposalView,
    RoomItem,
    RoomState,
    SittingView,
)
from desktop.ui.meeting import room
from desktop.ui.meeting.room import (
    COLOURS,
    KioskView,
    RoomView,
    contrast_ratio,
    pixel_sizes,
    presentation_screen,
)

LONG_TITLE = (
    "Orti condivisi, biblioteca degli attrezzi e laboratori intergenerazionali di "
    "quartiere per la rigenerazione del cortile di via dei Cinque Martiri e dintorni"
)


def sitting(**changes) -> SittingView:
    values = dict(
        id=1,
        call_id="milano-2024-2025",
        session_code="I",
        number=2,
        date=dt.date(2025, 3, 12),
        place="Sala Giunta, Palazzo Marino",
        opened_at=dt.datetime(2025, 3, 12, 9, 30),
        closed_at=None,
        state="open",
        item_target_minutes=10,
        opened_by="Segreteria",
    )
    values.update(changes)
    return SittingView(**values)


def item(code="CC24-0007", title=LONG_TITLE, motivations=5, **changes) -> RoomItem:
    criteria = tuple(
        CriterionLine(
            key=f"c{n}",
            label=label,
            weight=Decimal("0.2"),
            maximum=Decimal(20),
            mean=Decimal("14.33"),
            low=Decimal(11),
            high=Decimal(18),
        )
        for n, label in enumerate(
            [
                "Impatto sul quartiere",
                "Qualità e fattibilità del progetto",
                "Partecipazione e rete di partner",
                "Sostenibilità economica nel tempo",
                "Coerenza con gli obiettivi del bando",
            ]
        )
    )
    values = dict(
        code=code,
        title=title,
        lead_partner="Associazione Cortili Aperti di Niguarda APS",
        partners=(
            "Cooperativa Sociale Il Giardino",
            "Comitato Inquilini Via Cinque Martiri",
            "Scuola primaria Pianell",
            "Biblioteca di quartiere",
        ),
        district=9,
        cost_cents=12_000_000,
        grant_cents=6_000_000,
        objectives=("Verde e spazi pubblici", "Inclusione sociale", "Cultura"),
        criteria=criteria,
        total=Decimal("71.65"),
        spread=Decimal("22"),
        disagreement=True,
        motivations=tuple(
            f"Motivazione numero {n}: il progetto coinvolge davvero il quartiere, ma il "
            "piano economico dopo il primo anno è fragile e va chiarito con i partner."
            for n in range(1, motivations + 1)
        ),
        proposal=ProposalView(
            position=4, status="finanziabile", above_line=True, budget_left_cents=18_000_000
        ),
        state="current",
        decision=None,
    )
    values.update(changes)
    return RoomItem(**values)


def state(**changes) -> RoomState:
    values = dict(
        sitting=sitting(),
        elapsed_seconds=3_600 + 12 * 60 + 3,
        current=item(),
        next=item("CC24-0011", "Il titolo del prossimo progetto non va in chiosco"),
        then=item("CC24-0003", "Il titolo del terzo"),
        must_leave=(),
        may_return=(),
        cleared=True,
        item_seconds=7 * 60 + 12,
        item_target_seconds=600,
        timer_running=True,
        admitted_total_cents=32_000_000,
        budget_cents=50_000_000,
        done=3,
        remaining=9,
    )
    values.update(changes)
    return RoomState(**values)


def visible_labels(window) -> list[QLabel]:
    return [
        label
        for label in window.findChildren(QLabel)
        if label.isVisibleTo(window) and label.text().strip()
    ]


def all_text(window) -> str:
    return "\n".join(label.text() for label in visible_labels(window))


@pytest.fixture
def shown(qtbot):
    def show(cls, value):
        window = cls()
        qtbot.addWidget(window)
        window.resize(1920, 1080)
        window.show()
        qtbot.waitExposed(window)
        window.set_state(value)
        return window

    return show


def test_every_colour_pair_has_aa_contrast():
    ratios = {kind: contrast_ratio(*pair) for kind, pair in COLOURS.items()}
    assert min(ratios.values()) >= 4.5, ratios
    # The formula: black on white is 21:1, a colour on itself 1:1, WCAG's own sample.
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_the_labels_use_only_the_checked_colours(shown):
    window = shown(RoomView, state(must_leave=("Rossi",), may_return=("Verdi",), cleared=False))
    checked = {room.style(kind) for kind in COLOURS}
    for label in window.findChildren(QLabel):
        assert label.styleSheet() in checked, label.objectName()


def test_the_rendered_text_is_legible_from_across_the_room(shown):
    window = shown(RoomView, state())
    ratio = window.devicePixelRatioF()
    headings = {"roomTitle", "roomLeave", "roomReturn"}
    measured = {}
    for label in visible_labels(window):
        metrics = QFontMetrics(label.font())
        # The rendered height of a capital and of the whole line, in device pixels.
        pixels = label.font().pixelSize() * ratio
        cap = metrics.capHeight() * ratio
        minimum = 48 if label.objectName() in headings else 32
        assert pixels >= minimum, (label.objectName(), pixels)
        assert metrics.height() * ratio >= minimum, (label.objectName(), metrics.height())
        measured[label.objectName()] = (pixels, metrics.height() * ratio, cap)
    assert measured["roomTitle"][0] >= 48
    assert measured["roomFacts"][0] >= 32


def assert_fits(window) -> None:
    """Every text inside the 1920×1080 page, in full in its label: no scrolling."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # the layout settles
    page = QRect(0, 0, 1920, 1080)
    assert window.layout().totalMinimumSize().height() <= 1080
    for label in visible_labels(window):
        where = QRect(label.mapTo(window, label.rect().topLeft()), label.size())
        assert page.contains(where), (label.objectName(), where)
        # The text needs no more room than the label has.
        needed = label.fontMetrics().boundingRect(QRect(0, 0, 10_000, 10_000), 0, label.text())
        assert needed.height() <= label.height() + 2, (label.objectName(), label.text())
        assert needed.width() <= label.width() + 2, (label.objectName(), label.text())


def test_a_long_item_with_five_motivations_fits_without_scrolling(shown):
    window = shown(RoomView, state())
    assert_fits(window)
    text = all_text(window)
    assert "CC24-0007 — Orti condivisi" in text and "…" in text  # the title cut
    assert "Motivazione numero 1" in text
    assert "Motivazione numero 5" not in text  # summarised, said so
    assert "Impatto sul quartiere" in text and "14,33 (11–18)" in text


def test_the_current_item_and_what_the_room_reads(shown):
    text = all_text(shown(RoomView, state()))
    for words in (
        "Sitting no. 2 · 12/03/2025 · Sala Giunta, Palazzo Marino",
        "Current: CC24-0007",
        "Next: CC24-0011",
        "Then: CC24-0003",
        "Lead partner: Associazione Cortili Aperti di Niguarda",
        "Municipio 9",
        "120.000,00 €",
        "60.000,00 €",
        "position 4",
        "above the funding line",
        "180.000,00 €",
        "320.000,00 € of 500.000,00 €",
        "Evaluators disagree",
        "Item 07:12 of 10:00 · Sitting 1:12:03",
    ):
        assert words in text, words


def test_leaving_and_returning_in_large_type_and_the_item_hidden_until_they_left(shown):
    window = shown(
        RoomView, state(must_leave=("Rossi", "Bianchi"), may_return=("Verdi",), cleared=False)
    )
    assert window.leave_label.isVisibleTo(window)
    assert "Rossi, Bianchi" in window.leave_label.text()
    assert "Verdi" in window.return_label.text()
    assert window.leave_label.font().pixelSize() >= 48
    assert LONG_TITLE[:20] not in all_text(window)  # not before they have left
    assert "Impatto sul quartiere" not in all_text(window)
    window.set_state(state(must_leave=("Rossi", "Bianchi"), may_return=("Verdi",), cleared=True))
    assert not window.leave_label.isVisibleTo(window)
    assert window.return_label.isVisibleTo(window)
    assert "CC24-0007 — Orti" in all_text(window)
    assert_fits(window)


def test_past_the_target_is_a_word_and_a_symbol(shown):
    window = shown(RoomView, state(item_seconds=11 * 60))
    assert window.signal_label.isVisibleTo(window)
    assert window.signal_label.text() == "⏱ Past the target time"
    window.set_state(state(item_seconds=60))
    assert not window.signal_label.isVisibleTo(window)


def test_the_clock_moves_on_without_a_new_state(shown):
    window = shown(RoomView, state(item_seconds=598))
    moment = [1000.0]
    window.clocks.now = lambda: moment[0]
    window.set_state(state(item_seconds=598))
    moment[0] += 5
    window.tick()
    assert "Item 10:03 of 10:00" in window.clock_label.text()
    assert window.signal_label.isVisibleTo(window)
    window.set_state(state(item_seconds=598, timer_running=False))
    moment[0] += 5
    window.tick()
    assert "Item 09:58 of 10:00 (paused)" in window.clock_label.text()


def test_no_sitting_says_so(shown):
    window = shown(RoomView, state(sitting=None, current=None, next=None, then=None))
    assert "No sitting is open" in all_text(window)


def test_the_kiosk_shows_codes_and_who_comes_back_never_titles(shown):
    window = shown(KioskView, state(may_return=("Verdi",), calls_back=("Verdi", "Neri")))
    text = all_text(window)
    assert "CC24-0007" in text and "CC24-0011" in text
    assert "Verdi, Neri" in text
    assert "Orti" not in text and "prossimo progetto" not in text
    assert "CC24-0003" not in text  # only current and next
    assert min(label.font().pixelSize() for label in visible_labels(window)) >= 48


class FakeScreen:
    def __init__(self, x, width=1920, height=1080):
        self._geometry = QRect(x, 0, width, height)

    def geometry(self):
        return self._geometry


def test_the_room_view_goes_to_the_second_screen():
    laptop, projector = FakeScreen(0, 1366, 768), FakeScreen(1366)
    assert presentation_screen([laptop, projector], laptop) is projector
    assert presentation_screen([projector, laptop], laptop) is projector
    assert presentation_screen([laptop], laptop) is laptop
    assert presentation_screen([], laptop) is laptop


def test_sizes_are_device_pixels_whatever_the_ui_scale():
    assert pixel_sizes(1080, 1.0) == (32, 48)
    body, heading = pixel_sizes(1080, 1.5)  # QT_SCALE_FACTOR=1.5: logical pixels
    assert body * 1.5 >= 32 and heading * 1.5 >= 48 and body < 32
    assert pixel_sizes(2160, 1.0) == (64, 96)  # a 4K projector: the same share of it
