"""The Arabic catalogue is complete, and the compiled catalogue in the repository matches it."""

import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.fixture(scope="module")
def arabic():
    return polib.pofile(str(LOCALE / "ar" / "LC_MESSAGES" / "django.po"))


def test_every_arabic_entry_is_translated_and_none_is_fuzzy(arabic):
    assert arabic.untranslated_entries() == []
    assert arabic.fuzzy_entries() == []
    assert len(arabic.translated_entries()) > 100


def test_arabic_plural_forms_are_declared(arabic):
    assert arabic.metadata["Plural-Forms"].startswith("nplurals=6;")


@pytest.mark.parametrize("language", ["ar", "en"])
def test_compiled_catalogue_is_up_to_date(language):
    source = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    compiled = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    expected = {entry.msgid: entry.msgstr for entry in source.translated_entries()}
    actual = {entry.msgid: entry.msgstr for entry in compiled if entry.msgid}
    assert actual == expected, "run `make messages` to recompile the catalogues"


def placeholders(text):
    return set(re.findall(r"%\(\w+\)[sd]", text))


def test_placeholders_survive_translation(arabic):
    for entry in arabic.translated_entries():
        if entry.msgid_plural:
            # Arabic's forms for one and two may spell the number out instead of using it.
            for form in entry.msgstr_plural.values():
                assert placeholders(form) <= placeholders(entry.msgid_plural), entry.msgid
        else:
            assert placeholders(entry.msgstr) == placeholders(entry.msgid), entry.msgid
