"""OpenID Connect sign-in is configured only by environment variables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _provider_config(extra_env: dict) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    env.update({"ILMIO_ENV": "test", "DJANGO_SETTINGS_MODULE": "config.settings", **extra_env})
    code = "import django; django.setup(); from django.conf import settings; print(settings.SOCIALACCOUNT_PROVIDERS)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout


def test_oidc_is_off_by_default():
    assert "openid_connect" not in _provider_config({})


def test_oidc_switched_on_by_environment():
    out = _provider_config(
        {
            "OIDC_ENABLED": "true",
            "OIDC_PROVIDER_NAME": "Pirkanmaan hyvinvointialue",
            "OIDC_SERVER_URL": "https://login.example.fi/tenant/v2.0",
            "OIDC_CLIENT_ID": "ilmio-client",
            "OIDC_CLIENT_SECRET": "s3cret",
        }
    )
    assert "openid_connect" in out
    assert "https://login.example.fi/tenant/v2.0" in out
    assert "ilmio-client" in out


@pytest.mark.django_db
def test_login_page_shows_organisation_sign_in_when_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "oidc",
                    "name": "Pirkanmaan hyvinvointialue",
                    "client_id": "x",
                    "secret": "y",
                    "settings": {"server_url": "https://login.example.fi"},
                }
            ]
        }
    }
    body = client.get("/fi/accounts/login/").content.decode()
    assert "Pirkanmaan hyvinvointialue" in body
