"""Reads for experience surveys: the texts in the reader's language, whether a survey takes answers, a
process's surveys, the summary of the answers in a fixed number of queries, and the rows of the CSV export."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ..models import DevelopmentProcess, Survey, SurveyAnswer, SurveyQuestion

LANGUAGES = ("fi", "sv", "en")
MAX_ANSWER_TEXT = 5_000
SCALE_VALUES = (1, 2, 3, 4, 5)
CSV_CHUNK = 500


def option_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def in_language(obj, name: str, lang: str) -> str:
    """The Swedish or English text of a field (`title_sv`, `text_en`…), or the Finnish one when it is empty."""
    if lang in ("sv", "en"):
        value = getattr(obj, f"{name}_{lang}", "")
        if value:
            return value
    return getattr(obj, name)


def question_options(question: SurveyQuestion, lang: str = "fi") -> list[str]:
    """A choice question's options in the language, falling back to Finnish as a whole list."""
    return option_lines(in_language(question, "options", lang))


def survey_is_answerable(survey: Survey, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return survey.status == Survey.Status.OPEN and (survey.closes_at is None or survey.closes_at > now)


def survey_list(process: DevelopmentProcess) -> QuerySet[Survey]:
    return process.surveys.annotate(
        response_count=Count("responses", distinct=True),
        question_count=Count("questions", distinct=True),
    ).order_by("-created_at", "-id")


@dataclass
class QuestionSummary:
    question: SurveyQuestion
    options: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # scale values or options with their counts
    answered: int = 0
    mean: float | None = None


def survey_summary(survey: Survey) -> dict:
    """The numbers of the summary page in a fixed number of queries, whatever the number of responses:
    the questions, the response count and two grouped counts."""
    questions = list(survey.questions.order_by("position", "id"))
    response_count = survey.responses.count()
    counts: dict[tuple[int, str, int], int] = {}
    grouped = (
        SurveyAnswer.objects.filter(question__survey=survey)
        .filter(Q(scale_value__isnull=False) | Q(choice_index__isnull=False))
        .values("question_id", "scale_value", "choice_index")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in grouped:
        if row["scale_value"] is not None:
            counts[(row["question_id"], "scale", row["scale_value"])] = row["n"]
        if row["choice_index"] is not None:
            counts[(row["question_id"], "choice", row["choice_index"])] = row["n"]
    text_counts = dict(
        SurveyAnswer.objects.filter(question__survey=survey, question__kind=SurveyQuestion.Kind.TEXT)
        .exclude(text="")
        .values_list("question_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    summaries = []
    for question in questions:
        summary = QuestionSummary(question=question)
        if question.kind == SurveyQuestion.Kind.SCALE:
            values = [(v, counts.get((question.pk, "scale", v), 0)) for v in SCALE_VALUES]
            summary.answered = sum(n for _v, n in values)
            summary.rows = [summary_row(str(v), n, summary.answered) for v, n in values]
            if summary.answered:
                summary.mean = sum(v * n for v, n in values) / summary.answered
        elif question.kind == SurveyQuestion.Kind.CHOICE:
            summary.options = option_lines(question.options)
            values = [(i, counts.get((question.pk, "choice", i), 0)) for i in range(len(summary.options))]
            summary.answered = sum(n for _i, n in values)
            summary.rows = [summary_row(summary.options[i], n, summary.answered) for i, n in values]
        else:
            summary.answered = text_counts.get(question.pk, 0)
        summaries.append(summary)
    return {"questions": summaries, "response_count": response_count}


def summary_row(label: str, n: int, total: int) -> dict:
    percent = round(100 * n / total) if total else 0
    # The bar's width in steps of five per cent (a CSS class: the pages allow no inline styles).
    return {"label": label, "count": n, "percent": percent, "bar": 5 * round(percent / 5)}


def survey_text_answers(survey: Survey) -> QuerySet[SurveyAnswer]:
    """The open-text answers, by question in the survey's order, newest first within a question."""
    return (
        SurveyAnswer.objects.filter(question__survey=survey, question__kind=SurveyQuestion.Kind.TEXT)
        .exclude(text="")
        .select_related("question", "response")
        .order_by("question__position", "question_id", "-response__submitted_at", "-id")
    )


def questions_for_display(survey: Survey) -> list[dict]:
    return [
        {
            "question": q,
            "options": option_lines(q.options),
            "options_sv": option_lines(q.options_sv),
            "options_en": option_lines(q.options_en),
        }
        for q in survey.questions.order_by("position", "id")
    ]


def survey_csv_rows(survey: Survey, questions: list[SurveyQuestion]):
    """One row per response (its number, time and language, then the answers in the questions' order); the
    options by their Finnish text. Streamed in chunks, whatever the number of responses."""
    options = {q.pk: option_lines(q.options) for q in questions}
    responses = survey.responses.order_by("submitted_at", "id").prefetch_related("answers")
    for number, response in enumerate(responses.iterator(chunk_size=CSV_CHUNK), start=1):
        by_question = {a.question_id: a for a in response.answers.all()}
        cells = []
        for q in questions:
            a = by_question.get(q.pk)
            if a is None:
                cells.append("")
            elif q.kind == SurveyQuestion.Kind.SCALE:
                cells.append(str(a.scale_value or ""))
            elif q.kind == SurveyQuestion.Kind.CHOICE:
                labels = options[q.pk]
                index = a.choice_index
                cells.append(labels[index] if index is not None and index < len(labels) else "")
            else:
                cells.append(a.text)
        submitted = timezone.localtime(response.submitted_at).strftime("%d.%m.%Y %H:%M")
        yield [number, submitted, response.language, *cells]
