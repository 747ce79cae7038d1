"""Query filters of the observations API: the same filters as the triage page (selectors.observation_filter).
They check the shape of query parameters only; a wrong value is a 400, never a 500. Visibility is applied
by the view's queryset, not here."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Observation
from .selectors import observation_filter


class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ObservationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Full-text search in Finnish and Swedish"), max_length=200)
    environment = django_filters.ChoiceFilter(
        choices=Observation.Environment.choices, label=_("Everyday environment")
    )
    age_group = django_filters.ChoiceFilter(choices=Observation.AgeGroup.choices, label=_("Age group"))
    area = IdFilter(label=_("Area id (a municipality includes its local areas)"), min_value=1)
    theme = django_filters.CharFilter(label=_("Theme name"), max_length=60)
    source = django_filters.ChoiceFilter(choices=Observation.Source.choices, label=_("Source"))
    kind = django_filters.ChoiceFilter(choices=Observation.Kind.choices, label=_("Positive or a concern"))
    status = django_filters.ChoiceFilter(choices=Observation.Status.choices, label=_("Status"))
    date_from = django_filters.DateFilter(label=_("Observed on or after"))
    date_to = django_filters.DateFilter(label=_("Observed on or before"))

    class Meta:
        model = Observation
        fields: list[str] = []  # all declared above

    def filter_queryset(self, queryset):
        # One call with every filter, so the API and the triage page filter in exactly the same way.
        data = self.form.cleaned_data
        return observation_filter(
            queryset,
            q=(data.get("q") or "").strip(),
            environment=data.get("environment") or "",
            age_group=data.get("age_group") or "",
            area=int(data["area"]) if data.get("area") else None,
            theme=" ".join((data.get("theme") or "").split()).lower(),
            source=data.get("source") or "",
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
