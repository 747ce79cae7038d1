"""Factories for observations. An observation needs a family centre that serves its area; the default
builds a county, a municipality and a centre serving it."""

from __future__ import annotations

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from familycentres.models import Area
from familycentres.tests.factories import centre_with_municipality
from observations.codes import new_code
from observations.models import Observation, Theme


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"teema {n}")


class ObservationFactory(DjangoModelFactory):
    """A professional's observation in a municipality served by a family centre."""

    class Meta:
        model = Observation
        skip_postgeneration_save = True

    text = factory.Sequence(lambda n: f"Havainto {n}: lapset viettävät paljon aikaa ruutujen ääressä.")
    kind = Observation.Kind.CONCERN
    environment = Observation.Environment.SCHOOL
    age_group = Observation.AgeGroup.AGE_7_12
    area = factory.LazyAttribute(
        lambda o: o.family_centre.municipalities.filter(kind=Area.Kind.MUNICIPALITY).first()
    )
    family_centre = factory.LazyFunction(lambda: centre_with_municipality()[0])
    observed_on = factory.LazyFunction(timezone.localdate)
    source = Observation.Source.OWN_WORK
    author = factory.SubFactory("accounts.tests.factories.UserFactory")
    status = Observation.Status.NEW

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set([ThemeFactory(name=n) if isinstance(n, str) else n for n in extracted])


class FamilyObservationFactory(ObservationFactory):
    kind = ""
    source = Observation.Source.FAMILY_FORM
    author = None
    followup_code = factory.LazyFunction(new_code)
