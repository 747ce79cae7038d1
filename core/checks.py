"""System checks of what the platform needs from the machine it runs on."""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from . import finnish


@checks.register("ilmio")
def voikko_installed(app_configs, **kwargs):
    """Without Voikko the site runs, but names in free text are not found and search finds only the
    forms as written: say so in one line whenever the site starts."""
    if finnish.available():
        return []
    return [
        checks.Warning(
            "Voikko is not installed: name detection and Finnish base-form search are off.",
            hint=f"Install it: {finnish.INSTALL_HINT}.",
            id="ilmio.W101",
        )
    ]


@checks.register("ilmio", deploy=True)
def voikko_required_in_production(app_configs, **kwargs):
    # Personal data (names) would reach the public pages unnoticed: production must not run without it.
    if settings.ILMIO_ENV != "production" or finnish.available():
        return []
    return [
        checks.Error(
            "Voikko is required in production: without it names in public texts are not detected.",
            hint=f"Install it: {finnish.INSTALL_HINT}.",
            id="ilmio.E101",
        )
    ]
