"""Finnish morphology with Voikko: base forms, compound parts and the word classes of names.

The one place that talks to Voikko. Search (the base forms and compound parts stored beside the text),
the personal-data check (first names and surnames) and the bench use it. Voikko comes from the Debian
packages `libvoikko1` and `voikko-fi` and its Python binding `libvoikko`; without them `available()`
is False, the name check and base-form search are off, and `lemmas()` falls back to the lower-cased
words so that search still finds exact forms.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

INSTALL_HINT = "apt-get install libvoikko1 voikko-fi (the Python binding libvoikko is in the lock file)"

# A word: letters, with inner hyphens and apostrophes ("5-vuotias" is split at the digit boundary).
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

# Word classes whose base forms say nothing about what a text is about; the index leaves them out so
# that a query for "ja" does not match every text.
_UNINDEXED_CLASSES = frozenset({"sidesana", "asemosana", "kieltosana", "suhdesana", "huudahdussana"})
NAME_CLASSES = frozenset({"etunimi", "sukunimi"})
PLACE_CLASS = "paikannimi"

# Longer words are not analysed: no Finnish word is this long, and Voikko's time grows with length.
_MAX_WORD = 80


class VoikkoUnavailable(RuntimeError):
    """Voikko's library or its Finnish dictionary is not installed."""


@dataclass(frozen=True)
class Analysis:
    baseform: str
    word_class: str
    # The word split at its compound boundaries, as written ("lastensuojeluilmoitus" →
    # ("lasten", "suojelu", "ilmoitus")); one element for a word that is not a compound.
    parts: tuple[str, ...]


_lock = threading.Lock()
_voikko = None
_load_error: str | None = None


def _handle():
    """The Voikko handle, created on first use. libvoikko's handle is not safe to share between threads
    without a lock, so every call goes through `_lock`."""
    global _voikko, _load_error
    if _voikko is not None:
        return _voikko
    if _load_error is not None:
        raise VoikkoUnavailable(_load_error)
    with _lock:
        if _voikko is None and _load_error is None:
            try:
                import libvoikko

                _voikko = libvoikko.Voikko("fi")
            except Exception as exc:  # noqa: BLE001 - an ImportError, OSError or VoikkoException
                _load_error = f"Voikko is not available ({exc}). Install it: {INSTALL_HINT}"
    if _voikko is None:
        raise VoikkoUnavailable(_load_error)
    return _voikko


def available() -> bool:
    try:
        _handle()
    except VoikkoUnavailable:
        return False
    return True


def unavailable_reason() -> str:
    return "" if available() else (_load_error or "")


def _split_structure(word: str, structure: str) -> tuple[str, ...]:
    """Voikko's STRUCTURE has one letter per character of the word and "=" before each part of a compound
    ("=pppppp=ppppppp=pppppppp"); the word is cut where the "=" marks are."""
    parts, current, i = [], [], 0
    for mark in structure:
        if mark == "=":
            if current:
                parts.append("".join(current))
                current = []
            continue
        if i >= len(word):
            break
        current.append(word[i])
        i += 1
    if current:
        parts.append("".join(current))
    if i != len(word) or not parts:
        return (word,)
    return tuple(p.strip("-") for p in parts if p.strip("-"))


@lru_cache(maxsize=200_000)
def analyse(word: str) -> tuple[Analysis, ...]:
    """Voikko's analyses of one word as written (case matters: "Onni" is a name, "onni" luck). Cached:
    the same words recur in every text."""
    if not word or len(word) > _MAX_WORD:
        return ()
    voikko = _handle()
    with _lock:
        raw = voikko.analyze(word)
    result = []
    for a in raw:
        base = a.get("BASEFORM") or word
        result.append(
            Analysis(
                baseform=base,
                word_class=a.get("CLASS", ""),
                parts=_split_structure(word, a.get("STRUCTURE", "")),
            )
        )
    return tuple(result)


def words(text: str) -> list[re.Match]:
    return list(WORD.finditer(text or ""))


@lru_cache(maxsize=200_000)
def _word_lemmas(word: str) -> tuple[str, ...]:
    """The base forms of a word and of each part of a compound, lower case."""
    if len(word) > _MAX_WORD:
        return ()  # not a word; PostgreSQL would not index it either
    analyses = analyse(word)
    if not analyses:
        return (word.lower(),)
    out: list[str] = []
    for a in analyses:
        if a.word_class in _UNINDEXED_CLASSES:
            continue
        base = a.baseform.lower()
        if base not in out:
            out.append(base)
        if len(a.parts) > 1:
            # Each part, and each run of neighbouring parts ("yksinhuoltajaperheiden": yksin, huoltaja,
            # perhe, yksinhuoltaja, huoltajaperhe), so that a query for a shorter compound finds it.
            n = len(a.parts)
            for length in range(1, n):
                for first in range(0, n - length + 1):
                    for part_analysis in analyse("".join(a.parts[first : first + length])) or ():
                        if part_analysis.word_class in _UNINDEXED_CLASSES:
                            continue
                        part_base = part_analysis.baseform.lower()
                        if part_base not in out:
                            out.append(part_base)
    return tuple(out)


def word_lemmas(word: str) -> tuple[str, ...]:
    """Base forms of one word (its own, then its compound parts'); the lower-cased word without Voikko."""
    if not available():
        return (word.lower(),) if len(word) <= _MAX_WORD else ()
    return _word_lemmas(word)


def word_base_forms(word: str) -> tuple[str, ...]:
    """The base forms of one word's readings, lower case, without compound parts; the lower-cased word
    when Voikko does not know it (or is missing); empty for the word classes the index leaves out."""
    if not available():
        return (word.lower(),)
    analyses = analyse(word)
    if not analyses:
        return (word.lower(),)
    return tuple(
        dict.fromkeys(a.baseform.lower() for a in analyses if a.word_class not in _UNINDEXED_CLASSES)
    )


def lemmas(text: str) -> list[str]:
    """The base forms and compound parts of a text, lower case, each once, in order of appearance: what
    the search index stores beside the text. Without Voikko, the lower-cased words."""
    seen: dict[str, None] = {}
    for m in WORD.finditer(text or ""):
        for lemma in word_lemmas(m.group()):
            seen.setdefault(lemma, None)
    return list(seen)


def lemma_text(text: str) -> str:
    """`lemmas(text)` as one space-separated string, the form stored in a text column."""
    return " ".join(lemmas(text))
