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
