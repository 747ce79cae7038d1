from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from familycentres.tests.factories import GroupFactory
from phenomena.models import Initiative, Phenomenon


class PhenomenonFactory(DjangoModelFactory):
    class Meta:
        model = Phenomenon

    title = factory.Sequence(lambda n: f"Ilmiö {n}: nuorten yksinäisyys")
    description = "Useat havainnot kertovat nuorten yksinäisyydestä iltaisin."
    kind = Phenomenon.Kind.CONCERN
    scale = Phenomenon.Scale.FAMILY_CENTRE_AREA
    analyser_kind = Phenomenon.AnalyserKind.TEAM
    status = Phenomenon.Status.UNDER_ANALYSIS
    created_by = factory.SubFactory("accounts.tests.factories.UserFactory")


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = Initiative

    phenomenon = factory.SubFactory(PhenomenonFactory, status=Phenomenon.Status.INITIATIVE_MADE)
    group = factory.SubFactory(GroupFactory)
    proposal = Initiative.Proposal.CODEVELOPMENT
    rationale = "Ilmiö koskee koko perhekeskuksen aluetta."
    status = Initiative.Status.SUBMITTED
    created_by = factory.SubFactory("accounts.tests.factories.UserFactory")
