"""Forms of the experience surveys: the developer group's survey and question forms, and the families' public
answer form built from the survey's questions. They check the shape of the input only; the rules live in
codevelopment.services.surveys."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from core.forms import CleanCharField, DomainErrorMixin
from observations.public_forms import PublicObservationForm

from ..models import SurveyQuestion
from ..selectors.surveys import MAX_ANSWER_TEXT, SCALE_VALUES, in_language, question_options


class SurveyForm(DomainErrorMixin, forms.Form):
    title = CleanCharField(label=_("Title in Finnish"), max_length=200)
    title_sv = CleanCharField(label=_("Title in Swedish (optional)"), max_length=200, required=False)
    title_en = CleanCharField(label=_("Title in English (optional)"), max_length=200, required=False)
    intro = CleanCharField(
        label=_("Introduction in Finnish"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Who is asked, why, and that the answers are anonymous."),
    )
    intro_sv = CleanCharField(
        label=_("Introduction in Swedish (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    intro_en = CleanCharField(
        label=_("Introduction in English (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    closes_at = forms.DateTimeField(
        label=_("Closes (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("After this the survey takes no more answers. You can also close it by hand."),
    )
    domain_error_fields = {"title_required": "title", "closes_in_past": "closes_at", "too_long": None}


class QuestionForm(DomainErrorMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SurveyQuestion.Kind.choices)
    text = CleanCharField(label=_("Question in Finnish"), max_length=500)
    text_sv = CleanCharField(label=_("Question in Swedish (optional)"), max_length=500, required=False)
    text_en = CleanCharField(label=_("Question in English (optional)"), max_length=500, required=False)
    options = CleanCharField(
        label=_("Options in Finnish, one per line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Only for a choice question: at least two options."),
    )
    options_sv = CleanCharField(
        label=_("Options in Swedish, one per line (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("In the same order as in Finnish."),
    )
    options_en = CleanCharField(
        label=_("Options in English, one per line (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("In the same order as in Finnish."),
    )
    required = forms.TypedChoiceField(
        label=_("Must the question be answered?"),
        choices=[("no", _("No, answering is optional")), ("yes", _("Yes, the question is required"))],
        coerce=lambda v: v == "yes",
        initial="no",
        widget=forms.RadioSelect,
    )
    domain_error_fields = {
        "invalid_kind": "kind",
        "text_required": "text",
        "options_required": "options",
        "too_many_options": "options",
        "option_too_long": "options",
        "options_sv_mismatch": "options_sv",
        "options_en_mismatch": "options_en",
    }


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


def field_name(question: SurveyQuestion) -> str:
    return f"q_{question.pk}"


# Plain error texts for families, the same for every kind of wrong input.
SCALE_ERRORS = {"required": _("Answer this question."), "invalid_choice": _("Choose a number from 1 to 5.")}
CHOICE_ERRORS = {"required": _("Answer this question."), "invalid_choice": _("Choose one of the options.")}
TEXT_ERRORS = {"required": _("Answer this question.")}


class SurveyAnswerForm(forms.Form):
    """One field per question, named q_<id>, in the language of the page with Finnish as the fallback."""

    # Spam protection: the very fields of the families' open observation form (observations.public_forms),
    # with its texts. The honeypot and stamp are checked by the view before the form; AltchaField checks
    # the proof-of-work.
    website = PublicObservationForm.base_fields["website"]
    stamp = PublicObservationForm.base_fields["stamp"]
    altcha = PublicObservationForm.base_fields["altcha"]

    def __init__(self, *args, questions: list[SurveyQuestion], lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            label = in_language(question, "text", lang)
            if question.kind == SurveyQuestion.Kind.SCALE:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=[(str(v), str(v)) for v in SCALE_VALUES],
                    coerce=int,
                    empty_value=None,
                    required=question.required,
                    widget=forms.RadioSelect,
                    error_messages=SCALE_ERRORS,
                )
            elif question.kind == SurveyQuestion.Kind.CHOICE:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=[(str(i), option) for i, option in enumerate(question_options(question, lang))],
                    coerce=int,
                    empty_value=None,
                    required=question.required,
                    widget=forms.RadioSelect,
                    error_messages=CHOICE_ERRORS,
                )
            else:
                # A validator rather than max_length: a browser would cut a long pasted text silently.
                field = CleanCharField(
                    label=label,
                    required=question.required,
                    widget=forms.Textarea(attrs={"rows": 5}),
                    validators=[
                        MaxLengthValidator(
                            MAX_ANSWER_TEXT,
                            message=_(
                                "The text is too long: %(show_value)s characters. The limit is %(limit_value)s."
                            ),
                        )
                    ],
                    error_messages=TEXT_ERRORS,
                )
            field.question = question
            self.fields[field_name(question)] = field
        # The spam check last, after the questions.
        self.fields["altcha"] = self.fields.pop("altcha")

    def add_domain_error(self, exc) -> None:
        """A refused answer shows at its question (services.surveys.AnswerError names it), anything else
        above the form."""
        question_id = getattr(exc, "question_id", None)
        target = next((field_name(q) for q in self.questions if q.pk == question_id), None)
        self.add_error(target, exc.message)

    def question_fields(self):
        return [self[field_name(q)] for q in self.questions]

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(field_name(q)) for q in self.questions}

    def kept_values(self, data) -> dict:
        """What the person typed, for a form shown again without validation (NUL characters removed)."""
        kept = {}
        for q in self.questions:
            value = data.get(field_name(q))
            if isinstance(value, str):
                kept[field_name(q)] = value.replace("\x00", "")
        return kept
