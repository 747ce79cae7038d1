from __future__ import annotations

import pytest
from django.core import checks
from django.urls import reverse

from core import finnish
from core.checks import voikko_installed, voikko_required_in_production


def test_no_warning_when_voikko_is_installed():
    if not finnish.available():
        pytest.skip(finnish.unavailable_reason())
    assert voikko_installed(None) == []


def test_missing_voikko_is_one_clear_warning(monkeypatch):
    monkeypatch.setattr(finnish, "available", lambda: False)
    [warning] = voikko_installed(None)
    assert warning.level == checks.WARNING
    assert "name detection and Finnish base-form search are off" in warning.msg
    assert "voikko-fi" in warning.hint


def test_missing_voikko_fails_the_deploy_check_only_in_production(monkeypatch, settings):
    monkeypatch.setattr(finnish, "available", lambda: False)
    settings.ILMIO_ENV = "test"
    assert voikko_required_in_production(None) == []
    settings.ILMIO_ENV = "production"
    [error] = voikko_required_in_production(None)
    assert error.level == checks.ERROR


@pytest.mark.django_db
def test_health_says_when_voikko_is_missing(client, monkeypatch):
    monkeypatch.setattr(finnish, "available", lambda: False)
    body = client.get(reverse("health")).json()
    assert body["checks"]["finnish"] == "unavailable"
    # The site still works without it.
    assert body["status"] == "ok"
