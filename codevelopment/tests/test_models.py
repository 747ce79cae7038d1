"""The rules the database itself keeps, whatever code writes the rows, and the visibility querysets."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.tests.factories import UserFactory
from codevelopment.models import (
    ConsultationRound,
    DevelopmentProcess,
    Document,
    FollowUpPoint,
    Invitation,
    Proposal,
    Survey,
    SurveyQuestion,
)
from codevelopment.tests.factories import (
    DocumentFactory,
    InvitationFactory,
    ProposalFactory,
    SurveyFactory,
    SurveyQuestionFactory,
)
from codevelopment.tests.reach_data import consultation, opened_process, point, team_with_members
from familycentres.models import Membership
from familycentres.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return opened_process()


def _refused(make) -> None:
    """`make` is refused by the database (deferred constraints checked at once)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        make()


def test_second_draft_proposal_refused(process):
    ProposalFactory(process=process, solutions="a", plan="b", measurement="c")
    _refused(lambda: ProposalFactory(process=process, solutions="d", plan="e", measurement="f"))
    # A sent proposal and a new draft live side by side.
    Proposal.objects.filter(process=process).update(sent_at=timezone.now())
    ProposalFactory(process=process, solutions="d", plan="e", measurement="f")
    assert Proposal.objects.filter(process=process, sent_at__isnull=True).count() == 1


def test_duplicate_question_position_refused(process):
    survey = SurveyFactory(process=process, title="Kysely")
    SurveyQuestionFactory(survey=survey, position=1, kind="text", text="Mitä?")
    _refused(lambda: SurveyQuestionFactory(survey=survey, position=1, kind="text", text="Miksi?"))
    other = SurveyFactory(process=process, title="Toinen")
    SurveyQuestionFactory(survey=other, position=1, kind="text", text="Mitä?")
    assert SurveyQuestion.objects.filter(position=1).count() == 2


def test_closed_process_without_closed_at_refused(process):
    _refused(lambda: DevelopmentProcess.objects.filter(pk=process.pk).update(stage="closed"))
    DevelopmentProcess.objects.filter(pk=process.pk).update(stage="closed", closed_at=timezone.now())
    assert DevelopmentProcess.objects.get(pk=process.pk).stage == "closed"


def test_point_value_and_time_set_together(process):
    made = point(process)
    _refused(lambda: FollowUpPoint.objects.filter(pk=made.pk).update(value=5))
    _refused(lambda: FollowUpPoint.objects.filter(pk=made.pk).update(recorded_at=timezone.now()))
    FollowUpPoint.objects.filter(pk=made.pk).update(value=5, recorded_at=timezone.now())
    assert FollowUpPoint.objects.get(pk=made.pk).value == 5


def test_children_visible_exactly_with_their_process(process):
    survey = SurveyFactory(process=process, title="Kysely")
    document = DocumentFactory(
        process=process,
        title="Liite",
        file="x",
        original_name="a.pdf",
        content_type="application/pdf",
        size=1,
    )
    invitation = InvitationFactory(
        process=process, email="a@example.test", token_hash="x" * 64, expires_at=timezone.now()
    )
    member = UserFactory()
    for model, obj in ((Survey, survey), (Document, document), (Invitation, invitation)):
        assert list(model.objects.visible_to(process.chair)) == [obj]
        assert list(model.objects.visible_to(member)) == [obj]  # a professional reads every workspace
        assert not model.objects.visible_to(UserFactory(is_active=False)).exists()


def test_consultation_visible_to_asked_groups_limited_member(process):
    team, _members = team_with_members(1)
    round_ = consultation(process, [team])
    client_rep = MembershipFactory(group=team, role=Membership.Role.CLIENT_REPRESENTATIVE).user
    outsider_rep = MembershipFactory(role=Membership.Role.CLIENT_REPRESENTATIVE).user
    assert list(ConsultationRound.objects.visible_to(client_rep)) == [round_]
    assert not ConsultationRound.objects.visible_to(outsider_rep).exists()
    assert list(ConsultationRound.objects.visible_to(process.chair)) == [round_]
