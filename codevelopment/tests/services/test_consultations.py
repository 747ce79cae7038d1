from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.models import ConsultationRound, DevelopmentProcess
from codevelopment.tests.reach_data import opened_process, team_with_members
from core.errors import ConflictError, DomainError
from familycentres.tests.factories import GroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return opened_process()


def test_inactive_group_cannot_be_asked(process):
    hidden = GroupFactory(is_active=False)
    with pytest.raises(DomainError) as err:
        services.consultation_create(
            actor=process.chair,
            process=process,
            title="T",
            draft="D",
            groups=[hidden],
            deadline=timezone.now() + datetime.timedelta(days=1),
        )
    assert err.value.code == "unknown_group"
    assert not ConsultationRound.objects.exists()


def test_service_refuses_non_editor_and_closed_process(process):
    team, _ = team_with_members(1)
    kwargs = {
        "process": process,
        "title": "T",
        "draft": "D",
        "groups": [team],
        "deadline": timezone.now() + datetime.timedelta(days=1),
    }
    with pytest.raises(PermissionDenied):
        services.consultation_create(actor=UserFactory(), **kwargs)
    DevelopmentProcess.objects.filter(pk=process.pk).update(
        stage=DevelopmentProcess.Stage.CLOSED, closed_at=timezone.now()
    )
    with pytest.raises(ConflictError):
        services.consultation_create(actor=process.chair, **kwargs)


def test_each_team_member_is_asked_in_their_own_language_with_the_deadline_as_it_is_written_there(process):
    from zoneinfo import ZoneInfo

    from core.models import Notification

    team, (finnish, swedish) = team_with_members(2)
    finnish.language, swedish.language = "fi", "sv"
    finnish.save(update_fields=["language"])
    swedish.save(update_fields=["language"])
    process.chair.language = "en"
    process.chair.save(update_fields=["language"])
    deadline = datetime.datetime(2026, 12, 11, 18, 5, tzinfo=ZoneInfo("Europe/Helsinki"))
    services.consultation_create(
        actor=process.chair, process=process, title="Luonnos", draft="D", groups=[team], deadline=deadline
    )
    told = {n.recipient_id: n.text for n in Notification.objects.filter(verb="codevelopment.consultation")}
    assert "pyytää kommenttejasi" in told[finnish.pk] and "11.12.2026 klo 18.05" in told[finnish.pk]
    assert "ber om dina kommentarer" in told[swedish.pk] and "11.12.2026 kl. 18.05" in told[swedish.pk]
    assert "asks for your comments" not in told[finnish.pk] + told[swedish.pk]
