"""Every visible string has its Italian translation, with the same placeholders,
and the compiled .qm the app loads is the one built from the committed .ts."""

import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from resources.translations import update_translations as tools
from tests.conftest import RESOURCES

TS = RESOURCES / "translations" / "commissione_it.ts"
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%n|%\d")


def messages(path):
    """(context, source, state, texts): texts holds the translation, or every
    plural form of it for a numerus message."""
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                yield name, message.findtext("source"), "missing", []
                continue
            forms = translation.findall("numerusform")
            texts = [form.text or "" for form in forms] if forms else [translation.text or ""]
            yield name, message.findtext("source"), translation.get("type"), texts


def test_every_interface_string_is_translated_to_italian(tmp_path):
    """lupdate over today's code, starting from the committed .ts: nothing new,
    nothing unfinished. A failure lists the strings to translate."""
    fresh = tmp_path / "commissione_it.ts"
    shutil.copy(TS, fresh)
    tools.update_ts(fresh)
    missing = [
        f"{context}: {source!r}"
        for context, source, state, texts in messages(fresh)
        if state in ("missing", "unfinished", "vanished", "obsolete")
        or not all(text.strip() for text in texts)
    ]
    assert not missing, (
        "Untranslated (run resources/translations/update_translations.py):\n" + "\n".join(missing)
    )
    assert len(list(messages(fresh))) > 50


def test_placeholders_survive_translation():
    wrong = [
        f"{context}: {source!r} → {text!r}"
        for context, source, _state, texts in messages(TS)
        for text in texts
        if text and sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text))
    ]
    assert not wrong, "\n".join(wrong)


def test_compiled_qm_matches_the_ts(tmp_path):
    rebuilt = tmp_path / "commissione_it.qm"
    tools.compile_qm(TS, rebuilt)
    assert rebuilt.read_bytes() == (RESOURCES / "translations" / "commissione_it.qm").read_bytes()


@pytest.mark.parametrize(("language", "expected"), [("it", "Domande"), ("en", "Applications")])
def test_the_app_speaks_the_chosen_language(qapp, language, expected):
    from PySide6.QtCore import QCoreApplication

    from desktop.app import install_translators

    installed = install_translators(qapp, language)
    try:
        assert QCoreApplication.translate("MainWindow", "Applications") == expected
        if language == "it":
            # Qt's own strings too, so standard dialogs match.
            assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annulla"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_a_string_moved_to_another_class_keeps_its_translation(tmp_path):
    ts = tmp_path / "moved.ts"
    ts.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it" sourcelanguage="en">
<context>
    <name>OldPlace</name>
    <message>
        <source>Can&apos;t &quot;save&quot;</source>
        <translation>Non si può &quot;salvare&quot; l&apos;atto</translation>
    </message>
</context>
<context>
    <name>NewPlace</name>
    <message>
        <source>Can&apos;t &quot;save&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brand new</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
""",
        encoding="utf-8",
    )
    known = tools.known_translations(ts)
    assert tools.reuse_known(ts, known) == 1
    found = {(c, s): (state, texts) for c, s, state, texts in messages(ts)}
    assert found["NewPlace", 'Can\'t "save"'] == (None, ['Non si può "salvare" l\'atto'])
    assert found["NewPlace", "Brand new"][0] == "unfinished"
