from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core.models import Notification
from core.services import notification_digest_send, notification_send, notifications_mark_read
from core.tasks import send_notification_digests

pytestmark = pytest.mark.django_db


def test_notification_send_skips_actor_duplicates_and_inactive(user):
    other, inactive = UserFactory(), UserFactory(is_active=False)
    rows = notification_send(
        actor=user, recipients=[user, other, other, inactive], verb="test", text="Uusi päätös"
    )
    assert [n.recipient for n in rows] == [other]


def test_digest_emails_once_and_rerun_sends_nothing(user):
    other = UserFactory(language="sv")
    notification_send(actor=user, recipients=[other], verb="test", text="Ett nytt beslut", url="/sv/")
    notification_send(actor=user, recipients=[other], verb="test", text="Ett till")
    assert send_notification_digests() == 2
    assert len(mail.outbox) == 1
    assert "Ett nytt beslut" in mail.outbox[0].body and "Ett till" in mail.outbox[0].body
    assert mail.outbox[0].to == [other.email]
    assert send_notification_digests() == 0
    assert len(mail.outbox) == 1


def test_digest_skips_read_notifications(user):
    other = UserFactory()
    notification_send(actor=user, recipients=[other], verb="test", text="Luettu jo")
    notifications_mark_read(actor=other)
    assert notification_digest_send(user=other) == 0
    assert mail.outbox == []


def test_failed_email_is_retried_next_time(user, settings):
    other = UserFactory()
    notification_send(actor=user, recipients=[other], verb="test", text="Yritetään uudelleen")
    settings.EMAIL_BACKEND = "core.tests.test_notifications.FailingBackend"
    with pytest.raises(OSError):
        notification_digest_send(user=other)
    assert Notification.objects.get().emailed_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_digest_send(user=other) == 1


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("smtp down")


def test_mark_read_touches_only_own_notifications(user):
    a, b = UserFactory(), UserFactory()
    na = notification_send(actor=user, recipients=[a], verb="t", text="a")[0]
    nb = notification_send(actor=user, recipients=[b], verb="t", text="b")[0]
    assert notifications_mark_read(actor=a, ids=[na.pk, nb.pk]) == 1
    nb.refresh_from_db()
    assert nb.read_at is None


def test_notifications_page_allowed_and_denied(client, user):
    assert client.get(reverse("notifications")).status_code == 302
    other = UserFactory()
    notification_send(actor=other, recipients=[user], verb="t", text="Sinulle kuuluva viesti")
    notification_send(actor=user, recipients=[other], verb="t", text="Toisen viesti")
    client.force_login(user)
    body = client.get(reverse("notifications")).content.decode()
    assert "Sinulle kuuluva viesti" in body
    assert "Toisen viesti" not in body
    assert client.post(reverse("notifications_read")).status_code == 302
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()


def test_notifications_page_query_count_is_fixed(client, user, django_assert_max_num_queries):
    other = UserFactory()
    notification_send(actor=other, recipients=[user], verb="t", text="x")
    client.force_login(user)
    with django_assert_max_num_queries(9) as small:
        client.get(reverse("notifications"))
    for i in range(20):
        notification_send(actor=other, recipients=[user], verb="t", text=f"x{i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("notifications"))


def test_callable_text_is_rendered_in_each_recipients_language(user):
    from django.utils.translation import gettext as _

    fi, sv, en = UserFactory(language="fi"), UserFactory(language="sv"), UserFactory(language="en")
    rows = notification_send(actor=user, recipients=[fi, sv, en], verb="t", text=lambda: _("Notifications"))
    texts = {n.recipient.language: n.text for n in rows}
    assert texts == {"fi": "Ilmoitukset", "sv": "Aviseringar", "en": "Notifications"}


def test_keyed_event_reaches_each_recipient_once(user):
    a, b = UserFactory(), UserFactory()
    first = notification_send(actor=user, recipients=[a], verb="t", text="Kerran", key="event:1")
    again = notification_send(actor=user, recipients=[a, b], verb="t", text="Kerran", key="event:1")
    assert [n.recipient for n in first] == [a]
    assert [n.recipient for n in again] == [b]
    assert Notification.objects.filter(recipient=a, key="event:1").count() == 1
    # Another event, or no key at all, is a new notification.
    notification_send(actor=user, recipients=[a], verb="t", text="Toinen", key="event:2")
    notification_send(actor=user, recipients=[a], verb="t", text="Ilman avainta")
    notification_send(actor=user, recipients=[a], verb="t", text="Ilman avainta")
    assert Notification.objects.filter(recipient=a).count() == 4
