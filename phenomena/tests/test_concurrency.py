"""Two secretaries save a decision on the same initiative at the same moment: the first write wins, the
second gets a clear conflict, and nothing is half-saved."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from core.errors import ConflictError
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from phenomena import services
from phenomena.models import Decision, Initiative
from phenomena.tests.factories import InitiativeFactory


@pytest.mark.django_db(transaction=True)
def test_two_secretaries_deciding_at_once_first_wins():
    group = GroupFactory()
    secretaries = [MembershipFactory(group=group, role=Membership.Role.SECRETARY).user for _ in range(2)]
    initiative = InitiativeFactory(group=group)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(user, kind):
        try:
            barrier.wait(timeout=10)
            services.decision_record(
                actor=user, initiative=initiative, kind=kind, reasons=f"Perustelut: {kind}"
            )
            outcomes.append("decided")
        except ConflictError:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(secretaries[0], "information")),
        threading.Thread(target=decide, args=(secretaries[1], "reject")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(outcomes) == ["conflict", "decided"]
    assert Decision.objects.filter(initiative=initiative).count() == 1
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.DECIDED
    assert Decision.objects.get(initiative=initiative).number == 1


@pytest.mark.django_db(transaction=True)
def test_numbering_stays_unique_when_two_initiatives_are_decided_at_once():
    group = GroupFactory()
    secretary = MembershipFactory(group=group, role=Membership.Role.SECRETARY).user
    initiatives = [InitiativeFactory(group=group) for _ in range(2)]
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def decide(initiative):
        try:
            barrier.wait(timeout=10)
            services.decision_record(
                actor=secretary, initiative=initiative, kind="information", reasons="Tiedoksi"
            )
        except Exception as exc:  # noqa: BLE001 - any failure fails the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(i,)) for i in initiatives]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert errors == []
    assert sorted(Decision.objects.filter(group=group).values_list("number", flat=True)) == [1, 2]
