"""Test factories for co-development. A process is opened the way the pages open it (through the service,
from a steering group's decision), so it comes with its developer group, coordinator and first stage."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.models import (
    ConsultationComment,
    ConsultationRound,
    DevelopmentProcess,
    DialogueRecord,
    Document,
    FollowUpMetric,
    FollowUpPoint,
    Invitation,
    ProcessUpdate,
    Proposal,
    StageChange,
    Survey,
    SurveyQuestion,
)
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from phenomena import services as phenomena_services
from phenomena.tests.factories import InitiativeFactory


def decided(*, kind: str = "start_codevelopment", scope: str = "local", responsible_users=()):
    """A steering group, its chair, and the group's recorded decision on an initiative."""
    steering = GroupFactory()
    chair = MembershipFactory(group=steering, role=Membership.Role.CHAIR).user
    initiative = InitiativeFactory(group=steering, phenomenon__family_centre=steering.family_centre)
    decision = phenomena_services.decision_record(
        actor=chair,
        initiative=initiative,
        kind=kind,
        reasons="Kehitetään yhdessä.",
        scope=scope if kind == "start_codevelopment" else "",
        responsible_users=responsible_users,
        responsible_progress="Koordinaattori" if kind == "start_codevelopment" else "",
    )
    return decision, chair


class DevelopmentProcessFactory(DjangoModelFactory):
    """A process opened by the deciding group's chair through `process_open_from_decision`; the chair is
    its coordinator and is kept as `process.chair`."""

    class Meta:
        model = DevelopmentProcess

    scope = "local"

    @classmethod
    def _create(cls, model_class, *args, scope="local", **kwargs):
        decision, chair = decided(scope=scope)
        process = services.process_open_from_decision(actor=chair, decision=decision, **kwargs)
        process.chair = chair
        return process


class ProcessChildFactory(DjangoModelFactory):
    process = factory.SubFactory(DevelopmentProcessFactory)


class StageChangeFactory(DjangoModelFactory):
    class Meta:
        model = StageChange

    process = factory.SubFactory(DevelopmentProcessFactory)
    stage = DevelopmentProcess.Stage.DESIGNING


class ProcessUpdateFactory(ProcessChildFactory):
    class Meta:
        model = ProcessUpdate

    title = factory.Sequence(lambda n: f"Päivitys {n}")
    body = "Kerhot alkavat syyskuussa."
    is_public = False


class DialogueRecordFactory(ProcessChildFactory):
    class Meta:
        model = DialogueRecord

    method = DialogueRecord.Method.ERATAUKO
    held_on = factory.LazyFunction(timezone.localdate)
    question = "Mikä auttaisi iltapäivisin?"
    participants = "kuusi vanhempaa"
    heard = "Kerhoja toivotaan kouluille."


class DocumentFactory(ProcessChildFactory):
    class Meta:
        model = Document

    title = "Liite"
    file = "x"
    original_name = "liite.pdf"
    content_type = "application/pdf"
    size = 1


class InvitationFactory(ProcessChildFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"kutsuttu{n}@example.test")
    role = Membership.Role.CLIENT_REPRESENTATIVE
    token_hash = factory.Sequence(lambda n: f"{n:064d}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class ConsultationRoundFactory(ProcessChildFactory):
    class Meta:
        model = ConsultationRound
        skip_postgeneration_save = True

    title = "Luonnos iltapäivätoiminnasta"
    draft = "Ehdotamme kerhoja kouluille."
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=10))
    reminder_hours = 48

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(extracted)


class ConsultationCommentFactory(DjangoModelFactory):
    class Meta:
        model = ConsultationComment

    consultation = factory.SubFactory(ConsultationRoundFactory)
    author = factory.SubFactory(UserFactory)
    text = "Hyvä ehdotus."


class SurveyFactory(ProcessChildFactory):
    class Meta:
        model = Survey

    title = "Kokemuskysely"


class SurveyQuestionFactory(DjangoModelFactory):
    class Meta:
        model = SurveyQuestion

    survey = factory.SubFactory(SurveyFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = SurveyQuestion.Kind.TEXT
    text = "Mitä ajattelet?"


class ProposalFactory(ProcessChildFactory):
    class Meta:
        model = Proposal

    solutions = "Kerhot kouluille."
    plan = "Syksyllä kolme koulua."
    measurement = "Kerhopaikkojen määrä."


class FollowUpMetricFactory(ProcessChildFactory):
    class Meta:
        model = FollowUpMetric

    name = "Kerhopaikkojen määrä"
    unit = "paikkaa"
    baseline = Decimal("10")
    target = Decimal("20")
    method = "Laskenta"
    owner = factory.LazyAttribute(lambda o: getattr(o.process, "chair", None) or o.process.created_by)


class FollowUpPointFactory(DjangoModelFactory):
    """A scheduled point; give `value` and it is recorded now (the database keeps the two together)."""

    class Meta:
        model = FollowUpPoint

    metric = factory.SubFactory(FollowUpMetricFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    value = None
    recorded_at = factory.LazyAttribute(lambda o: timezone.now() if o.value is not None else None)
