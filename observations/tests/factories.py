"""Factories for observations. An observation needs a family centre that serves its area; the default
builds a county, a municipality and a centre serving it."""

from __future__ import annotations

import factory
from django.db.models import Prefetch
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


def list_row_variety() -> list[Observation]:
    """Five observations of one family centre (Nokia's), one of each kind of list row: with an area and
    themes, without an area and with a long text of HTML characters and a combining accent (cut, and
    normalised, where a list cuts it), without a kind and with markup, from a family (a theme that is
    markup), and held for a phone number. Read back with their area, centre and themes (by name), in the
    order they were made."""
    centre, municipality = centre_with_municipality("Nokia")
    long_text = "Lapset <kertovat> & \"vanhemmat\" 'toivovat' " + "pitkää tekstiä e\u0301 " * 60
    made = [
        ObservationFactory(family_centre=centre, area=municipality, themes=["ruutuaika", "uni & lepo"]),
        ObservationFactory(
            family_centre=centre,
            area=None,
            kind=Observation.Kind.POSITIVE,
            environment=Observation.Environment.LEISURE,
            age_group=Observation.AgeGroup.AGE_13_17,
            text=long_text,
        ),
        ObservationFactory(family_centre=centre, area=municipality, kind="", text="Lyhyt <b>teksti</b>"),
        FamilyObservationFactory(family_centre=centre, area=municipality, themes=["<script>"]),
        ObservationFactory(
            family_centre=centre,
            area=municipality,
            held=True,
            held_reasons=["phone"],
            text="Soita minulle numeroon 040 123 4567, lapsi ei nuku öisin ja väsyttää koulussa.",
        ),
    ]
    return list(
        Observation.objects.filter(pk__in=[o.pk for o in made])
        .select_related("area", "family_centre")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
        .order_by("pk")
    )
