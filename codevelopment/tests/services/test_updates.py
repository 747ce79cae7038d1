from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.models import DevelopmentProcess
from codevelopment.tests.reach_data import opened_process
from core.errors import ConflictError, DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return opened_process()


def test_personal_data_in_title_of_public_update_refused(process):
    with pytest.raises(DomainError) as err:
        services.update_post(
            actor=process.chair, process=process, title="matti@example.fi", body="x", is_public=True
        )
    assert err.value.code == "personal_data"


def test_service_refuses_non_editor_and_closed(process):
    with pytest.raises(PermissionDenied):
        services.update_post(actor=UserFactory(), process=process, title="t", body="b")
    DevelopmentProcess.objects.filter(pk=process.pk).update(
        stage=DevelopmentProcess.Stage.CLOSED, closed_at=timezone.now()
    )
    with pytest.raises(ConflictError):
        services.update_post(actor=process.chair, process=process, title="t", body="b")
