from __future__ import annotations

import pytest

from observations.codes import ALPHABET, new_code, normalise
from observations.pii import personal_data_kinds, redact


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Lapsen hetu on 131052-308T ja hän on koulussa.", ["identity_code"]),
        ("010101A123N oli lomakkeessa", ["identity_code"]),
        ("Soita minulle 040 123 4567 illalla", ["phone"]),
        ("numero +358 40 1234567", ["phone"]),
        ("puh. 03-5656 5656", ["phone"]),
        ("Lähetä viesti osoitteeseen matti.meikalainen@example.fi", ["email"]),
        ("Asumme osoitteessa Hämeenkatu 12 B 4 Tampereella", ["address"]),
        ("Vi bor på Storgatan 5 i Vasa", ["address"]),
    ],
)
def test_personal_data_found(text, kinds):
    assert personal_data_kinds(text) == kinds


@pytest.mark.parametrize(
    "text",
    [
        "Lapset 7–12-vuotiaat viettävät iltapäivät yksin.",
        "131052-308A on väärä tarkiste, ei hetu",
        "Vuonna 2026 kerhoissa oli 45 lasta ja 12 ohjaajaa.",
        "Koulun pihalla 3.10.2026 klo 14.30 oli kiusaamista.",
        "Katu oli liukas ja tie jäinen.",
        "😀 Hyvä juttu: uusi perhekahvila!",
    ],
)
def test_ordinary_text_is_not_held(text):
    assert personal_data_kinds(text) == []


def test_redact_replaces_findings():
    assert redact("Soita 040 123 4567 tai maili a@b.fi") == "Soita […] tai maili […]"


def test_codes_are_readable_and_normalised():
    code = new_code()
    assert len(code) == 11 and code[5] == "-"
    assert all(ch in ALPHABET for ch in code.replace("-", ""))
    assert normalise(code.lower().replace("-", " ")) == code
    assert normalise("0OIL1-ABCDE") is None
    assert normalise("") is None
    assert normalise("x" * 500) is None


def test_codes_do_not_repeat():
    assert len({new_code() for _ in range(2000)}) == 2000
