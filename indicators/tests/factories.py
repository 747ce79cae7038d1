"""Test factories for indicators."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from indicators.models import Indicator, Region, Value


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region

    kind = Region.Kind.MUNICIPALITY
    code = factory.Sequence(lambda n: f"9{n:02d}")
    name_fi = factory.Sequence(lambda n: f"Kunta {n}")
    sotkanet_id = factory.Sequence(lambda n: 50000 + n)


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    source = Indicator.Source.SOTKANET
    source_id = factory.Sequence(lambda n: str(90000 + n))
    title_fi = factory.Sequence(lambda n: f"Indikaattori {n}")
    title_sv = factory.Sequence(lambda n: f"Indikator {n}")
    title_en = factory.Sequence(lambda n: f"Indicator {n}")
    value_type = Indicator.ValueType.PERCENT
    decimals = 1


class ValueFactory(DjangoModelFactory):
    class Meta:
        model = Value

    indicator = factory.SubFactory(IndicatorFactory)
    region = factory.SubFactory(RegionFactory)
    year = 2023
    gender = "total"
    value = 10
    abs_value = 100
