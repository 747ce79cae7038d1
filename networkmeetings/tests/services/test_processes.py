from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.errors import DomainError
from core.models import AuditEvent
from familycentres.tests.factories import FamilyCentreFactory
from networkmeetings.models import NetworkProcess
from networkmeetings.services import processes as services

from ..factories import centre_worker


def test_convene_opens_process_with_convener(world):
    process = services.process_convene(
        actor=world.outsider,
        label="Perhe B",
        family_centre=world.centre,
        responsible_worker=world.outsider,
        responsible_pair=world.pair,
    )
    assert process.convener == world.outsider
    assert process.status == NetworkProcess.Status.OPEN
    assert AuditEvent.objects.filter(
        action="networkmeetings.process_convene", object_id=str(process.pk)
    ).exists()


@pytest.mark.parametrize(
    "label", ["Matti 010203A123R", "perhe@example.com", "soita 0401234567", "", "x" * 61]
)
def test_convene_refuses_identifying_or_bad_label(world, label):
    with pytest.raises(DomainError) as exc:
        services.process_convene(
            actor=world.outsider, label=label, family_centre=world.centre, responsible_worker=world.outsider
        )
    assert exc.value.code in {"label", "too_long"}
    assert NetworkProcess.objects.count() == 1


def test_convene_only_in_own_family_centre(world):
    other = FamilyCentreFactory()
    with pytest.raises(DomainError):
        services.process_convene(
            actor=world.outsider, label="Perhe C", family_centre=other, responsible_worker=world.outsider
        )


def test_convene_refuses_someone_without_a_centre(db):
    from accounts.tests.factories import UserFactory

    user = UserFactory()
    with pytest.raises(PermissionDenied):
        services.process_convene(
            actor=user, label="Perhe D", family_centre=FamilyCentreFactory(), responsible_worker=user
        )


def test_pair_must_be_another_person(world):
    with pytest.raises(DomainError):
        services.process_convene(
            actor=world.outsider,
            label="Perhe E",
            family_centre=world.centre,
            responsible_worker=world.outsider,
            responsible_pair=world.outsider,
        )


def test_close_then_close_again_is_refused(world):
    services.process_close(actor=world.convener, process=world.process, reason="Goals reached")
    world.process.refresh_from_db()
    assert world.process.status == "closed" and world.process.closed_at
    with pytest.raises(DomainError):
        services.process_close(actor=world.convener, process=world.process, reason="again")


def test_close_needs_reason_and_responsible(world):
    with pytest.raises(DomainError):
        services.process_close(actor=world.convener, process=world.process, reason="  ")
    with pytest.raises(PermissionDenied):
        services.process_close(actor=world.invited, process=world.process, reason="x")


def test_family_code_opens_only_its_process_until_it_expires(world):
    code = services.family_code_issue(actor=world.convener, process=world.process)
    assert services.process_for_family_code(code) == world.process
    assert services.process_for_family_code(code.lower().replace("-", " ")) == world.process
    assert services.process_for_family_code("ACEFH-34679") is None
    assert code not in world.process.family_code_hash
    # A new code replaces the old one.
    newer = services.family_code_issue(actor=world.convener, process=world.process)
    assert services.process_for_family_code(code) is None
    NetworkProcess.objects.filter(pk=world.process.pk).update(
        family_code_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert services.process_for_family_code(newer) is None


def test_family_code_only_by_responsible(world):
    with pytest.raises(PermissionDenied):
        services.family_code_issue(actor=world.invited, process=world.process)


def test_closing_ends_family_code(world):
    code = services.family_code_issue(actor=world.convener, process=world.process)
    services.process_close(actor=world.convener, process=world.process, reason="done")
    assert services.process_for_family_code(code) is None


def test_other_centre_worker_cannot_be_reached(world):
    # A worker of another centre can be responsible only if the convener picks them; sanity of factories.
    other = centre_worker(FamilyCentreFactory())
    assert not NetworkProcess.objects.visible_to(other).exists()
