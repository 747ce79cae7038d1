"""Public addresses in the page's language (/fi/paatokset/, /sv/beslut/, /en/decisions/).

A public route is written in English and wrapped in ``gettext_lazy`` (Django's translated URL patterns, as
the service finder does); ``moved`` keeps each former, untranslated address working with a permanent
redirect, because those addresses are printed on posters and QR codes and were sent in emails."""

from __future__ import annotations

from django.urls import path, reverse
from django.views.generic import RedirectView


def moved(old_route: str, pattern_name: str):
    """A 301 from ``old_route`` to the page named ``pattern_name`` in the active language, keeping the
    path's parameters and the query string. List it after the translated route: where the translation
    equals the old route (Finnish /kerro/, English /decisions/), the page itself answers first."""
    return path(old_route, RedirectView.as_view(pattern_name=pattern_name, permanent=True, query_string=True))


def url_maker(name: str):
    """reverse(name, args=[pk]) for many primary keys: the address is reversed once with a marker and the
    marker replaced (reverse costs tens of microseconds; the language prefix is the same for the page)."""
    marker = 987654321987
    head, tail = reverse(name, args=[marker]).split(str(marker), 1)
    return lambda pk: f"{head}{int(pk)}{tail}"
