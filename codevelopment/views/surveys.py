"""Experience survey pages for the developer group: the list of a process's surveys, the survey editor, the
QR code and poster, and the summary with its CSV export (every workspace reader reads; the coordinator,
facilitator or an administrator edits). A survey is reached through Survey.objects.visible_to, so it is
visible exactly when its process is. The families' answer page is in views/survey_public.py."""

from __future__ import annotations

import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.csv import csv_response
from core.pages import attempt, get_visible_or_404

from .. import services
from ..forms.surveys import MoveForm, QuestionForm, SurveyForm
from ..models import DevelopmentProcess, Survey
from ..permissions import can_edit_open_process
from ..selectors.surveys import (
    questions_for_display,
    survey_csv_rows,
    survey_is_answerable,
    survey_summary,
    survey_text_answers,
)
from ..selectors.surveys import (
    survey_list as process_surveys,
)
from .common import editable_process, page_of, visible_process

TEXT_ANSWERS_PER_PAGE = 50


def process_survey(request, process: DevelopmentProcess, spk: int) -> Survey:
    return get_visible_or_404(Survey.objects.filter(process=process), request.user, pk=spk)


def short_path(survey: Survey) -> str:
    """The public address without the language prefix: the family's browser picks the language."""
    path = reverse("codevelopment:survey_answer", args=[survey.public_id])
    return "/" + path.lstrip("/").split("/", 1)[1]


def public_url(request, survey: Survey) -> str:
    return request.build_absolute_uri(short_path(survey))


def render_list(request, process, *, form=None, status: int = 200):
    editable = can_edit_open_process(request.user, process)
    survey_rows = list(process_surveys(process))
    now = timezone.now()
    for survey in survey_rows:
        survey.answerable = survey_is_answerable(survey, now)
    context = {
        "process": process,
        "surveys": survey_rows,
        "can_edit": editable,
        # A refused send shows its form with the reason, even when editing has just become impossible.
        "form": form or (SurveyForm() if editable else None),
    }
    return render(request, "codevelopment/surveys/list.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def survey_list(request, pk: int):
    if request.method == "GET":
        return render_list(request, visible_process(request, pk))
    process = editable_process(request, pk)
    form = SurveyForm(request.POST)
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.survey_create(actor=request.user, process=process, **form.cleaned_data),
            form=form,
            success=_("The survey was created. Add its questions."),
        )
        if outcome.ok:
            return redirect("codevelopment:survey_detail", pk=process.pk, spk=outcome.result.pk)
        status = outcome.status
    return render_list(request, process, form=form, status=status)


def render_survey(request, process, survey, *, form=None, status: int = 200):
    editable = can_edit_open_process(request.user, process)
    context = {
        "process": process,
        "survey": survey,
        "questions": questions_for_display(survey),
        "can_edit": editable,
        "can_edit_questions": editable and survey.status == Survey.Status.DRAFT,
        "public_url": public_url(request, survey),
        "answerable": survey_is_answerable(survey),
        "response_count": survey.responses.count(),
    }
    if form is not None or context["can_edit_questions"]:
        context["form"] = form or QuestionForm()
    return render(request, "codevelopment/surveys/detail.html", context, status=status)


@login_required
@require_GET
@never_cache
def survey_detail(request, pk: int, spk: int):
    process = visible_process(request, pk)
    return render_survey(request, process, process_survey(request, process, spk))


def back_to(process, survey):
    return redirect("codevelopment:survey_detail", pk=process.pk, spk=survey.pk)


@login_required
@require_POST
def question_add(request, pk: int, spk: int):
    process = editable_process(request, pk)
    survey = process_survey(request, process, spk)
    form = QuestionForm(request.POST)
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.survey_question_add(actor=request.user, survey=survey, **form.cleaned_data),
            form=form,
            success=_("The question was added."),
        )
        if outcome.ok:
            return back_to(process, survey)
        status = outcome.status
    return render_survey(request, process, survey, form=form, status=status)


@login_required
@require_POST
def question_move(request, pk: int, spk: int, qpk: int):
    process = editable_process(request, pk)
    survey = process_survey(request, process, spk)
    question = get_object_or_404(survey.questions, pk=qpk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose up or down."))
        return back_to(process, survey)
    attempt(
        request,
        lambda: services.survey_question_move(
            actor=request.user, question=question, direction=form.cleaned_data["direction"]
        ),
        success=_("The question was moved."),
    )
    return back_to(process, survey)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def question_delete(request, pk: int, spk: int, qpk: int):
    process = editable_process(request, pk)
    survey = process_survey(request, process, spk)
    question = get_object_or_404(survey.questions, pk=qpk)
    if request.method == "POST":
        attempt(
            request,
            lambda: services.survey_question_delete(actor=request.user, question=question),
            success=_("The question was removed."),
        )
        return back_to(process, survey)
    if survey.status != Survey.Status.DRAFT:
        messages.error(request, _("The questions can be changed only while the survey is a draft."))
        return back_to(process, survey)
    context = {"process": process, "survey": survey, "question": question}
    return render(request, "codevelopment/surveys/question_delete.html", context)


def survey_step(request, pk: int, spk: int, step, success: str):
    process = editable_process(request, pk)
    survey = process_survey(request, process, spk)
    attempt(request, lambda: step(actor=request.user, survey=survey), success=success)
    return back_to(process, survey)


@login_required
@require_POST
def survey_open(request, pk: int, spk: int):
    return survey_step(request, pk, spk, services.survey_open, _("The survey is open for answers."))


@login_required
@require_POST
def survey_close(request, pk: int, spk: int):
    return survey_step(request, pk, spk, services.survey_close, _("The survey was closed."))


@login_required
@require_GET
@never_cache
def survey_qr(request, pk: int, spk: int):
    process = visible_process(request, pk)
    survey = process_survey(request, process, spk)
    qr = segno.make(public_url(request, survey), error="m")
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=8, border=4, title=survey.title, xmldecl=False, nl=False)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="kysely-{survey.pk}.svg"'
    return response


@login_required
@require_GET
@never_cache
def survey_poster(request, pk: int, spk: int):
    process = visible_process(request, pk)
    survey = process_survey(request, process, spk)
    context = {
        "process": process,
        "survey": survey,
        "public_url": public_url(request, survey),
        "titles": [t for t in (survey.title, survey.title_sv, survey.title_en) if t],
    }
    return render(request, "codevelopment/surveys/poster.html", context)


@login_required
@require_GET
@never_cache
def survey_results(request, pk: int, spk: int):
    process = visible_process(request, pk)
    survey = process_survey(request, process, spk)
    summary = survey_summary(survey)
    page = page_of(request, survey_text_answers(survey), TEXT_ANSWERS_PER_PAGE)
    context = {"process": process, "survey": survey, "page": page, **summary}
    return render(request, "codevelopment/surveys/results.html", context)


@login_required
@require_GET
def survey_results_csv(request, pk: int, spk: int):
    process = visible_process(request, pk)
    survey = process_survey(request, process, spk)
    questions = list(survey.questions.order_by("position", "id"))
    header = [_("response"), _("sent"), _("language"), *(q.text for q in questions)]
    filename = f"kysely-{survey.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    return csv_response(filename, header, survey_csv_rows(survey, questions))
