from __future__ import annotations

import threading

import pytest

from core import finnish

# Under CI=true a skip counts as a failure (conftest.py): CI installs Voikko.
pytestmark = pytest.mark.skipif(not finnish.available(), reason=finnish.unavailable_reason() or "no Voikko")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lasten", ["lapsi"]),
        ("lapsille", ["lapsi"]),
        ("kouluissa", ["koulu"]),
        ("äidit", ["äiti"]),
        (
            "lastensuojeluilmoitus",
            ["lastensuojeluilmoitus", "lapsi", "suojelu", "ilmoitus", "lastensuojelu", "suojeluilmoitus"],
        ),
        ("Perheneuvolan", ["perheneuvola", "perhe", "neuvola"]),
    ],
)
def test_lemmas_give_base_forms_and_compound_parts(text, expected):
    assert finnish.lemmas(text) == expected


def test_lemmas_leave_out_conjunctions_and_pronouns_and_keep_unknown_words():
    assert finnish.lemmas("Hän ja hänen, mutta xyzzyä") == ["xyzzyä"]


def test_lemmas_are_unique_lower_case_in_order():
    assert finnish.lemmas("Lapset, lasten ja LAPSILLE koulu") == ["lapsi", "koulu"]


def test_lemmas_of_swedish_words_are_the_words():
    assert finnish.lemmas("Barnen i skolan") == ["barnen", "i", "skolan"]


def test_lemmas_survive_odd_input():
    assert finnish.lemmas("") == []
    assert finnish.lemmas("\x00 <b>koulu</b> 123 " + "a" * 5000) == ["b", "koulu"]


def test_analyse_reports_name_classes():
    classes = {a.word_class for a in finnish.analyse("Eetun")}
    assert classes == {"etunimi"}
    assert "paikannimi" in {a.word_class for a in finnish.analyse("Tampereella")}


def test_analysis_is_safe_from_many_threads():
    words = ["lasten", "kouluissa", "äidit", "Virtasen", "lastensuojeluilmoituksia"] * 40
    results, errors = [], []

    def work():
        try:
            finnish.analyse.cache_clear()
            results.append([finnish.word_lemmas(w) for w in words])
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(r == results[0] for r in results)


def test_without_voikko_words_are_indexed_as_written(monkeypatch):
    monkeypatch.setattr(finnish, "available", lambda: False)
    assert finnish.lemmas("Lasten kouluissa") == ["lasten", "kouluissa"]
    assert finnish.word_base_forms("Lasten") == ("lasten",)
