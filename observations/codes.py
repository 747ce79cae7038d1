"""Follow-up codes for families: short, unguessable, easy to read aloud and type."""

from __future__ import annotations

import secrets

# No look-alikes: no 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, G/6, U/V.
ALPHABET = "ACEFHJKMNPRTWXY34679"
LENGTH = 10  # 20**10 ≈ 1e13 codes (~43 bits); lookups are rate-limited as well.


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(code: str) -> str | None:
    """Accepts what people type: lower case, spaces, missing or extra dashes. None if it cannot be a code."""
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return f"{cleaned[:5]}-{cleaned[5:]}"


def unused_characters(code: str) -> list[str]:
    """The letters and numbers in what was typed that no code ever has (look-alikes such as O, 0, I, 1),
    each once, in the order typed: the family is told exactly which ones to check."""
    seen: list[str] = []
    for ch in (code or "").upper():
        if ch.isalnum() and ch not in ALPHABET and ch not in seen:
            seen.append(ch)
    return seen


def typed_length(code: str) -> int:
    """How many letters and numbers were typed (spaces and dashes do not count)."""
    return sum(1 for ch in (code or "") if ch.isalnum())
