"""/health/ reports the database, the cache and the broker, for load balancers and container checks."""

from __future__ import annotations

import socket

import pytest
from django.urls import reverse

from config.celery import app as celery_app


def _closed_port() -> int:
    # Bind to an ephemeral port and release it: nothing listens there afterwards.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_health_reports_ok_when_services_are_up_for_anonymous(client):
    response = client.get(reverse("health"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"] == {"database": "ok", "cache": "ok", "broker": "ok", "finnish": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_returns_503_when_broker_is_unreachable(client, monkeypatch):
    # broker_write_url is unset, so the health check's write connection follows broker_url.
    monkeypatch.setattr(celery_app.conf, "broker_url", f"redis://127.0.0.1:{_closed_port()}/0")

    response = client.get(reverse("health"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"] == "unavailable"
    assert body["checks"]["database"] == "ok"
