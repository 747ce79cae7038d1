from __future__ import annotations

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    """The language switcher's links (the same page in each language) and site-wide flags."""
    current = get_language()
    path = request.get_full_path()
    languages = []
    for code, _name in settings.LANGUAGES:
        languages.append(
            {
                "code": code,
                "name": {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}[code],
                "url": translate_url(path, code),
                "current": code == current,
            }
        )
    return {
        "language_links": languages,
        "DEMO_MODE": settings.DEMO_MODE,
        "ACCESSIBILITY_CONTACT_EMAIL": settings.ACCESSIBILITY_CONTACT_EMAIL,
    }
