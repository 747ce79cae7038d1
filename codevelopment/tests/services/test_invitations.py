from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from codevelopment import services
from codevelopment.models import Invitation
from codevelopment.tests.factories import decided

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    decision, chair = decided()
    made = services.process_open_from_decision(actor=chair, decision=decision)
    made.chair = chair
    return made


def _link_from_mail(message) -> str:
    match = re.search(r"https?://\S+/codevelopment/invitation/[^/\s]+/", message.body)
    assert match, message.body
    return match.group(0)


def _invite(process, email="vanhempi@example.test", **kwargs) -> tuple[Invitation, str]:
    """Invites through the service and returns the invitation and the token from the email."""
    mail.outbox.clear()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        invitation = services.invitation_create(actor=process.chair, process=process, email=email, **kwargs)
    link = _link_from_mail(mail.outbox[-1])
    return invitation, urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1]


def test_expired_invitation_gives_way_to_a_new_one(process):
    first, _token = _invite(process)
    Invitation.objects.filter(pk=first.pk).update(expires_at=timezone.now() - datetime.timedelta(days=1))
    second, _token2 = _invite(process)
    first.refresh_from_db()
    assert first.revoked_at is not None and second.pk != first.pk


def test_mail_task_skips_a_replaced_or_closed_link(process):
    from codevelopment.tasks import send_invitation_email

    invitation, old_token = _invite(process)
    services.invitation_resend(actor=process.chair, invitation=invitation)
    mail.outbox.clear()
    assert send_invitation_email(invitation.pk, old_token, "fi") is False
    assert send_invitation_email(999999, old_token, "fi") is False
    assert mail.outbox == []
