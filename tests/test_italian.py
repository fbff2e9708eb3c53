"""Tests for desktop.domain.italian: parsing of Italian spreadsheet cells."""

from __future__ import annotations

import ast
import pickle
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from desktop.domain import italian
from desktop.domain.formatting import date as format_date_it
from desktop.domain.formatting import date_time as format_datetime_it
from desktop.domain.formatting import money as format_eur
from desktop.domain.italian import (
    ValueProblem,
    codice_fiscale_check_char,
    normalise_key,
    normalise_name,
    parse_amount,
    parse_date,
    parse_int_in_range,
    parse_months,
    parse_municipio,
    parse_tax_code,
    partita_iva_check_digit,
    tax_code_issue,
    tax_code_problem,
)
from desktop.domain.money import from_cents
from desktop.domain.problems import Problem

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space, used by some exports as thousands separator

# Words that show the reason tells the user what to do instead.
_DO_IT = ("scrivere", "usare", "arrotondare")
_DO_EN = ("write", "use", "round")


def problem(func, *args) -> ValueProblem:
    with pytest.raises(ValueProblem) as info:
        func(*args)
    exc = info.value
    assert isinstance(exc, Problem)
    assert (exc.it, exc.en) == (exc.reason_it, exc.reason_en)
    assert any(word in exc.reason_it for word in _DO_IT), exc.reason_it
    assert any(word in exc.reason_en for word in _DO_EN), exc.reason_en
    return exc


def assert_reason(exc: ValueProblem, it: str, en: str) -> None:
    assert it in exc.reason_it, exc.reason_it
    assert en in exc.reason_en, exc.reason_en


# --------------------------------------------------------------------------- module


def test_domain_modules_import_no_frameworks() -> None:
    forbidden = {"PySide6", "PyQt5", "PyQt6", "sqlalchemy", "pandas", "numpy"}
    root = Path(italian.__file__).parent
    for name in ("italian.py", "money.py"):
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""] if node.level == 0 else []
            else:
                continue
            for module in modules:
                assert module.split(".")[0] not in forbidden, (name, module)


def test_value_problem() -> None:
    exc = ValueProblem("motivo", "reason")
    assert isinstance(exc, Problem)
    assert str(exc) == "motivo / reason"
    assert (exc.reason_it, exc.reason_en) == (exc.it, exc.en) == ("motivo", "reason")
    copy = pickle.loads(pickle.dumps(exc))
    assert (copy.reason_it, copy.reason_en, str(copy)) == ("motivo", "reason", "motivo / reason")


# --------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("€ 85.000,00", "85000.00"),
        ("85.000,00 €", "85000.00"),
        ("85.000,00€", "85000.00"),
        ("€85.000", "85000.00"),
        ("EUR 85000", "85000.00"),
        ("85000 EUR", "85000.00"),
        ("euro 85.000,00", "85000.00"),
        ("85000", "85000.00"),
        ("  85000  ", "85000.00"),
        ("85.000", "85000.00"),
        ("1.000", "1000.00"),
        ("1.234.567,89", "1234567.89"),
        ("1.234.567", "1234567.00"),
        ("85000.50", "85000.50"),
        ("85000.5", "85000.50"),
        ("85000,5", "85000.50"),
        ("85000,50", "85000.50"),
        ("1.23", "1.23"),
        ("1,2", "1.20"),
        ("0,5", "0.50"),
        ("85 000,00", "85000.00"),
        ("85 000", "85000.00"),
        ("1 234 567,89", "1234567.89"),
        (f"{NBSP}85{NBSP}000,00{NBSP}€{NBSP}", "85000.00"),
        (f"85{NNBSP}000,00 €", "85000.00"),
        ("1,234.56", "1234.56"),
        ("1,234,567.89", "1234567.89"),
        ("1,234,567", "1234567.00"),
        ("+500", "500.00"),
        ("0", "0.00"),
        ("-0", "0.00"),
        ("0,00 €", "0.00"),
        ("\ufeff85000", "85000.00"),
    ],
)
def test_parse_amount_text(text: str, expected: str) -> None:
    result = parse_amount(text)
    assert result == Decimal(expected)
    assert str(result) == expected  # always exactly two decimals


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (85000, "85000.00"),
        (0, "0.00"),
        (85000.5, "85000.50"),
        (85000.499999, "85000.50"),  # floats: half up to cents via repr
        (0.1 + 0.2, "0.30"),
        (1234.565, "1234.57"),
        (-0.0, "0.00"),
        (Decimal("85000"), "85000.00"),
        (Decimal("85000.5"), "85000.50"),
        (Decimal("85000.500"), "85000.50"),
    ],
)
def test_parse_amount_numbers(value: object, expected: str) -> None:
    assert str(parse_amount(value)) == expected


def test_parse_amount_numpy_and_str_subclass() -> None:
    np = pytest.importorskip("numpy")
    assert parse_amount(np.int64(85000)) == Decimal("85000.00")
    assert parse_amount(np.float64(85000.5)) == Decimal("85000.50")
    assert parse_amount(np.float32(0.5)) == Decimal("0.50")

    class Cell(str):
        pass

    assert parse_amount(Cell("85.000,00 €")) == Decimal("85000.00")


@pytest.mark.parametrize("value", ["85k", "abc", "85.000,00 USD", "1e5", "85'000", "€", "EUR"])
def test_parse_amount_rejects_letters(value: str) -> None:
    exc = problem(parse_amount, value)
    assert_reason(exc, "non leggibile", "unreadable")
    assert_reason(exc, "85.000,00", "85.000,00")


@pytest.mark.parametrize(
    "value", ["", "   ", NBSP, None, float("nan"), Decimal("NaN"), Decimal("sNaN")]
)
def test_parse_amount_missing(value: object) -> None:
    exc = problem(parse_amount, value)
    assert_reason(exc, "mancante", "missing")


@pytest.mark.parametrize(
    ("value", "example"),
    [
        ("85000,505", "85.000,51"),
        ("85000.505", "85.000,51"),
        ("1.234,567", "1.234,57"),
        ("0,505", "0,51"),
        ("0.500", "0,50"),
        (Decimal("1.005"), "1,01"),
    ],
)
def test_parse_amount_rejects_more_than_two_decimals(value: object, example: str) -> None:
    exc = problem(parse_amount, value)
    assert_reason(exc, "più di due decimali", "more than two decimals")
    assert_reason(exc, example, example)


@pytest.mark.parametrize(
    "value", ["85.00.0", "1.2345", "1.23.456", "12,34.56", "1,2345.6", "1.234.56,7,8", "0.500.000"]
)
def test_parse_amount_rejects_malformed_grouping(value: str) -> None:
    exc = problem(parse_amount, value)
    assert_reason(exc, "migliaia", "thousands separator")
    assert_reason(exc, "tre cifre", "three digits")


@pytest.mark.parametrize(
    ("value", "thousands", "decimals"),
    [("85,000", "85.000", "85,00"), ("1,500", "1.500", "1,50"), ("€ 100,000", "100.000", "100,00")],
)
def test_parse_amount_rejects_ambiguous_comma(value: str, thousands: str, decimals: str) -> None:
    exc = problem(parse_amount, value)
    assert_reason(exc, "ambiguo", "ambiguous")
    assert_reason(exc, f"scrivere {thousands} (migliaia) oppure {decimals}", f"write {thousands}")
    assert f"or {decimals}" in exc.reason_en


@pytest.mark.parametrize(
    "value", ["-500", "−500", "- 500", "€ -500", "-€ 500", "(500)", "-85.000,00 €", -500, -0.5]
)
def test_parse_amount_rejects_negative(value: object) -> None:
    exc = problem(parse_amount, value)
    assert_reason(exc, "non può essere negativo", "amount must not be negative")


@pytest.mark.parametrize("value", [True, [1], {"a": 1}, float("inf"), date(2025, 1, 31)])
def test_parse_amount_rejects_other_types(value: object) -> None:
    exc = problem(parse_amount, value)
    assert_reason(exc, "non leggibile", "unreadable")


def test_parse_amount_out_of_range() -> None:
    exc = problem(parse_amount, 1e300)
    assert_reason(exc, "fuori scala", "out of range")


AMOUNTS = st.integers(min_value=0, max_value=10**11).map(from_cents)  # 0..10^9 euros


def amount_texts(amount: Decimal) -> list[str]:
    italian_style = format_eur(amount, symbol=False)  # 1.234.567,89
    plain = str(amount)  # 1234567.89
    english = italian_style.translate(str.maketrans(".,", ",."))  # 1,234,567.89
    texts = [
        italian_style,
        f"€ {italian_style}",
        f"{italian_style} €",
        f"{italian_style}€",
        f"€{italian_style}",
        format_eur(amount),
        plain,
        plain.replace(".", ","),
        f"€ {plain}",
        f"{plain} €",
        f"EUR {plain}",
        italian_style.replace(".", " "),
        italian_style.replace(".", NBSP) + f"{NBSP}€",
        english,
        f"  {italian_style}  ",
    ]
    if amount == amount.to_integral_value():
        whole = plain[:-3]
        texts += [whole, italian_style[:-3], f"€ {italian_style[:-3]}"]
    return texts


@given(AMOUNTS)
def test_parse_amount_round_trips_every_style(amount: Decimal) -> None:
    for text in amount_texts(amount):
        assert parse_amount(text) == amount, text


@given(AMOUNTS)
def test_format_eur_round_trips_through_parse_amount(amount: Decimal) -> None:
    cents = int(amount * 100)
    assert parse_amount(format_eur(cents)) == amount
    assert parse_amount(format_eur(amount, symbol=False)) == amount


@settings(max_examples=50)
@given(AMOUNTS)
def test_parse_amount_numbers_round_trip(amount: Decimal) -> None:
    assert parse_amount(amount) == amount
    assert parse_amount(float(amount)) == amount  # float within 15 significant digits
    if amount == amount.to_integral_value():
        assert parse_amount(int(amount)) == amount


# --------------------------------------------------------------------------- dates

D = date(2025, 1, 31)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("31/01/2025", (D, None)),
        ("31/1/2025", (D, None)),
        ("1/2/2025", (date(2025, 2, 1), None)),
        ("31-01-2025", (D, None)),
        ("31.01.2025", (D, None)),
        ("31/01/25", (D, None)),
        ("2025-01-31", (D, None)),
        ("2025/01/31", (D, None)),
        ("2025-01-31T10:32:00", (D, time(10, 32))),
        ("2025-01-31T10:32:00Z", (D, time(10, 32))),
        ("2025-01-31T10:32:00.250+01:00", (D, time(10, 32, 0, 250000))),
        ("2025-01-31 10:32", (D, time(10, 32))),
        ("31/01/2025 10:32", (D, time(10, 32))),
        ("31/01/2025 10:32:15", (D, time(10, 32, 15))),
        ("31/01/2025, 10:32", (D, time(10, 32))),
        ("31/01/2025 ore 10.32", (D, time(10, 32))),
        ("31/01/2025 00:00", (D, time(0, 0))),  # a written time is kept
        (f"{NBSP}31/01/2025{NBSP}", (D, None)),
        ("31 gennaio 2025", (D, None)),
        ("31-gen-2025", (D, None)),
        ("31 Jan 2025", (D, None)),
        ("45688", (D, None)),
        ("45688.5", (D, time(12, 0))),
        ("45688,75", (D, time(18, 0))),
        (45688, (D, None)),
        (45688.0, (D, None)),
        (45688.5, (D, time(12, 0))),
        (Decimal("45688.25"), (D, time(6, 0))),
        (1, (date(1900, 1, 1), None)),
        (59, (date(1900, 2, 28), None)),
        (61, (date(1900, 3, 1), None)),
        (2958465, (date(9999, 12, 31), None)),
        (D, (D, None)),
        (datetime(2025, 1, 31), (D, None)),
        (datetime(2025, 1, 31, 10, 32), (D, time(10, 32))),
        (datetime(2025, 1, 31, 0, 0, 1), (D, time(0, 0, 1))),
    ],
)
def test_parse_date(value: object, expected: tuple[date, time | None]) -> None:
    result = parse_date(value)
    assert result == expected
    assert type(result[0]) is date


def test_parse_date_pandas_timestamp() -> None:
    pd = pytest.importorskip("pandas")
    assert parse_date(pd.Timestamp("2025-01-31")) == (D, None)
    assert parse_date(pd.Timestamp("2025-01-31 10:32")) == (D, time(10, 32))
    exc = problem(parse_date, pd.NaT)
    assert_reason(exc, "mancante", "missing")


@pytest.mark.parametrize("value", ["31/02/2025", "29/02/2025", "00/01/2025", "2025-02-30", 60])
def test_parse_date_rejects_impossible_dates(value: object) -> None:
    exc = problem(parse_date, value)
    assert_reason(exc, "non esiste", "date does not exist")


def test_parse_date_suggests_day_first() -> None:
    exc = problem(parse_date, "01/31/2025")
    assert_reason(exc, "31/01/2025", "31/01/2025")
    assert_reason(exc, "il giorno va prima del mese", "day before the month")


@pytest.mark.parametrize(
    "value", ["domani", "31/01", "2025", "31/01/2025/1", "20250131", "123", "31 foo 2025"]
)
def test_parse_date_rejects_unreadable_text(value: str) -> None:
    exc = problem(parse_date, value)
    assert_reason(exc, "non leggibile", "unreadable date")
    assert_reason(exc, "31/01/2025 oppure 2025-01-31", "31/01/2025 or 2025-01-31")


@pytest.mark.parametrize("value", ["31/01/2025 24:00", "31/01/2025 10:60", "2025-01-31T10:32:61"])
def test_parse_date_rejects_invalid_times(value: str) -> None:
    exc = problem(parse_date, value)
    assert_reason(exc, "orario non valido", "invalid time")


@pytest.mark.parametrize("value", [0, -1, 2958466, 1e12, 0.5])
def test_parse_date_rejects_implausible_serials(value: float) -> None:
    exc = problem(parse_date, value)
    assert_reason(exc, "non plausibile", "not a plausible date")


@pytest.mark.parametrize("value", [None, "", "  ", float("nan")])
def test_parse_date_missing(value: object) -> None:
    exc = problem(parse_date, value)
    assert_reason(exc, "mancante", "missing date")


@pytest.mark.parametrize("value", [True, [2025, 1, 31], {"d": 1}, time(10, 32), float("inf")])
def test_parse_date_rejects_other_types(value: object) -> None:
    problem(parse_date, value)


DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
TIMES = st.times().map(lambda t: t.replace(microsecond=0))


def excel_serial(d: date) -> int:
    return (d - date(1899, 12, 30)).days


def test_excel_serial_reference() -> None:
    assert excel_serial(D) == 45688


@given(DATES)
def test_parse_date_round_trips_every_date_format(d: date) -> None:
    texts = [
        format_date_it(d),
        f"{d.day}/{d.month}/{d.year}",
        d.strftime("%d-%m-%Y"),
        d.strftime("%d.%m.%Y"),
        d.isoformat(),
        f"  {format_date_it(d)} ",
        str(excel_serial(d)),
    ]
    if 2000 <= d.year <= 2099:
        texts.append(d.strftime("%d/%m/%y"))
    for text in texts:
        assert parse_date(text) == (d, None), text
    serial = excel_serial(d)
    for value in (serial, float(serial), Decimal(serial), d, datetime(d.year, d.month, d.day)):
        assert parse_date(value) == (d, None), value


@given(DATES, TIMES)
def test_parse_date_round_trips_every_datetime_format(d: date, t: time) -> None:
    hm = t.replace(second=0)
    cases = [
        (f"{d.isoformat()}T{t.isoformat()}", t),
        (f"{d.isoformat()} {t.isoformat()}", t),
        (f"{d.isoformat()} {t.hour:02d}:{t.minute:02d}", hm),
        (format_datetime_it(d, hm), hm),
        (f"{format_date_it(d)} {t.isoformat()}", t),
        (f"{format_date_it(d)} {t.hour}:{t.minute:02d}", hm),
    ]
    for text, expected in cases:
        assert parse_date(text) == (d, expected), text
    # From objects and Excel serials midnight means "no time".
    no_midnight = None if t == time(0) else t
    assert parse_date(datetime.combine(d, t)) == (d, no_midnight)
    seconds = t.hour * 3600 + t.minute * 60 + t.second
    assert parse_date(excel_serial(d) + seconds / 86400) == (d, no_midnight)


@settings(max_examples=50)
@given(st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)))
def test_parse_date_excel_serials_whole_range(d: date) -> None:
    assert parse_date(excel_serial(d)) == (d, None)


def test_parse_date_serial_rounding_to_next_day() -> None:
    almost_midnight = 45688 + (86400 - 0.2) / 86400
    assert parse_date(almost_midnight) == (D + timedelta(days=1), None)


def test_format_date_and_datetime() -> None:
    assert format_date_it(D) == "31/01/2025"
    assert format_date_it(date(5, 3, 1)) == "01/03/0005"
    assert format_datetime_it(D, None) == "31/01/2025"
    assert format_datetime_it(D, time(10, 32)) == "31/01/2025 10:32"
    assert format_datetime_it(D, time(9, 5, 7)) == "31/01/2025 09:05:07"
    assert format_datetime_it(datetime(2025, 1, 31, 10, 32)) == "31/01/2025 10:32"
    assert format_datetime_it(datetime(2025, 1, 31)) == "31/01/2025"


# --------------------------------------------------------------------------- months


@pytest.mark.parametrize(
    "value",
    [
        "10",
        " 10 ",
        "10 mesi",
        "10 Mesi",
        "10mesi",
        "10 mese",
        "10 months",
        "10 month",
        "10,0",
        "10.0",
        "10,00 mesi",
        "+10",
        10,
        10.0,
        Decimal("10"),
        Decimal("10.00"),
    ],
)
def test_parse_months(value: object) -> None:
    assert parse_months(value) == 10


@pytest.mark.parametrize("value", ["1", "120", 1, 120, "120 mesi"])
def test_parse_months_bounds(value: object) -> None:
    assert parse_months(value) in (1, 120)


@pytest.mark.parametrize(
    ("value", "it", "en"),
    [
        ("0", "almeno 1 mese", "at least 1 month"),
        (0, "almeno 1 mese", "at least 1 month"),
        ("0 mesi", "almeno 1 mese", "at least 1 month"),
        ("-3", "non può essere negativa", "must not be negative"),
        (-3, "non può essere negativa", "must not be negative"),
        ("10,5", "numero intero", "whole number"),
        ("10.5 mesi", "numero intero", "whole number"),
        (10.5, "numero intero", "whole number"),
        (Decimal("10.5"), "numero intero", "whole number"),
        ("121", "oltre il massimo di 120", "exceeds the maximum of 120"),
        (121, "oltre il massimo di 120", "exceeds the maximum of 120"),
        ("dieci", "non leggibile", "unreadable"),
        ("10 anni", "non leggibile", "unreadable"),
        ("10 giorni", "non leggibile", "unreadable"),
        (True, "non leggibile", "unreadable"),
        ([10], "non leggibile", "unreadable"),
        (None, "mancante", "missing"),
        ("", "mancante", "missing"),
        (float("nan"), "mancante", "missing"),
    ],
)
def test_parse_months_rejects(value: object, it: str, en: str) -> None:
    exc = problem(parse_months, value)
    assert_reason(exc, it, en)


@settings(max_examples=50)
@given(st.integers(min_value=1, max_value=120))
def test_parse_months_round_trip(n: int) -> None:
    for value in (n, float(n), str(n), f"{n} mesi", f"{n},0", f"{n} months"):
        assert parse_months(value) == n


# --------------------------------------------------------------------------- integers


@pytest.mark.parametrize(
    "value",
    [
        "3",
        3,
        3.0,
        Decimal(3),
        "3,0",
        "Municipio 3",
        "municipio 3",
        "MUNICIPIO 3",
        "Municipio3",
        "Mun. 3",
        "Mun.3",
        "Municipio n. 3",
        "III",
        "iii",
        "Municipio III",
        "Mun. III",
        f"{NBSP}Municipio{NBSP}3{NBSP}",
    ],
)
def test_parse_municipio(value: object) -> None:
    assert parse_municipio(value) == 3


@pytest.mark.parametrize(
    ("roman", "n"),
    [("I", 1), ("II", 2), ("IV", 4), ("V", 5), ("VI", 6), ("VIII", 8), ("IX", 9)],
)
def test_parse_municipio_roman(roman: str, n: int) -> None:
    assert parse_municipio(roman) == n
    assert parse_municipio(f"Municipio {roman}") == n


@pytest.mark.parametrize(
    ("value", "it", "en"),
    [
        ("0", "fuori intervallo", "out of range"),
        ("10", "fuori intervallo", "out of range"),
        ("X", "fuori intervallo", "out of range"),
        ("Municipio 12", "fuori intervallo", "out of range"),
        (-1, "fuori intervallo", "out of range"),
        ("3,5", "numero intero", "whole number"),
        (3.5, "numero intero", "whole number"),
        ("IIII", "non leggibile", "unreadable"),
        ("Zona 3", "non leggibile", "unreadable"),
        ("Municipio", "non leggibile", "unreadable"),
        ("tre", "non leggibile", "unreadable"),
        ([3], "non leggibile", "unreadable"),
        (True, "non leggibile", "unreadable"),
        (None, "mancante", "missing"),
        ("", "mancante", "missing"),
    ],
)
def test_parse_municipio_rejects(value: object, it: str, en: str) -> None:
    exc = problem(parse_municipio, value)
    assert_reason(exc, it, en)
    assert_reason(exc, "da 1 a 9", "from 1 to 9")


def test_parse_int_in_range_generic() -> None:
    args = (1, 50, "lotto", "lot")
    assert parse_int_in_range("12", *args) == 12
    assert parse_int_in_range("Lotto 12", *args) == 12
    assert parse_int_in_range("lot 12", *args) == 12
    assert parse_int_in_range("n. 12", *args) == 12
    assert parse_int_in_range(12.0, *args) == 12
    exc = problem(parse_int_in_range, "XII", *args)  # no Roman numerals unless asked
    assert_reason(exc, "lotto non leggibile", "unreadable lot")
    assert parse_int_in_range("XII", *args, roman=True) == 12
    exc = problem(parse_int_in_range, "51", *args)
    assert_reason(exc, "lotto 51 fuori intervallo: scrivere un numero da 1 a 50", "from 1 to 50")


# --------------------------------------------------------------------------- keys and names


@pytest.mark.parametrize(
    "text",
    [
        "Codice Domanda",
        "codice_domanda",
        "CODICE-DOMANDA",
        "Códice domanda",
        "codice.domanda",
        "Codice  Domanda ",
        "codice/domanda",
        "\ufeffCodice Domanda",
        "Codice\u2019domanda",
        "codicedomanda",
    ],
)
def test_normalise_key(text: str) -> None:
    assert normalise_key(text) == "codicedomanda"


def test_normalise_key_examples() -> None:
    assert normalise_key("Città") == "citta"
    assert normalise_key("Importo richiesto (€)") == "importorichiesto(€)"
    assert normalise_key("N°") == normalise_key("n°")
    assert normalise_key(3) == "3"
    assert normalise_key(None) == ""


# Characters that stress casefolding and NFKD, plus arbitrary code points. Built from
# chr() rather than st.text() so Hypothesis need not build its Unicode tables (slow
# on a cold cache).
_TRICKY = "aZ09 -_./'’`´\u00a0\u200b\ufeffàÉçÑßẞİıǰﬀﬁ½²①℃ΐǄ한\u0301\u0307"
UNICODE_TEXT = st.lists(
    st.one_of(st.sampled_from(_TRICKY), st.integers(0, 0x2FFFF).map(chr)), max_size=20
).map("".join)


@given(UNICODE_TEXT)
def test_normalise_key_is_idempotent(text: str) -> None:
    key = normalise_key(text)
    assert normalise_key(key) == key
    assert normalise_key(text.upper()) == normalise_key(text.lower()) or not text.isascii()


_ACCENTED = {"a": "àáâä", "e": "èéêë", "i": "ìíîï", "o": "òóôö", "u": "ùúûü", "c": "ç", "n": "ñ"}
WORDS = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1), min_size=1)


@settings(max_examples=50)
@given(WORDS, st.data())
def test_normalise_key_ignores_case_accents_and_separators(words: list[str], data) -> None:
    expected = "".join(words)
    varied = []
    for word in words:
        chars = []
        for char in word:
            if char in _ACCENTED and data.draw(st.booleans()):
                char = data.draw(st.sampled_from(_ACCENTED[char]))
            if data.draw(st.booleans()):
                char = char.upper()
            chars.append(char)
        varied.append("".join(chars))
    separators = st.text(alphabet=" -_.'/\u00a0\u2019\t", min_size=1, max_size=3)
    text = varied[0]
    for word in varied[1:]:
        text += data.draw(separators) + word
    text = data.draw(st.sampled_from(["", " ", "_"])) + text + data.draw(st.sampled_from(["", "."]))
    assert normalise_key(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Bottega Rossi S.r.l.",
        "bottega rossi srl",
        "BOTTEGA ROSSI",
        "Bottega  Rossi  SRL",
        "Bottega Rossi s.r.l.s.",
        "Bottega Rossi SRLS",
        "Bottega Rossi S.p.A.",
        "Bottega Rossi spa",
        "Bottega Rossi S.n.c.",
        "Bottega Rossi snc",
        "Bottega Rossi S.a.s.",
        "Bottega Rossi sas",
        "Bottega Rossi, S.r.l.",
        "Bottega Rossi s. r. l.",
        "Bottega Rossi Soc. Coop.",
        "Bottega Rossi società cooperativa",
        "Bottega Rossi Società Cooperativa Sociale",
        "Bottega Rossi soc. coop. a r.l.",
        "Bottega Rossi Coop",
        "Bottega Rossi ONLUS",
        "Bottega Rossi APS",
        "Bottega Rossi A.P.S.",
        "Bottega Rossi ODV",
        "Bottega Rossi ETS",
        "Bottega Rossi APS - ETS",
        "Bottega Rossi Impresa Sociale",
        "Bottega Rossi srl impresa sociale",
        "Bottéga Rossi",
        "  bottega   rossi  ",
    ],
)
def test_normalise_name(text: str) -> None:
    assert normalise_name(text) == "bottega rossi"


def test_normalise_name_keeps_meaningful_parts() -> None:
    assert normalise_name("Caffè dell'Arte") == "caffe dell arte"
    assert normalise_name("Caffè dell' Arte") == "caffe dell arte"
    assert normalise_name("Rossi & Bianchi S.r.l.") == "rossi bianchi"
    assert normalise_name("S.r.l.") == "srl"  # only a legal form: kept
    assert normalise_name("Coop") == "coop"
    assert normalise_name("Bottega Rossi") != normalise_name("Bottega Bianchi")
    assert normalise_name("Associazione Il Sole APS") == "associazione il sole"


@given(UNICODE_TEXT)
def test_normalise_name_is_idempotent(text: str) -> None:
    name = normalise_name(text)
    assert normalise_name(name) == name


# --------------------------------------------------------------------------- tax codes

# Reference implementations written independently of the module.


def luhn_valid(number: str) -> bool:
    """Standard Luhn check from the right (what the Italian Partita IVA uses)."""
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2 == 1:
            digit = digit * 2 - 9 if digit * 2 > 9 else digit * 2
        total += digit
    return total % 10 == 0


def make_partita_iva(first10: str) -> str:
    return next(first10 + c for c in "0123456789" if luhn_valid(first10 + c))


# Agenzia delle Entrate table for characters in odd positions (1st, 3rd, ..., 15th).
ODD = {
    **dict(zip("0A", (1, 1), strict=True)),
    **dict(zip("1B", (0, 0), strict=True)),
    **dict(zip("2C", (5, 5), strict=True)),
    **dict(zip("3D", (7, 7), strict=True)),
    **dict(zip("4E", (9, 9), strict=True)),
    **dict(zip("5F", (13, 13), strict=True)),
    **dict(zip("6G", (15, 15), strict=True)),
    **dict(zip("7H", (17, 17), strict=True)),
    **dict(zip("8I", (19, 19), strict=True)),
    **dict(zip("9J", (21, 21), strict=True)),
    "K": 2, "L": 4, "M": 18, "N": 20, "O": 11, "P": 3, "Q": 6, "R": 8, "S": 12,
    "T": 14, "U": 16, "V": 10, "W": 22, "X": 25, "Y": 24, "Z": 23,
}  # fmt: skip


def cf_check(first15: str) -> str:
    odd = sum(ODD[c] for c in first15[0::2])
    even = sum(int(c) if c.isdigit() else ord(c) - ord("A") for c in first15[1::2])
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(odd + even) % 26]


def test_published_partita_iva() -> None:
    # Comune di Milano, codice fiscale / partita IVA 01199250158. By hand:
    #   digits 0 1 1 9 9 2 5 0 1 5 | check 8
    #   odd positions 0+1+9+5+1 = 16
    #   even positions doubled: 1->2, 9->18->9, 2->4, 0->0, 5->10->1 = 16
    #   total 32, (10 - 32 % 10) % 10 = 8 == last digit.
    assert luhn_valid("01199250158")
    assert partita_iva_check_digit("0119925015") == "8"
    assert tax_code_problem("01199250158") is None
    assert tax_code_problem("01199250157") is not None


def test_published_codice_fiscale() -> None:
    # MRTMTT25D09F205Z: the textbook example (Matteo Moretti, born in Milan (F205)
    # on 9 April (D) 1925). By hand:
    #   odd positions M T T 2 D 9 2 5 -> 18+14+14+5+7+21+5+13 = 97
    #   even positions R M T 5 0 F 0  -> 17+12+19+5+0+5+0     = 58
    #   155 % 26 = 25 -> 'Z' == last character.
    assert cf_check("MRTMTT25D09F205") == "Z"
    assert codice_fiscale_check_char("MRTMTT25D09F205") == "Z"
    for code in ("MRTMTT25D09F205Z", "RSSMRA85T10A562S", "RSSMRA80A01H501U"):
        assert tax_code_problem(code) is None, code
    assert tax_code_problem("MRTMTT25D09F205A") is not None


def test_omocodia_codice_fiscale_is_valid() -> None:
    # Digits replaced by letters (L=0, M=1, ..., V=9) for homonyms: still valid.
    first15 = "MRTMTT25D09F2LR"  # 205 -> 2 L(0) R(5)
    assert tax_code_problem(first15 + cf_check(first15)) is None


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_partita_iva_property(first10: str) -> None:
    assume(first10 != "0000000000")
    code = make_partita_iva(first10)
    assert partita_iva_check_digit(first10) == code[10]
    assert tax_code_issue(code) is None
    for wrong in "0123456789":
        if wrong != code[10]:
            assert tax_code_problem(code[:10] + wrong) is not None


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.data())
def test_partita_iva_detects_single_digit_errors(code: str, data) -> None:
    code = code[:10] + partita_iva_check_digit(code)
    assume(code != "00000000000")
    position = data.draw(st.integers(0, 10))
    replacement = data.draw(st.sampled_from("0123456789").filter(lambda c: c != code[position]))
    changed = code[:position] + replacement + code[position + 1 :]
    assume(changed != "00000000000")
    assert tax_code_problem(changed) is not None


def _chars(alphabet: str, n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=n, max_size=n)


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_OMOCODE = "0123456789LMNPQRSTUV"  # digits, or their omocodia letters
# [A-Z]{6} [0-9LMNPQRSTUV]{2} [ABCDEHLMPRST] [0-9LMNPQRSTUV]{2} [A-Z] [0-9LMNPQRSTUV]{3}
CF_FIRST15 = st.tuples(
    _chars(_LETTERS, 6),
    _chars(_OMOCODE, 2),
    _chars("ABCDEHLMPRST", 1),
    _chars(_OMOCODE, 2),
    _chars(_LETTERS, 1),
    _chars(_OMOCODE, 3),
).map("".join)


@given(CF_FIRST15)
def test_codice_fiscale_property(first15: str) -> None:
    code = first15 + cf_check(first15)
    assert codice_fiscale_check_char(first15) == code[15]
    assert tax_code_problem(code) is None
    assert tax_code_problem(code.lower()) is None
    wrong = "A" if code[15] != "A" else "B"
    exc = tax_code_issue(code[:15] + wrong)
    assert exc is not None
    assert_reason(exc, "carattere di controllo", "check character")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01199250158", "01199250158"),
        (" 011 992 501 58 ", "01199250158"),
        (f"{NBSP}01199250158{NBSP}", "01199250158"),
        ("IT01199250158", "01199250158"),
        ("it 01199250158", "01199250158"),
        (1199250158, "01199250158"),  # number cell: leading zero restored
        (1199250158.0, "01199250158"),
        (Decimal(1199250158), "01199250158"),
        ("1199250158.0", "01199250158"),
        ("rssmra85t10a562s", "RSSMRA85T10A562S"),
        (" RSS MRA 85T10 A562S ", "RSSMRA85T10A562S"),
        ("abc", "ABC"),  # cleaned, not validated
    ],
)
def test_parse_tax_code(value: object, expected: str) -> None:
    assert parse_tax_code(value) == expected


@pytest.mark.parametrize("value", [None, "", "   ", float("nan"), Decimal("sNaN")])
def test_parse_tax_code_missing(value: object) -> None:
    exc = problem(parse_tax_code, value)
    assert_reason(exc, "mancante", "missing")


@pytest.mark.parametrize(
    ("code", "it", "en"),
    [
        ("01199250157", "cifra di controllo", "check digit"),
        ("00000000000", "non è un numero assegnato", "not an assigned number"),
        ("RSSMRA85T10A562T", "carattere di controllo", "check character"),
        ("RSSMRA85Z10A562S", "struttura non valida", "invalid structure"),  # Z: no month
        ("1199250158", "scrivere 01199250158", "write 01199250158"),  # lost leading zero
        ("12345", "11 cifre", "11 digits"),
        ("ABC", "16 caratteri", "16 characters"),
        ("RSSMRA85T10A562S1", "(17 caratteri)", "(17 characters)"),
        ("", "mancante", "missing"),
    ],
)
def test_tax_code_problems(code: str, it: str, en: str) -> None:
    exc = tax_code_issue(code)
    assert exc is not None
    assert_reason(exc, it, en)
    assert tax_code_problem(code) == exc.reason_it
    if code:
        assert any(word in exc.reason_it for word in ("scrivere", "ricontroll"))
        assert any(word in exc.reason_en for word in ("write", "re-check"))


# --------------------------------------------------------------------------- caching


def test_cached_parsers_accept_unhashable_and_repeated_values() -> None:
    for func in (parse_amount, parse_date, parse_months, parse_municipio):
        with pytest.raises(ValueProblem):
            func([1])
        with pytest.raises(ValueProblem):
            func({"a": 1})
    for _ in range(3):  # repeated (cached) calls give the same answers and errors
        assert parse_date("31/01/2025") == (D, None)
        assert parse_months("10 mesi") == 10
        assert parse_municipio("Municipio III") == 3
        with pytest.raises(ValueProblem):
            parse_date("31/02/2025")
