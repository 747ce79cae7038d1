"""Account emails name the site, link to SITE_URL and never invite to the closed sign-up."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://ilmio.example.fi"
    return settings.SITE_URL


def test_password_reset_mail_names_the_site_and_links_to_site_url(client):
    UserFactory(email="unohtaja@example.test")
    client.post(reverse("account_reset_password"), {"email": "unohtaja@example.test"})
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("[Ilmiö] ")
    assert "example.com" not in message.subject + message.body
    assert "Ilmiö" in message.body
    assert "https://ilmio.example.fi/" in message.body
    assert "http://testserver" not in message.body


def test_password_reset_for_unknown_address_sends_no_sign_up_invitation(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.test"})
    # The answer is the same as for a known address, so addresses cannot be probed.
    assert response.status_code == 302
    assert not [m for m in mail.outbox if "nobody@example.test" in m.to]


def test_worker_digest_links_use_site_url(site_url):
    from core.services import notification_digest_send, notification_send

    sender, reader = UserFactory(), UserFactory()
    notification_send(actor=sender, recipients=[reader], verb="test", text="Uusi päätös", url="/fi/x/")
    assert notification_digest_send(user=reader) == 1
    assert f"{site_url}/fi/x/" in mail.outbox[0].body


def test_dev_server_gives_the_worker_its_own_port_as_site_url():
    # `make run PORT=8001` starts the worker from the same script: its mails must not say port 8000.
    from pathlib import Path

    from django.conf import settings

    script = (Path(settings.BASE_DIR) / "bin" / "run-dev").read_text()
    export = script.index("export SITE_URL=${SITE_URL:-http://$HOST:$PORT}")
    assert export < script.index("celery -A config worker")
