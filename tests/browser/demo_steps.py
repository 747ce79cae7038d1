"""The demo network as `seed_demo` loads it, for browser flows that walk through the demo itself: the
loaders of the network, observations, phenomena and co-development (the parts the flows between the levels
use; the service map, network meetings, influencer network and indicators are left out to keep the run
short), and the texts of the pages in a given language."""

from __future__ import annotations

from types import SimpleNamespace

DEMO_PARTS = [
    "familycentres.demo.load",
    "observations.demo.load",
    "phenomena.demo.load",
    "codevelopment.demo.load",
]


def load() -> SimpleNamespace:
    """Loads the demo (its first run, with the demo password) and returns its people and groups by the keys
    of familycentres.demo."""
    from io import StringIO

    from django.db import transaction

    from core import demo

    ctx = demo.DemoContext(stdout=StringIO(), with_passwords=True)
    with transaction.atomic():
        demo.run(ctx, DEMO_PARTS)
    return SimpleNamespace(users=ctx["users"], groups=ctx["groups"], password=demo.DEMO_PASSWORD)


def text(language: str, message: str, **values) -> str:
    """`message` as the pages show it in `language`, with its values."""
    from django.utils import translation

    with translation.override(language):
        translated = translation.gettext(message)
        return translated % values if values else translated


def label(language: str, lazy) -> str:
    """A lazy label (a choice's label, say) in `language`."""
    from django.utils import translation

    with translation.override(language):
        return str(lazy)
