"""The language of a page for people without an account (the public forms): one of the site's three, from
the address's language prefix, Finnish when anything else is active."""

from __future__ import annotations

from django.utils.translation import get_language

PAGE_LANGUAGES = ("fi", "sv", "en")


def page_language() -> str:
    lang = (get_language() or "fi")[:2]
    return lang if lang in PAGE_LANGUAGES else "fi"
