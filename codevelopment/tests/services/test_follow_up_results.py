"""Follow-up results are reported: the deciding group and the follow-up owner are told once, in their own
language; the raising team's notice hangs on a signal; sub-teams of a learning network add evaluations."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.models import DevelopmentProcess, SubteamEvaluation
from codevelopment.services.lifecycle import point_recorded_notify
from codevelopment.signals import follow_up_point_recorded
from codevelopment.tests import lifecycle_data as h
from core.errors import ConflictError, DomainError
from core.models import AuditEvent, Notification
from familycentres.models import Membership
from familycentres.tests.factories import FamilyCentreFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _recorded(process, value="26"):
    metric = services.metric_add(
        actor=process.chair,
        process=process,
        name="Kerhopaikat",
        unit="paikkaa",
        baseline="20",
        target="40",
        method="Kunnan tilasto.",
    )
    point = services.point_schedule(actor=process.chair, metric=metric, due_on=datetime.date(2026, 3, 1))
    return services.point_record(
        actor=process.owner,
        point=point,
        value=value,
        evaluation_families="Perheet kokevat jonojen lyhentyneen.",
        evaluation_professionals="Ohjaajia tarvitaan lisää.",
        more_development_needed=False,
    )


def test_recording_tells_the_deciding_groups_chair_secretary_coordinator_and_owner_once():
    process = h.implementing()
    steering = process.decision.group
    secretary = MembershipFactory(group=steering, role=Membership.Role.SECRETARY).user
    coordinator = MembershipFactory(group=steering, role=Membership.Role.COORDINATOR).user
    plain = MembershipFactory(group=steering, role=Membership.Role.MEMBER).user
    point = _recorded(process)
    told = Notification.objects.filter(verb="codevelopment.followup_recorded")
    # The owner recorded it, so is not told of their own act; the chair (also the coordinator) is.
    assert set(told.values_list("recipient", flat=True)) == {process.chair.pk, secretary.pk, coordinator.pk}
    assert plain.pk not in told.values_list("recipient", flat=True)
    note = told.get(recipient=secretary)
    assert note.url.endswith(f"/codevelopment/{process.pk}/follow-up/#point-{point.pk}")
    assert "Kerhopaikat" in note.text and "26" in note.text and "40" in note.text
    assert "Perheet" not in note.text  # no evaluations of families in the notice
    point_recorded_notify(actor=process.owner, point=point, process=process)
    assert told.count() == 3


def test_owner_is_told_when_someone_else_records_and_text_is_in_their_language():
    process = h.implementing()
    process.owner.language = "sv"
    process.owner.save(update_fields=["language"])
    process.chair.language = "en"
    process.chair.save(update_fields=["language"])
    metric = services.metric_add(
        actor=process.chair,
        process=process,
        name="Kerhopaikat",
        unit="paikkaa",
        baseline="20",
        target="40",
        method="Tilasto.",
    )
    point = services.point_schedule(actor=process.chair, metric=metric, due_on=datetime.date(2026, 3, 1))
    services.point_record(actor=process.chair, point=point, value="30", more_development_needed=False)
    note = Notification.objects.get(verb="codevelopment.followup_recorded", recipient=process.owner)
    assert "uppföljning" in note.text.lower()


def test_the_raising_team_hook_is_a_signal_with_the_point():
    process = h.implementing()
    heard = []

    def receiver(sender, *, point, process, actor, **kwargs):
        heard.append((point.pk, process.pk, actor.pk))

    follow_up_point_recorded.connect(receiver)
    try:
        point = _recorded(process)
    finally:
        follow_up_point_recorded.disconnect(receiver)
    assert heard == [(point.pk, process.pk, process.owner.pk)]


# Sub-team evaluations ------------------------------------------------------------------------------------


def _network():
    process = h.implementing()
    DevelopmentProcess.objects.filter(pk=process.pk).update(is_learning_network=True)
    process.refresh_from_db()
    subteam = services.subteam_add(
        actor=process.chair, process=process, name="Kuopion alatiimi", family_centre=FamilyCentreFactory()
    )
    return process, subteam


def test_a_subteam_member_adds_an_evaluation_with_a_value_and_it_is_audited():
    process, subteam = _network()
    member = MembershipFactory(group=subteam, role=Membership.Role.MEMBER).user
    metric = services.metric_add(
        actor=process.chair,
        process=process,
        name="Kerhot",
        unit="kpl",
        baseline="1",
        target="3",
        method="Lasku",
    )
    evaluation = services.subteam_evaluation_add(
        actor=member, process=process, subteam=subteam, text="Kerho toimii hyvin.", value="2", metric=metric
    )
    assert evaluation.who == "Kuopion alatiimi" and evaluation.value == Decimal("2.00")
    assert AuditEvent.objects.filter(action="codevelopment.subteam_evaluation_add").exists()
    other = services.subteam_evaluation_add(
        actor=process.chair, process=process, organisation="Mannerheimin Lastensuojeluliitto", text="Hyvä."
    )
    assert other.who == "Mannerheimin Lastensuojeluliitto" and other.value is None


def test_evaluation_rules():
    process, subteam = _network()
    with pytest.raises(PermissionDenied):
        services.subteam_evaluation_add(actor=UserFactory(), process=process, subteam=subteam, text="x")
    with pytest.raises(DomainError) as caught:
        services.subteam_evaluation_add(actor=process.chair, process=process, text="x")
    assert caught.value.code == "who_required"
    with pytest.raises(DomainError) as caught:
        services.subteam_evaluation_add(actor=process.chair, process=process, subteam=subteam, text="")
    assert caught.value.code == "text_required"
    with pytest.raises(DomainError) as caught:
        services.subteam_evaluation_add(
            actor=process.chair, process=process, subteam=process.decision.group, text="x"
        )
    assert caught.value.code == "unknown_subteam"
    with pytest.raises(DomainError) as caught:
        services.subteam_evaluation_add(
            actor=process.chair, process=process, subteam=subteam, text="x", value="NaN"
        )
    assert caught.value.code == "value"
    assert not SubteamEvaluation.objects.exists()


def test_no_evaluations_outside_a_learning_network_or_before_implementation():
    process = h.implementing()
    with pytest.raises(PermissionDenied):
        services.subteam_evaluation_add(
            actor=process.chair, process=process, organisation="Järjestö", text="x"
        )
    designing = h.designing()
    DevelopmentProcess.objects.filter(pk=designing.pk).update(is_learning_network=True)
    designing.refresh_from_db()
    with pytest.raises(ConflictError):
        services.subteam_evaluation_add(
            actor=designing.chair, process=designing, organisation="Järjestö", text="x"
        )


def test_the_values_in_the_notices_are_numbers_of_the_recipients_language():
    """Not "26.50 paikkaa (tavoite 40.00)": the decimal comma in Finnish and Swedish, no trailing zeros."""
    process = h.implementing()
    secretary = MembershipFactory(group=process.decision.group, role=Membership.Role.SECRETARY).user
    secretary.language = "fi"
    secretary.save(update_fields=["language"])
    process.chair.language = "en"
    process.chair.save(update_fields=["language"])
    _recorded(process, value="26.5")
    finnish = Notification.objects.get(verb="codevelopment.followup_recorded", recipient=secretary).text
    english = Notification.objects.get(verb="codevelopment.followup_recorded", recipient=process.chair).text
    assert "26,5 paikkaa" in finnish and "40)" in finnish and "40.00" not in finnish
    assert "26.5 paikkaa" in english and "26.50" not in english and "40.00" not in english
