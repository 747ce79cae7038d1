"""Forms of the observation pages. They check the shape of input only; the rules (text length after
cleaning, dates, which family centre serves an area) live in services.py, whose DomainErrors come back
as form errors through `add_domain_error`.

Shared by several pages: professionals' forms are the ones named `Observation*`; other parts add theirs
below with their own names."""

from __future__ import annotations

from django import forms
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import validate_reasonable_date
from core.forms import CleanCharField, DomainErrorMixin, FastSelect
from familycentres.models import Area, FamilyCentre, Group, Membership

from .models import Observation

# ---------------------------------------------------------------------------------------------------
# Areas an observation can be about


def served_areas() -> QuerySet[Area]:
    """Municipalities and local areas that a family centre serves, directly or (a local area) through
    its municipality: exactly the areas services.centre_for_area finds a centre for."""
    served = Q(served_by_family_centres__isnull=False) | Q(
        kind=Area.Kind.LOCAL_AREA, parent__served_by_family_centres__isnull=False
    )
    ids = Area.objects.filter(served, kind__in=[Area.Kind.MUNICIPALITY, Area.Kind.LOCAL_AREA]).values("pk")
    return Area.objects.filter(pk__in=ids)


def served_area_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The area <select>'s options grouped by family centre (<optgroup>): each municipality followed by
    its local areas. Two queries whatever the size of the network."""
    centres = FamilyCentre.objects.prefetch_related(
        Prefetch(
            "municipalities",
            queryset=Area.objects.filter(
                kind__in=[Area.Kind.MUNICIPALITY, Area.Kind.LOCAL_AREA]
            ).select_related("parent"),
        )
    ).order_by("name_fi", "pk")
    centres = list(centres)
    municipality_ids = {
        a.pk for c in centres for a in c.municipalities.all() if a.kind == Area.Kind.MUNICIPALITY
    }
    local_areas: dict[int, list[Area]] = {}
    for area in Area.objects.filter(kind=Area.Kind.LOCAL_AREA, parent_id__in=municipality_ids):
        local_areas.setdefault(area.parent_id, []).append(area)

    groups = []
    for centre in centres:
        served = list(centre.municipalities.all())
        options: list[tuple[str, str]] = []
        seen: set[int] = set()
        for municipality in sorted((a for a in served if a.kind == Area.Kind.MUNICIPALITY), key=_by_name):
            options.append((str(municipality.pk), municipality.name))
            seen.add(municipality.pk)
            children = local_areas.get(municipality.pk, []) + [
                a for a in served if a.kind == Area.Kind.LOCAL_AREA and a.parent_id == municipality.pk
            ]
            for local in sorted({a.pk: a for a in children}.values(), key=_by_name):
                options.append((str(local.pk), f"{local.name} ({municipality.name})"))
                seen.add(local.pk)
        # Local areas served on their own, without their municipality.
        for local in sorted((a for a in served if a.pk not in seen), key=_by_name):
            parent = f" ({local.parent.name})" if local.parent_id else ""
            options.append((str(local.pk), f"{local.name}{parent}"))
        if options:
            groups.append((centre.name, options))
    return groups


def _by_name(area: Area) -> str:
    return area.name.casefold()


def default_area_id(user, allowed: set[str]) -> str | None:
    """The area a professional most likely observes in: the area of one of their groups (local teams
    first), otherwise the first municipality their groups' family centres serve."""
    if not getattr(user, "is_authenticated", False):
        return None
    memberships = (
        Membership.objects.current().filter(user=user).select_related("group").order_by("group__name", "pk")
    )
    groups = [m.group for m in memberships]
    groups.sort(key=lambda g: g.kind != Group.Kind.LOCAL_TEAM)
    for group in groups:
        if group.area_id and str(group.area_id) in allowed:
            return str(group.area_id)
    centre_ids = {g.family_centre_id for g in groups if g.family_centre_id}
    if centre_ids:
        for area_id in (
            Area.objects.filter(served_by_family_centres__in=centre_ids, kind=Area.Kind.MUNICIPALITY)
            .order_by("name_fi")
            .values_list("pk", flat=True)
        ):
            if str(area_id) in allowed:
                return str(area_id)
    return None


# ---------------------------------------------------------------------------------------------------
# Professionals' observation form


def split_themes(value: str) -> list[str]:
    """Comma-separated themes as people type them; the service normalises case and spaces."""
    return [part.strip() for part in (value or "").replace("\x00", "").split(",") if part.strip()]


class AreaChoiceField(forms.TypedChoiceField):
    """A served area by id; an unknown or forged id is 'not one of the choices', a form error."""

    widget = FastSelect

    def __init__(self, **kwargs):
        super().__init__(coerce=self._area, empty_value=None, **kwargs)

    @staticmethod
    def _area(value) -> Area:
        try:
            return served_areas().get(pk=int(value))
        except Area.DoesNotExist as exc:  # removed from service since the page was loaded
            raise forms.ValidationError(_("Choose an area from the list.")) from exc


# Which form field a service's DomainError is about, by its code; other codes are shown above the form.
DOMAIN_ERROR_FIELDS = {
    "text_required": "text",
    "text_too_long": "text",
    "source": "source",
    "observed_on_future": "observed_on",
    "area_without_centre": "area",
    "too_many_themes": "themes",
}


class ObservationForm(DomainErrorMixin, forms.Form):
    """A professional logs or edits an observation: one column, the most used fields first."""

    domain_error_fields = DOMAIN_ERROR_FIELDS

    text = CleanCharField(
        label=_("What did you notice?"),
        # No maxlength attribute: a browser would cut pasted text silently. The service checks the length
        # and says how long the text is.
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off"}),
        help_text=_("Describe the phenomenon, not a person: no names or other identifying details."),
    )
    kind = forms.ChoiceField(
        label=_("Positive or a concern?"),
        choices=Observation.Kind.choices,
        widget=forms.RadioSelect(attrs={"class": "choice-input"}),
    )
    environment = forms.ChoiceField(
        label=_("Everyday environment"),
        choices=[("", _("Choose…")), *Observation.Environment.choices],
    )
    age_group = forms.ChoiceField(
        label=_("Age group"),
        choices=[("", _("Choose…")), *Observation.AgeGroup.choices],
    )
    area = AreaChoiceField(label=_("Area"), help_text=_("A municipality or a local area."))
    themes = CleanCharField(
        label=_("Themes"),
        required=False,
        max_length=2000,
        help_text=_("Separate themes with commas, for example: loneliness, screen time."),
        widget=forms.TextInput(
            attrs={
                "list": "theme-suggestions",
                "autocomplete": "off",
                "hx-get": reverse_lazy("observations:theme_suggest"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#theme-suggestions",
                "hx-swap": "outerHTML",
                "hx-sync": "this:replace",
            }
        ),
    )
    observed_on = forms.DateField(
        label=_("Date observed"),
        validators=[validate_reasonable_date],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    source = forms.ChoiceField(
        label=_("Source"),
        choices=[c for c in Observation.Source.choices if c[0] != Observation.Source.FAMILY_FORM],
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = served_area_choices()
        self.fields["area"].choices = [("", _("Choose…")), *choices]
        today = timezone.localdate()
        self.fields["observed_on"].widget.attrs["max"] = today.isoformat()
        if not self.is_bound:
            allowed = {value for _group, options in choices for value, _label in options}
            self.initial.setdefault("observed_on", today)
            self.initial.setdefault("source", Observation.Source.OWN_WORK)
            if "area" not in self.initial:
                area = default_area_id(user, allowed)
                if area:
                    self.initial["area"] = area

    def clean_themes(self) -> list[str]:
        return split_themes(self.cleaned_data.get("themes", ""))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "kind": data["kind"],
            "environment": data["environment"],
            "age_group": data["age_group"],
            "area": data["area"],
            "source": data["source"],
            "observed_on": data["observed_on"],
            "themes": data["themes"],
        }

    @classmethod
    def initial_from(cls, observation: Observation) -> dict:
        return {
            "text": observation.text,
            "kind": observation.kind,
            "environment": observation.environment,
            "age_group": observation.age_group,
            "area": str(observation.area_id) if observation.area_id else "",
            "themes": ", ".join(t.name for t in observation.themes.all()),
            "observed_on": observation.observed_on,
            "source": observation.source,
        }
