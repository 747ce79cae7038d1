"""Finding text that looks like it identifies a person: a Finnish personal identity code (with a valid
check character), a phone number, an email address, a street address or a person's name. Such text is
held back from the network until a collector has redacted it.

Names come from Voikko's Finnish morphology (first names and surnames in any inflected form), a short
list of Finnish first names that are also ordinary words, and a shipped list of common Swedish names
(`core/data/names_sv.txt`, its source named there). Without Voikko only the Swedish list is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from . import finnish

# Personal identity code: DDMMYY, century sign, individual number, check character.
# Century signs: + (1800s), - U V W X Y (1900s), A B C D E F (2000s).
# People type the letters in lower case too ("290220b1112"), so both cases are accepted.
_HETU = re.compile(
    r"(?<![0-9A-Za-z])(\d{2})(\d{2})(\d{2})([-+ABCDEFUVWXYabcdefuvwxy])(\d{3})([0-9A-Ya-y])(?![0-9A-Za-z])"
)
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")

# Finnish numbers: +358 or 0 followed by an area/mobile prefix; 7–12 digits with spaces or dashes.
_PHONE = re.compile(
    r"(?<![\d])(?:\+|00)?358[\s\-]?\(?0?\)?[\s\-]?\d(?:[\s\-]?\d){5,10}(?!\d)|(?<![\d])0\d{1,2}[\s\-]?\d(?:[\s\-]?\d){4,8}(?!\d)"
)

# A street name with a typical Finnish or Swedish ending followed by a house number.
_STREET = re.compile(
    r"\b[\wÅÄÖåäö\-]{2,}(?:katu|tie|kuja|polku|väylä|raitti|rinne|kaari|ranta|piha|puistikko|katu|bulevardi|"
    r"gatan|gata|vägen|väg|gränd|stigen|backen|allén|esplanaden)\s+\d{1,4}(?:\s?[A-Za-z]\b)?(?:\s?\d{1,3})?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int


KIND_LABELS = {
    "identity_code": _("personal identity code"),
    "phone": _("phone number"),
    "email": _("email address"),
    "address": _("street address"),
    "name": _("person's name"),
}


def _valid_identity_code(match: re.Match) -> bool:
    day, month, _year, _sign, individual, check = match.groups()
    if not (1 <= int(day) <= 31 and 1 <= int(month) <= 12):
        return False
    number = int(f"{day}{month}{match.group(3)}{individual}")
    return _HETU_CHECK[number % 31] == check.upper()


def find_personal_data(text: str) -> list[Finding]:
    findings: list[Finding] = []
    for m in _HETU.finditer(text):
        if _valid_identity_code(m):
            findings.append(Finding("identity_code", m.start(), m.end()))
    for m in _EMAIL.finditer(text):
        findings.append(Finding("email", m.start(), m.end()))
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 7 <= len(digits) <= 13 and not any(f.start <= m.start() < f.end for f in findings):
            findings.append(Finding("phone", m.start(), m.end()))
    for m in _STREET.finditer(text):
        findings.append(Finding("address", m.start(), m.end()))
    taken = [(f.start, f.end) for f in findings]
    for start, end in find_names(text):
        if not any(s <= start < e for s, e in taken):
            findings.append(Finding("name", start, end))
    return sorted(findings, key=lambda f: f.start)


def personal_data_kinds(text: str) -> list[str]:
    return sorted({f.kind for f in find_personal_data(text)})


def redact(text: str, mark: str = "[…]") -> str:
    """Replaces every finding with a mark; used to suggest a redaction to the collector."""
    out, last = [], 0
    for f in find_personal_data(text):
        if f.start < last:
            continue
        out.append(text[last : f.start])
        out.append(mark)
        last = f.end
    out.append(text[last:])
    return "".join(out)


def check_pieces(text: str) -> tuple[list[dict], list[str]]:
    """The live check of a text being typed: the text in pieces with what looks like personal data marked
    ({"text", "kind"}), the kinds found in words, and nothing when nothing was found. The same check as
    the services run on save."""
    pieces, last, kinds = [], 0, []
    for finding in find_personal_data(text):
        if finding.start < last:
            continue
        label = str(KIND_LABELS.get(finding.kind, finding.kind))
        pieces.append({"text": text[last : finding.start], "kind": ""})
        pieces.append({"text": text[finding.start : finding.end], "kind": label})
        if label not in kinds:
            kinds.append(label)
        last = finding.end
    pieces.append({"text": text[last:], "kind": ""})
    return (pieces if kinds else []), kinds


def mask(text: str) -> str:
    """The text with every finding replaced by its kind in brackets ("[henkilötunnus]", in the active
    language): what lists, searches, exports and the API show of a text held for review."""
    out, last = [], 0
    for f in find_personal_data(text):
        if f.start < last:
            continue
        out.append(text[last : f.start])
        out.append(f"[{KIND_LABELS.get(f.kind, f.kind)}]")
        last = f.end
    out.append(text[last:])
    return "".join(out)


def remove(text: str) -> str:
    """The text with every finding taken out and the spaces around it tidied: what the writer gets when
    they choose to remove the personal data the live check found."""
    out, last = [], 0
    for f in find_personal_data(text):
        if f.start < last:
            continue
        out.append(text[last : f.start])
        last = f.end
    out.append(text[last:])
    joined = "".join(out)
    # Two spaces where a word was, a space before a comma or full stop: tidied, line breaks kept.
    joined = re.sub(r"[ \t]{2,}", " ", joined)
    joined = re.sub(r"[ \t]+([,.;:!?])", r"\1", joined)
    return "\n".join(line.strip() for line in joined.split("\n")).strip()


# Finnish first names that are also ordinary words and that Voikko does not (always) know as names.
# Like every name that is also a word, they count only with a capital letter inside a sentence.
FINNISH_WORD_NAMES = frozenset(
    [
        "Aamu",
        "Armas",
        "Aurora",
        "Hilla",
        "Ilo",
        "Into",
        "Kielo",
        "Lempi",
        "Lumi",
        "Oiva",
        "Onni",
        "Pilvi",
        "Rauha",
        "Ruusu",
        "Sade",
        "Satu",
        "Sisu",
        "Sulo",
        "Taimi",
        "Toivo",
        "Tuuli",
        "Tähti",
        "Urho",
        "Usko",
        "Valo",
        "Vieno",
    ]
)

# A capitalised word after a name that makes the pair an organisation ("Mannerheimin
# Lastensuojeluliitto"), not a person.
_ORGANISATION_HEADS = (
    "liitto",
    "yhdistys",
    "säätiö",
    "seura",
    "keskus",
    "yhtymä",
    "instituutti",
    "yliopisto",
    "opisto",
    "koulu",
    "lukio",
    "päiväkoti",
    "seurakunta",
    "kirkko",
    "sairaala",
    "oy",
    "ry",
)
_SENTENCE_END = ".!?…"
_OPENERS = "\"'“”„«»([{-–—•*"
NAMES_FILE = Path(__file__).resolve().parent / "data" / "names_sv.txt"


@lru_cache(maxsize=1)
def swedish_names() -> tuple[frozenset[str], frozenset[str]]:
    """(names, names that are also words) from the shipped list."""
    names, word_names = set(), set()
    for line in NAMES_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "[")):
            continue
        if line.startswith("~"):
            word_names.add(line[1:])
        else:
            names.add(line)
    return frozenset(names), frozenset(word_names)


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0:
        ch = text[i]
        if ch == "\n":
            return True
        if ch.isspace() or ch in _OPENERS:
            i -= 1
            continue
        return ch in _SENTENCE_END
    return True


def _capitalised(word: str) -> bool:
    # All capitals is an abbreviation (THL, KELA), not a name.
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


def _is_organisation_head(word: str) -> bool:
    if not _capitalised(word):
        return False
    bases = [a.baseform.lower() for a in finnish.analyse(word)] if finnish.available() else []
    return any(b.endswith(_ORGANISATION_HEADS) for b in bases or [word.lower()])


def _name_kind(word: str) -> str:
    """ "name" (only a name), "ambiguous" (a name and a word) or "" (not a name)."""
    sv_names, sv_word_names = swedish_names()
    is_name = ambiguous = False
    if finnish.available():
        analyses = finnish.analyse(word)
        classes = {a.word_class for a in analyses}
        if finnish.PLACE_CLASS in classes:
            # Lahti is a surname and a town: place names are far more usual in these texts.
            return ""
        if classes & finnish.NAME_CLASSES:
            is_name = True
            ambiguous = bool(classes - finnish.NAME_CLASSES)
        elif classes:
            # An ordinary Finnish word; may still be one of the names below.
            ambiguous = True
        if any(a.baseform in FINNISH_WORD_NAMES for a in analyses):
            is_name = ambiguous = True
    if word in FINNISH_WORD_NAMES:
        is_name = ambiguous = True
    # The Swedish genitive adds an -s: "Eriks", "Annas".
    for candidate in (word, word[:-1] if word.endswith("s") else ""):
        if candidate in sv_names:
            is_name = True
        elif candidate in sv_word_names:
            is_name = ambiguous = True
    if not is_name:
        return ""
    return "ambiguous" if ambiguous else "name"


def find_names(text: str) -> list[tuple[int, int]]:
    """Spans of words that are people's first names or surnames. A word that is both a name and an
    ordinary word (Onni, Tuuli, Usko) counts only when capitalised inside a sentence; names written in
    lower case are not recognised (too many ordinary words would be held)."""
    tokens = finnish.words(text)
    spans = []
    for index, m in enumerate(tokens):
        word = m.group()
        if not _capitalised(word):
            continue
        kind = _name_kind(word)
        if not kind:
            continue
        if kind == "ambiguous" and _starts_sentence(text, m.start()):
            continue
        following = tokens[index + 1].group() if index + 1 < len(tokens) else ""
        adjacent = following and text[m.end() : tokens[index + 1].start()].strip() == ""
        if adjacent and _is_organisation_head(following):
            continue
        spans.append((m.start(), m.end()))
    return spans
