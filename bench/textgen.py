"""Builds realistic observation texts in Finnish and Swedish from the parts in `bench.vocabulary`:
an opening sentence (where, who, what was noticed), then details and suggestions until a target length.
Pure Python with one `random.Random`, so a seed gives the same data set again."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from . import vocabulary as v

MIN_LEN = 50
MAX_LEN = 800


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _low(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class _Lang:
    places: dict
    verbs_concern: list
    verbs_positive: list
    child_subjects: dict
    parent_subjects: dict
    concerns: dict  # age code -> [(pred, who, themes)]
    positives: dict
    details_concern: list
    details_positive: list
    suggestions: list
    family_concern: list
    family_positive: list
    family_details: list
    archive_reasons: list


def _by_age(preds):
    out: dict[str, list] = {code: [] for code in "BPSTYF"}
    for pred, who, ages, themes in preds:
        for code in ages:
            out[code].append((pred, who, tuple(themes)))
    return out


FI = _Lang(
    {k: [_low(p) for p in ps] for k, ps in v.FI_PLACES.items()},
    v.FI_VERBS_CONCERN,
    v.FI_VERBS_POSITIVE,
    v.FI_CHILD_SUBJECTS,
    v.FI_PARENT_SUBJECTS,
    _by_age(v.FI_CONCERNS),
    _by_age(v.FI_POSITIVES),
    v.FI_DETAILS_CONCERN,
    v.FI_DETAILS_POSITIVE,
    v.FI_SUGGESTIONS,
    v.FI_FAMILY_OPENINGS_CONCERN,
    v.FI_FAMILY_OPENINGS_POSITIVE,
    v.FI_FAMILY_DETAILS,
    v.FI_ARCHIVE_REASONS,
)
SV = _Lang(
    v.SV_PLACES,
    v.SV_VERBS_CONCERN,
    v.SV_VERBS_POSITIVE,
    v.SV_CHILD_SUBJECTS,
    v.SV_PARENT_SUBJECTS,
    _by_age(v.SV_CONCERNS),
    _by_age(v.SV_POSITIVES),
    v.SV_DETAILS_CONCERN,
    v.SV_DETAILS_POSITIVE,
    v.SV_SUGGESTIONS,
    v.SV_FAMILY_OPENINGS_CONCERN,
    v.SV_FAMILY_OPENINGS_POSITIVE,
    v.SV_FAMILY_DETAILS,
    v.SV_ARCHIVE_REASONS,
)
LANGS = {"fi": FI, "sv": SV}


def all_themes() -> list[str]:
    """Every theme name the generator uses (predicates' themes and the extra ones), without duplicates."""
    names: dict[str, None] = {}
    for preds in (v.FI_CONCERNS, v.FI_POSITIVES, v.SV_CONCERNS, v.SV_POSITIVES):
        for _pred, _who, _ages, themes in preds:
            names.update(dict.fromkeys(themes))
    names.update(dict.fromkeys(v.FI_EXTRA_THEMES))
    names.update(dict.fromkeys(v.SV_EXTRA_THEMES))
    return list(names)


def target_length(rng: random.Random) -> int:
    """Most observations are a few sentences; some are long. Median about 230 characters."""
    return max(MIN_LEN, min(MAX_LEN, int(rng.lognormvariate(math.log(230), 0.65))))


def _subject_and_pred(rng: random.Random, lang: _Lang, kind: str, age_code: str):
    preds = (lang.positives if kind == "positive" else lang.concerns)[age_code]
    if not preds:
        preds = (lang.positives if kind == "positive" else lang.concerns)["F"]
    pred, who, themes = rng.choice(preds)
    if who == "p" or (who == "b" and (age_code in "BF" or rng.random() < 0.4)):
        subjects = lang.parent_subjects.get(age_code) or lang.parent_subjects["F"]
    else:
        subjects = lang.child_subjects.get(age_code) or lang.child_subjects["F"]
    return rng.choice(subjects), pred, themes


# Places that do not fit an age group ("the corridors of the lower secondary school" for the under-12s).
_NOT_FOR_AGE = {
    "B": ("koulu", "skol", "alakoul", "yläkoul", "lågstadi", "högstadi", "nuorisotalo", "ungdomsgård"),
    "P": ("yläkoul", "alakoul", "högstadi", "lågstadi", "nuorisotalo", "ungdomsgård"),
    "S": ("yläkoul", "högstadi"),
    "T": ("alakoul", "lågstadi", "päiväko", "daghem", "förskol"),
    "Y": ("alakoul", "lågstadi", "yläkoul", "högstadi", "päiväko", "daghem", "förskol"),
    "F": (),
}
_PLACE_CACHE: dict = {}


def _places(lang: _Lang, env: str, age_code: str) -> list[str]:
    key = (id(lang), env, age_code)
    if key not in _PLACE_CACHE:
        fitting = [p for p in lang.places[env] if not any(w in p.lower() for w in _NOT_FOR_AGE[age_code])]
        _PLACE_CACHE[key] = fitting or lang.places[env]
    return _PLACE_CACHE[key]


def opening(rng: random.Random, lang_code: str, kind: str, env: str, age_code: str, family: bool):
    """One sentence: where, who and what. Returns (sentence, themes of the predicate)."""
    lang = LANGS[lang_code]
    subject, pred, themes = _subject_and_pred(rng, lang, kind, age_code)
    place = rng.choice(_places(lang, env, age_code))
    if family:
        tpl = rng.choice(lang.family_positive if kind == "positive" else lang.family_concern)
        return tpl.format(place=place, subject=subject, Subject=_cap(subject), pred=pred), themes
    verb = rng.choice(lang.verbs_positive if kind == "positive" else lang.verbs_concern)
    r = rng.random()
    if lang_code == "fi":
        if r < 0.55:
            text = f"{_cap(place)} {verb} {subject} {pred}."
        elif r < 0.75:
            text = f"{rng.choice(v.FI_TIMES)} {place} {verb} {subject} {pred}."
        elif r < 0.9 and kind != "positive":
            text = f"{_cap(place)} olemme huolissamme siitä, että {subject} {pred}."
        else:
            text = f"{_cap(subject)} {pred} – tämä näkyy erityisesti {place}."
    else:
        if r < 0.7:
            text = f"{_cap(place)} {verb} {subject} {pred}."
        elif kind != "positive":
            text = f"Vi är oroliga för att {subject} {pred} {place}."
        else:
            text = f"Det är glädjande att {subject} {pred} {place}."
    return text, themes


_NEUTRAL_WORDS = ("Kiitos", "Muutkin", "Toivottavasti", "Tack", "Andra")


def _neutral(sentences: list[str]) -> list[str]:
    """Family sentences that also fit a positive observation (thanks, others say the same)."""
    return [s for s in sentences if s.startswith(_NEUTRAL_WORDS)]


def observation_text(
    rng: random.Random, lang_code: str, kind: str, env: str, age_code: str, family: bool
) -> tuple[str, tuple[str, ...]]:
    """A whole observation between MIN_LEN and MAX_LEN characters, and the themes it suggests."""
    lang = LANGS[lang_code]
    target = target_length(rng)
    if family:  # families write shorter texts than professionals
        target = max(MIN_LEN, int(target * 0.7))
    first, themes = opening(rng, lang_code, kind, env, age_code, family)
    parts = [first]
    length = len(first)
    if family and kind == "positive":
        pools = (lang.details_positive, _neutral(lang.family_details))
    elif family:
        pools = (lang.family_details, lang.details_concern)
    else:
        pools = (lang.details_positive if kind == "positive" else lang.details_concern, lang.suggestions)
    used = {first}
    misses = 0
    while length < target and misses < 4:
        r = rng.random()
        if r < 0.12:
            sentence, _themes = opening(rng, lang_code, kind, env, age_code, family)
        elif r < 0.75:
            sentence = rng.choice(pools[0])
        else:
            sentence = rng.choice(pools[1])
        if sentence in used:  # the pools are small: a repeated sentence reads like a machine
            misses += 1
            continue
        if length + 1 + len(sentence) > MAX_LEN - 1:
            break
        used.add(sentence)
        parts.append(sentence)
        length += 1 + len(sentence)
    # Longer texts come in paragraphs now and then ("\n\n" is one character longer than the space).
    if len(parts) > 4 and rng.random() < 0.3:
        cut = rng.randrange(2, len(parts) - 1)
        text = " ".join(parts[:cut]) + "\n\n" + " ".join(parts[cut:])
    else:
        text = " ".join(parts)
    if len(text) < MIN_LEN:  # a short opening alone: add one detail that still fits
        text = f"{text} {rng.choice(pools[0])}"[:MAX_LEN]
    return text, themes


# --- Fake personal data (held observations) ------------------------------------------------------------

_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def fake_identity_code(rng: random.Random) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(8, 23)
    individual = rng.randint(2, 899)
    number = int(f"{day:02d}{month:02d}{year:02d}{individual:03d}")
    return f"{day:02d}{month:02d}{year:02d}A{individual:03d}{_HETU_CHECK[number % 31]}"


def fake_personal_sentence(rng: random.Random, lang_code: str) -> str:
    """A sentence with made-up personal data of the kind the server holds back for review."""
    which = rng.random()
    phone = f"04{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    first = rng.choice(v.FI_FIRST if lang_code == "fi" else v.SV_FIRST)
    last = rng.choice(v.FI_LAST if lang_code == "fi" else v.SV_LAST)
    ascii_name = (
        f"{first}.{last}".lower().replace("ä", "a").replace("ö", "o").replace("å", "a").replace("-", "")
    )
    email = f"{ascii_name}@example.fi"
    if lang_code == "sv":
        street = f"{rng.choice(v.STREETS_SV)} {rng.randint(1, 60)}"
        options = [
            f"Ring mig på {phone}, så berättar jag mer.",
            f"Ni når mig på {email}.",
            f"Vi bor på {street}.",
            f"Mitt barns personbeteckning är {fake_identity_code(rng)}.",
        ]
    else:
        street = f"{rng.choice(v.STREETS_FI)} {rng.randint(1, 60)}"
        options = [
            f"Soita minulle numeroon {phone}, niin kerron lisää.",
            f"Minuun saa yhteyttä osoitteesta {email}.",
            f"Asumme osoitteessa {street}.",
            f"Lapsen henkilötunnus on {fake_identity_code(rng)}.",
            f"Perheen äidin numero on {phone}.",
        ]
    return options[int(which * len(options))]


def with_personal_data(rng: random.Random, text: str, lang_code: str) -> str:
    sentence = fake_personal_sentence(rng, lang_code)
    room = MAX_LEN - len(sentence) - 1
    if len(text) > room:  # keep whole sentences
        text = text[: text.rfind(". ", 0, room) + 1] or text[:room]
    return f"{text.rstrip()} {sentence}"
