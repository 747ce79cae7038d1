"""Finnish is the default and Swedish complete: no untranslated or fuzzy entries, and compiled
catalogues that match their sources."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _entries(po_path: Path):
    """Yields (msgid, msgstr_list, is_fuzzy) for each entry of a .po file (a small, strict parser)."""
    entry: dict = {"flags": "", "msgid": None, "msgstr": [], "field": None}
    entries = []

    def flush():
        if entry["msgid"] is not None:
            entries.append((entry["msgid"], list(entry["msgstr"]), "fuzzy" in entry["flags"]))
        entry.update({"flags": "", "msgid": None, "msgstr": [], "field": None})

    def unquote(text: str) -> str:
        return text.strip()[1:-1].encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")

    for raw in po_path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#,"):
            entry["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural"):
            entry["field"] = "plural"
        elif line.startswith("msgid "):
            if entry["msgid"] is not None and entry["field"] not in ("msgid",):
                flush()
            entry["msgid"] = unquote(line[len("msgid ") :])
            entry["field"] = "msgid"
        elif line.startswith("msgstr"):
            entry["msgstr"].append(unquote(line.split(" ", 1)[1]))
            entry["field"] = "msgstr"
        elif line.startswith('"'):
            if entry["field"] == "msgid":
                entry["msgid"] += unquote(line)
            elif entry["field"] == "msgstr":
                entry["msgstr"][-1] += unquote(line)
    flush()
    return entries


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_catalogue_is_complete(lang):
    po = ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"
    assert po.exists(), f"missing {po}"
    entries = [e for e in _entries(po) if e[0] != ""]
    assert len(entries) > 50
    fuzzy = [msgid for msgid, _strs, is_fuzzy in entries if is_fuzzy]
    untranslated = [msgid for msgid, strs, _f in entries if not all(s.strip() for s in strs)]
    assert not fuzzy, f"{lang}: fuzzy entries: {fuzzy[:10]}"
    assert not untranslated, f"{lang}: untranslated entries: {untranslated[:10]}"


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_compiled_catalogue_matches_source(lang):
    import gettext

    base = ROOT / "locale" / lang / "LC_MESSAGES"
    mo = base / "django.mo"
    assert mo.exists(), f"{mo} is missing: run make messages"
    with mo.open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    for msgid, strs, _fuzzy in _entries(base / "django.po"):
        if msgid and len(strs) == 1:
            assert catalogue.gettext(msgid) == strs[0], f"{lang}: {msgid!r} differs in django.mo: recompile"


def test_every_template_string_is_in_the_catalogue():
    """A string added to a template without running makemessages would silently stay English."""
    import re

    po_ids = {msgid for msgid, _s, _f in _entries(ROOT / "locale" / "fi" / "LC_MESSAGES" / "django.po")}
    pattern = re.compile(r"""{%\s*translate\s+"([^"]+)"\s*%}|{%\s*translate\s+'([^']+)'\s*%}""")
    missing = []
    for template in (ROOT / "templates").rglob("*.html"):
        for match in pattern.finditer(template.read_text(encoding="utf-8")):
            text = match.group(1) or match.group(2)
            if text not in po_ids:
                missing.append(f"{template.relative_to(ROOT)}: {text}")
    assert not missing, "not in locale/fi: " + "; ".join(missing[:10])
