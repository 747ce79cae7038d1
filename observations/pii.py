"""Finding text that looks like it identifies a person: a Finnish personal identity code (with a valid
check character), a phone number, an email address or a street address. Such text is held back from
the network until a collector has redacted it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Personal identity code: DDMMYY, century sign, individual number, check character.
# Century signs: + (1800s), - U V W X Y (1900s), A B C D E F (2000s).
_HETU = re.compile(
    r"(?<![0-9A-Za-z])(\d{2})(\d{2})(\d{2})([-+ABCDEFUVWXY])(\d{3})([0-9A-Ya-y])(?![0-9A-Za-z])"
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
