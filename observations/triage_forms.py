"""Forms of the collector's triage pages and the local team's review. They check the shape of input only;
the rules (who may, which transitions) live in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin, FastSelect

from .models import Observation

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

STATUS_ALL = "all"
STATUS_DEFAULT = Observation.Status.NEW


def _blank(label, choices):
    return [("", label), *choices]


class TriageFilterForm(forms.Form):
    """The queue's filters and the CSV export's. Bound to request.GET: an unknown value becomes a field
    error and that filter is ignored, the others still apply."""

    SORTS = [
        ("", _("Best match with a search, else newest")),
        ("newest", _("Newest first")),
        ("oldest", _("Oldest first")),
        ("observed", _("Date observed, latest first")),
    ]

    q = CleanCharField(label=_("Search the text and themes"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        widget=FastSelect,
        choices=[
            (Observation.Status.NEW, _("New (not yet read)")),
            (Observation.Status.READ, _("Read")),
            (Observation.Status.ARCHIVED, _("Archived")),
            ("held", _("Held for review")),
            (STATUS_ALL, _("All")),
        ],
    )
    environment = forms.ChoiceField(
        label=_("Everyday environment"),
        required=False,
        widget=FastSelect,
        choices=_blank(_("All environments"), Observation.Environment.choices),
    )
    age_group = forms.ChoiceField(
        label=_("Age group"),
        required=False,
        widget=FastSelect,
        choices=_blank(_("All age groups"), Observation.AgeGroup.choices),
    )
    area = forms.TypedChoiceField(
        label=_("Area"), required=False, coerce=int, empty_value=None, widget=FastSelect
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False, widget=FastSelect)
    source = forms.ChoiceField(
        label=_("Source"),
        required=False,
        choices=_blank(_("All sources"), Observation.Source.choices),
        widget=FastSelect,
    )
    kind = forms.ChoiceField(
        label=_("Positive or a concern"),
        required=False,
        widget=FastSelect,
        choices=[
            ("", _("Both")),
            *Observation.Kind.choices,
        ],
    )
    date_from = forms.DateField(label=_("Observed from"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("Observed until"), required=False, widget=DATE_WIDGET)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS, widget=FastSelect)

    def __init__(self, data, *, areas, themes, **kwargs):
        data = data.copy()
        # The queue opens on what still needs a look; "All" is one choice away.
        if not data.get("status"):
            data["status"] = STATUS_DEFAULT
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.fields["area"].choices = _blank(_("All areas"), [(a.pk, a.name) for a in areas])
        self.fields["theme"].choices = _blank(_("All themes"), [(t, t) for t in themes])

    def filters(self) -> dict:
        """The valid filters for selectors.observation_filter; invalid ones are left out."""
        self.is_valid()
        data = self.cleaned_data
        status = data.get("status") or STATUS_DEFAULT
        return {
            "q": (data.get("q") or "").strip(),
            "environment": data.get("environment") or "",
            "age_group": data.get("age_group") or "",
            "area": data.get("area"),
            "theme": data.get("theme") or "",
            "source": data.get("source") or "",
            "kind": data.get("kind") or "",
            "status": "" if status in (STATUS_ALL, "held") else status,
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }

    @property
    def held_only(self) -> bool:
        self.is_valid()
        return self.cleaned_data.get("status") == "held"

    @property
    def sort_order(self) -> str:
        """newest, oldest, or relevance (the best matches of a search first; the default with a search)."""
        self.is_valid()
        chosen = self.cleaned_data.get("sort")
        if chosen == "relevance" and not self.cleaned_data.get("q"):
            return "newest"
        return chosen or ("relevance" if self.cleaned_data.get("q") else "newest")


class NoteForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"note_required": "text", "note_too_long": "text"}
    text = CleanCharField(
        label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10_000
    )


class ThemesForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"too_many_themes": "themes"}
    themes = CleanCharField(
        label=_("Themes"),
        required=False,
        max_length=1000,
        help_text=_("Separate themes with commas, for example: loneliness, screen time."),
    )

    def theme_list(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data.get("themes", "").split(",") if t.strip()]


class MergeForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"merge_self": "keep", "merge_unknown": "keep"}
    keep = forms.IntegerField(
        label=_("Number of the observation to keep"),
        min_value=1,
        help_text=_("This observation is merged into the one you choose. Find it below by searching."),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ArchiveForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"reason_required": "reason", "reason_too_long": "reason", "closed": "reason"}
    reason = CleanCharField(
        label=_("Reason for archiving"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        help_text=_("The family sees the reason on its follow-up page, so write it plainly."),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)


class RedactForm(DomainErrorMixin, forms.Form):
    domain_error_fields = {"text_required": "text", "text_too_long": "text", "still_personal": "text"}
    text = CleanCharField(
        label=_("Text without personal data"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10_000,
        help_text=_(
            "Remove names, identity codes, phone numbers, email and street addresses. The original text is "
            "deleted when you save."
        ),
    )


class TeamPeriodForm(forms.Form):
    since = forms.DateField(label=_("Observations since"), required=False, widget=DATE_WIDGET)


class TeamReviewForm(forms.Form):
    observations = forms.TypedMultipleChoiceField(
        label=_("Observations discussed"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    raised = CleanCharField(
        label=_("What the team raised"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("The phenomena, needs and ideas the team wants to take forward."),
    )

    def __init__(self, *args, observations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observations"].choices = [(o.pk, o.pk) for o in observations]


class MineFilterForm(forms.Form):
    """The filters of "my observations". Bound to request.GET: an unknown value becomes a field error and
    that filter is ignored, the others still apply."""

    q = CleanCharField(label=_("Search the text and themes"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All")),
            (Observation.Status.NEW, _("New (not yet read)")),
            (Observation.Status.READ, _("Read")),
            (Observation.Status.ARCHIVED, _("Archived")),
            (Observation.Status.MERGED, _("Merged into another")),
            ("held", _("Held for review")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Positive or a concern"),
        required=False,
        choices=[("", _("Both")), *Observation.Kind.choices],
    )
    environment = forms.ChoiceField(
        label=_("Everyday environment"),
        required=False,
        choices=_blank(_("All environments"), Observation.Environment.choices),
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=TriageFilterForm.SORTS)

    def __init__(self, data, *, themes, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        self.fields["theme"].choices = _blank(_("All themes"), [(t, t) for t in themes])

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        status = data.get("status") or ""
        return {
            "q": (data.get("q") or "").strip(),
            "kind": data.get("kind") or "",
            "environment": data.get("environment") or "",
            "theme": data.get("theme") or "",
            "status": "" if status == "held" else status,
        }

    @property
    def held_only(self) -> bool:
        self.is_valid()
        return self.cleaned_data.get("status") == "held"

    @property
    def sort_order(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("sort") or ""

    @property
    def filtered(self) -> bool:
        return any(self.data.get(name) for name in self.fields if name != "sort")


def sorted_observations(qs, sort: str):
    """The sort orders of the observation lists; "" keeps a search's best matches first (or newest)."""
    if sort == "oldest":
        return qs.order_by("created_at", "id")
    if sort == "newest":
        return qs.order_by("-created_at", "-id")
    if sort == "observed":
        return qs.order_by("-observed_on", "-created_at", "-id")
    return qs
