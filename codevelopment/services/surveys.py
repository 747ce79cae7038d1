"""Experience surveys for families: the developer group writes a short questionnaire (Finnish, optionally
Swedish and English), opens it, families answer anonymously through a public link or QR code. Writes are
atomic, check their permission again, are audited and logged; the families' answers are stored without
anything that identifies the family (no account, no address, no IP address).

Questions can be edited only while the survey is a draft, so every answer refers to the question as it was
asked; choice answers store the option's index, so answers in every language count together."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.transitions import transition
from observations.pii import KIND_LABELS, personal_data_kinds

from ..models import DevelopmentProcess, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from ..selectors.surveys import (
    LANGUAGES,
    MAX_ANSWER_TEXT,
    SCALE_VALUES,
    option_lines,
    survey_is_answerable,
)
from .common import clean, locked_for_edit, log_event

MAX_OPTIONS = 20
MAX_OPTION_LENGTH = 200


class AnswerError(DomainError):
    """A rule broken by one answer: the public form shows it at that question."""

    def __init__(self, message, *, code: str, question_id: int | None = None):
        super().__init__(message, code=code)
        self.question_id = question_id


def locked_survey(actor, survey: Survey, *, draft_only: bool = False) -> Survey:
    process = locked_for_edit(actor, survey.process)
    survey = Survey.objects.select_for_update().get(pk=survey.pk, process=process)
    survey.process = process
    if draft_only and survey.status != Survey.Status.DRAFT:
        raise ConflictError(
            _("The questions can be changed only while the survey is a draft."), code="not_draft"
        )
    return survey


def future_or_none(value: datetime.datetime | None) -> datetime.datetime | None:
    if value is not None and value <= timezone.now():
        raise DomainError(_("The closing time must be in the future."), code="closes_in_past")
    return value


@transaction.atomic
def survey_create(
    *,
    actor,
    process: DevelopmentProcess,
    title: str,
    title_sv: str = "",
    title_en: str = "",
    intro: str = "",
    intro_sv: str = "",
    intro_en: str = "",
    closes_at: datetime.datetime | None = None,
) -> Survey:
    process = locked_for_edit(actor, process)
    title = clean(title, 200)
    if not title:
        raise DomainError(_("Give the survey a title in Finnish."), code="title_required")
    survey = Survey.objects.create(
        process=process,
        title=title,
        title_sv=clean(title_sv, 200),
        title_en=clean(title_en, 200),
        intro=clean(intro),
        intro_sv=clean(intro_sv),
        intro_en=clean(intro_en),
        closes_at=future_or_none(closes_at),
        created_by=actor,
    )
    log_event(process, actor, _("Experience survey created: %(title)s") % {"title": title})
    audit_record(actor=actor, action="codevelopment.survey_create", obj=survey, after={"title": title})
    return survey


def option_list(value: str, label: str) -> list[str]:
    lines = option_lines(clean(value))
    if len(lines) > MAX_OPTIONS:
        raise DomainError(
            _("A question can have at most %(n)s options.") % {"n": MAX_OPTIONS}, code="too_many_options"
        )
    if any(len(line) > MAX_OPTION_LENGTH for line in lines):
        raise DomainError(
            _("An option can be at most %(n)s characters (%(language)s).")
            % {"n": MAX_OPTION_LENGTH, "language": label},
            code="option_too_long",
        )
    return lines


@transaction.atomic
def survey_question_add(
    *,
    actor,
    survey: Survey,
    kind: str,
    text: str,
    text_sv: str = "",
    text_en: str = "",
    options: str = "",
    options_sv: str = "",
    options_en: str = "",
    required: bool = False,
) -> SurveyQuestion:
    survey = locked_survey(actor, survey, draft_only=True)
    if kind not in SurveyQuestion.Kind.values:
        raise DomainError(_("Choose the kind of the question."), code="invalid_kind")
    text = clean(text, 500)
    if not text:
        raise DomainError(_("Write the question in Finnish."), code="text_required")
    lines = {"fi": [], "sv": [], "en": []}
    if kind == SurveyQuestion.Kind.CHOICE:
        lines["fi"] = option_list(options, _("Finnish"))
        lines["sv"] = option_list(options_sv, _("Swedish"))
        lines["en"] = option_list(options_en, _("English"))
        if len(lines["fi"]) < 2:
            raise DomainError(
                _("A choice question needs at least two options, one per line."), code="options_required"
            )
        for lang, label in (("sv", _("Swedish")), ("en", _("English"))):
            if lines[lang] and len(lines[lang]) != len(lines["fi"]):
                raise DomainError(
                    _(
                        "Give the options in %(language)s in the same number and order as in Finnish "
                        "(%(n)s lines)."
                    )
                    % {"language": label, "n": len(lines["fi"])},
                    code=f"options_{lang}_mismatch",
                )
    position = (survey.questions.aggregate(top=Max("position"))["top"] or 0) + 1
    question = SurveyQuestion.objects.create(
        survey=survey,
        position=position,
        kind=kind,
        text=text,
        text_sv=clean(text_sv, 500),
        text_en=clean(text_en, 500),
        options="\n".join(lines["fi"]),
        options_sv="\n".join(lines["sv"]),
        options_en="\n".join(lines["en"]),
        required=bool(required),
    )
    log_event(
        survey.process,
        actor,
        _("Question added to the survey %(title)s: %(text)s") % {"title": survey.title, "text": text[:200]},
    )
    audit_record(
        actor=actor,
        action="codevelopment.survey_question_add",
        obj=question,
        after={"survey": survey.pk, "kind": kind, "text": text},
    )
    return question


@transaction.atomic
def survey_question_move(*, actor, question: SurveyQuestion, direction: str) -> SurveyQuestion:
    survey = locked_survey(actor, question.survey, draft_only=True)
    if direction not in ("up", "down"):
        raise DomainError(_("Choose up or down."), code="invalid_direction")
    questions = list(survey.questions.select_for_update().order_by("position", "id"))
    index = next((i for i, q in enumerate(questions) if q.pk == question.pk), None)
    if index is None:
        raise DomainError(_("The question was not found."), code="unknown_question")
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(questions):
        raise ConflictError(_("The question cannot move further."), code="at_edge")
    questions[index], questions[other] = questions[other], questions[index]
    for position, q in enumerate(questions, start=1):
        if q.position != position:
            q.position = position
            q.save(update_fields=["position"])
    moved = questions[other]
    audit_record(
        actor=actor,
        action="codevelopment.survey_question_move",
        obj=moved,
        after={"direction": direction, "position": moved.position},
    )
    return moved


@transaction.atomic
def survey_question_delete(*, actor, question: SurveyQuestion) -> None:
    survey = locked_survey(actor, question.survey, draft_only=True)
    question = SurveyQuestion.objects.select_for_update().get(pk=question.pk, survey=survey)
    audit_record(
        actor=actor,
        action="codevelopment.survey_question_delete",
        obj=question,
        before={"survey": survey.pk, "kind": question.kind, "text": question.text},
    )
    log_event(
        survey.process,
        actor,
        _("Question removed from the survey %(title)s: %(text)s")
        % {"title": survey.title, "text": question.text[:200]},
    )
    question.delete()


@transaction.atomic
def survey_open(*, actor, survey: Survey) -> Survey:
    survey = locked_survey(actor, survey)
    if survey.status != Survey.Status.DRAFT:
        raise ConflictError(_("Only a draft survey can be opened."), code="not_draft")
    if not survey.questions.exists():
        raise DomainError(_("Add at least one question before opening the survey."), code="no_questions")
    if survey.closes_at is not None and survey.closes_at <= timezone.now():
        raise DomainError(
            _("The closing time has passed. Create a new survey with a later closing time."),
            code="closes_in_past",
        )
    process = survey.process
    survey = transition(
        survey,
        actor=actor,
        to=Survey.Status.OPEN,
        allowed_from=[Survey.Status.DRAFT],
        action="codevelopment.survey_open",
    )
    log_event(process, actor, _("Experience survey opened for answers: %(title)s") % {"title": survey.title})
    return survey


@transaction.atomic
def survey_close(*, actor, survey: Survey) -> Survey:
    survey = locked_survey(actor, survey)
    if survey.status != Survey.Status.OPEN:
        raise ConflictError(_("Only an open survey can be closed."), code="not_open")
    process = survey.process
    survey = transition(
        survey,
        actor=actor,
        to=Survey.Status.CLOSED,
        allowed_from=[Survey.Status.OPEN],
        action="codevelopment.survey_close",
    )
    log_event(process, actor, _("Experience survey closed: %(title)s") % {"title": survey.title})
    return survey


def personal_data_message(kinds: list[str]) -> str:
    return _(
        "Your answer seems to contain personal details (%(kinds)s). Remove them and send the survey again: "
        "the answers are anonymous."
    ) % {"kinds": ", ".join(str(KIND_LABELS[k]) for k in kinds)}


@transaction.atomic
def survey_submit_answers(*, survey: Survey, answers: dict[int, object], language: str) -> SurveyResponse:
    """Stores one family's answers: `answers` maps a question's id to an int (scale 1–5 or an option's
    index) or a text. Raises ConflictError(code="closed") when the survey does not take answers, and
    AnswerError at the first answer that breaks a rule."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey_is_answerable(survey):
        raise ConflictError(_("This survey has closed."), code="closed")
    language = language if language in LANGUAGES else "fi"
    rows = []
    for question in survey.questions.order_by("position", "id"):
        value = answers.get(question.pk)
        if isinstance(value, str):
            value = value.replace("\x00", "").strip()
        if value is None or value == "":
            if question.required:
                raise AnswerError(_("Answer this question."), code="required", question_id=question.pk)
            continue
        answer = SurveyAnswer(question=question)
        if question.kind == SurveyQuestion.Kind.SCALE:
            if isinstance(value, bool) or value not in SCALE_VALUES:
                raise AnswerError(
                    _("Choose a number from 1 to 5."), code="invalid_scale", question_id=question.pk
                )
            answer.scale_value = value
        elif question.kind == SurveyQuestion.Kind.CHOICE:
            count = len(option_lines(question.options))
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < count:
                raise AnswerError(
                    _("Choose one of the options."), code="invalid_choice", question_id=question.pk
                )
            answer.choice_index = value
        else:
            if not isinstance(value, str):
                raise AnswerError(_("Write your answer."), code="invalid_text", question_id=question.pk)
            if len(value) > MAX_ANSWER_TEXT:
                raise AnswerError(
                    _("The answer is too long: %(n)s characters. The limit is %(limit)s.")
                    % {"n": len(value), "limit": MAX_ANSWER_TEXT},
                    code="text_too_long",
                    question_id=question.pk,
                )
            kinds = personal_data_kinds(value)
            if kinds:
                raise AnswerError(personal_data_message(kinds), code="personal_data", question_id=question.pk)
            answer.text = value
        rows.append(answer)
    if not rows:
        raise AnswerError(_("Answer at least one question."), code="empty")
    # SECURITY: nothing identifying the family is stored: no account, no address, no IP address.
    response = SurveyResponse.objects.create(survey=survey, language=language)
    for answer in rows:
        answer.response = response
    SurveyAnswer.objects.bulk_create(rows)
    return response
