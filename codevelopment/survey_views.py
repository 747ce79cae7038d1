"""Experience survey pages: for the developer group the list of a process's surveys, the survey editor, the QR
code and poster, and the summary with its CSV export (every workspace reader reads, the coordinator,
facilitator or an administrator edits); for families the public answer page, without an account.

The public page is protected exactly as the families' open observation form, with the same functions
(observations.spam): a per-address rate limit, a honeypot, a signed render-time stamp and ALTCHA
proof-of-work. A refused send never loses what the family wrote."""

from __future__ import annotations

import csv
import io
import logging

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.errors import ConflictError, DomainError
from observations import spam
from observations.views.public import _language
from observations.views.triage import _csv_safe, _Echo

from . import surveys
from .models import DevelopmentProcess, Survey, SurveyQuestion
from .permissions import can_edit_process
from .survey_forms import MoveForm, QuestionForm, SurveyAnswerForm, SurveyForm, field_name
from .views import _editable, _visible

log = logging.getLogger(__name__)

TEXT_ANSWERS_PER_PAGE = 50
CSV_CHUNK = 500


# --- The developer group's pages --------------------------------------------------------------------------


def _can_edit(request, process: DevelopmentProcess) -> bool:
    return can_edit_process(request.user, process) and process.stage != DevelopmentProcess.Stage.CLOSED


def _survey(process: DevelopmentProcess, spk: int) -> Survey:
    return get_object_or_404(Survey.objects.filter(process=process), pk=spk)


def _short_path(survey: Survey) -> str:
    """The public address without the language prefix: the family's browser picks the language."""
    path = reverse("codevelopment:survey_answer", args=[survey.public_id])
    return "/" + path.lstrip("/").split("/", 1)[1]


def _public_url(request, survey: Survey) -> str:
    return request.build_absolute_uri(_short_path(survey))


def _render_list(request, process, *, form=None, status: int = 200):
    editable = _can_edit(request, process)
    survey_rows = list(surveys.survey_list(process))
    now = timezone.now()
    for survey in survey_rows:
        survey.answerable = surveys.survey_is_answerable(survey, now)
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
        return _render_list(request, _visible(request, pk))
    process = _editable(request, pk)
    form = SurveyForm(request.POST)
    if form.is_valid():
        try:
            survey = surveys.survey_create(actor=request.user, process=process, **form.cleaned_data)
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The survey was created. Add its questions."))
            return redirect("codevelopment:survey_detail", pk=process.pk, spk=survey.pk)
    return _render_list(request, process, form=form, status=400)


def _questions_for_display(survey: Survey) -> list[dict]:
    out = []
    for q in survey.questions.order_by("position", "id"):
        out.append(
            {
                "question": q,
                "options": surveys.option_lines(q.options),
                "options_sv": surveys.option_lines(q.options_sv),
                "options_en": surveys.option_lines(q.options_en),
            }
        )
    return out


def _render_survey(request, process, survey, *, form=None, status: int = 200):
    editable = _can_edit(request, process)
    questions = _questions_for_display(survey)
    context = {
        "process": process,
        "survey": survey,
        "questions": questions,
        "can_edit": editable,
        "can_edit_questions": editable and survey.status == Survey.Status.DRAFT,
        "public_url": _public_url(request, survey),
        "answerable": surveys.survey_is_answerable(survey),
        "response_count": survey.responses.count(),
    }
    if form is not None or context["can_edit_questions"]:
        context["form"] = form or QuestionForm()
    return render(request, "codevelopment/surveys/detail.html", context, status=status)


@login_required
@require_GET
@never_cache
def survey_detail(request, pk: int, spk: int):
    process = _visible(request, pk)
    return _render_survey(request, process, _survey(process, spk))


@login_required
@require_POST
def question_add(request, pk: int, spk: int):
    process = _editable(request, pk)
    survey = _survey(process, spk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            surveys.survey_question_add(actor=request.user, survey=survey, **form.cleaned_data)
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The question was added."))
            return redirect("codevelopment:survey_detail", pk=process.pk, spk=survey.pk)
    return _render_survey(request, process, survey, form=form, status=400)


def _back(process, survey):
    return redirect("codevelopment:survey_detail", pk=process.pk, spk=survey.pk)


@login_required
@require_POST
def question_move(request, pk: int, spk: int, qpk: int):
    process = _editable(request, pk)
    survey = _survey(process, spk)
    question = get_object_or_404(survey.questions, pk=qpk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose up or down."))
        return _back(process, survey)
    try:
        surveys.survey_question_move(
            actor=request.user, question=question, direction=form.cleaned_data["direction"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The question was moved."))
    return _back(process, survey)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def question_delete(request, pk: int, spk: int, qpk: int):
    process = _editable(request, pk)
    survey = _survey(process, spk)
    question = get_object_or_404(survey.questions, pk=qpk)
    if request.method == "POST":
        try:
            surveys.survey_question_delete(actor=request.user, question=question)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The question was removed."))
        return _back(process, survey)
    if survey.status != Survey.Status.DRAFT:
        messages.error(request, _("The questions can be changed only while the survey is a draft."))
        return _back(process, survey)
    context = {"process": process, "survey": survey, "question": question}
    return render(request, "codevelopment/surveys/question_delete.html", context)


def _transition(request, pk: int, spk: int, call, success: str):
    process = _editable(request, pk)
    survey = _survey(process, spk)
    try:
        call(actor=request.user, survey=survey)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return _back(process, survey)


@login_required
@require_POST
def survey_open(request, pk: int, spk: int):
    return _transition(request, pk, spk, surveys.survey_open, _("The survey is open for answers."))


@login_required
@require_POST
def survey_close(request, pk: int, spk: int):
    return _transition(request, pk, spk, surveys.survey_close, _("The survey was closed."))


@login_required
@require_GET
@never_cache
def survey_qr(request, pk: int, spk: int):
    process = _visible(request, pk)
    survey = _survey(process, spk)
    qr = segno.make(_public_url(request, survey), error="m")
    out = io.BytesIO()
    qr.save(out, kind="svg", scale=8, border=4, title=survey.title, xmldecl=False, nl=False)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="kysely-{survey.pk}.svg"'
    return response


@login_required
@require_GET
@never_cache
def survey_poster(request, pk: int, spk: int):
    process = _visible(request, pk)
    survey = _survey(process, spk)
    context = {
        "process": process,
        "survey": survey,
        "public_url": _public_url(request, survey),
        "titles": [t for t in (survey.title, survey.title_sv, survey.title_en) if t],
    }
    return render(request, "codevelopment/surveys/poster.html", context)


@login_required
@require_GET
@never_cache
def survey_results(request, pk: int, spk: int):
    process = _visible(request, pk)
    survey = _survey(process, spk)
    summary = surveys.survey_summary(survey)
    page = Paginator(surveys.survey_text_answers(survey), TEXT_ANSWERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"process": process, "survey": survey, "page": page, **summary}
    return render(request, "codevelopment/surveys/results.html", context)


def _csv_rows(survey: Survey, questions: list[SurveyQuestion]):
    writer = _csv_writer()
    options = {q.pk: surveys.option_lines(q.options) for q in questions}
    # Excel in Finland opens a UTF-8 file correctly only with the byte order mark.
    yield "\ufeff" + writer.writerow(
        [_("response"), _("sent"), _("language")] + [_csv_safe(q.text) for q in questions]
    )
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
                cells.append(_csv_safe(labels[index] if index is not None and index < len(labels) else ""))
            else:
                cells.append(_csv_safe(a.text))
        submitted = timezone.localtime(response.submitted_at).strftime("%d.%m.%Y %H:%M")
        yield writer.writerow([number, submitted, response.language] + cells)


def _csv_writer():
    return csv.writer(_Echo(), delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")


@login_required
@require_GET
def survey_results_csv(request, pk: int, spk: int):
    process = _visible(request, pk)
    survey = _survey(process, spk)
    questions = list(survey.questions.order_by("position", "id"))
    response = StreamingHttpResponse(_csv_rows(survey, questions), content_type="text/csv; charset=utf-8")
    filename = f"kysely-{survey.pk}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# --- The families' public page ----------------------------------------------------------------------------


def _public_survey(public_id: str) -> Survey:
    # A draft or an unknown survey does not exist for the public.
    survey = (
        Survey.objects.filter(public_id=public_id[:40])
        .exclude(status=Survey.Status.DRAFT)
        .select_related("process")
        .first()
    )
    if survey is None:
        raise Http404
    return survey


def _closed_page(request, survey: Survey):
    lang = _language()
    response = render(
        request,
        "codevelopment/surveys/public_closed.html",
        {"title": surveys.in_language(survey, "title", lang)},
        status=410,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _anchor(form, name: str) -> str:
    field = form.fields[name]
    if name == "altcha":
        return "id_altcha"
    question = getattr(field, "question", None)
    if question is not None and question.kind != SurveyQuestion.Kind.TEXT:
        return f"id_{name}_0"
    return f"id_{name}"


def _error_summary(form, problems) -> list[dict]:
    items = [{"href": "", "text": str(p)} for p in problems]
    if not form.is_bound:
        return items
    items += [{"href": "", "text": str(e)} for e in form.non_field_errors()]
    for name in form.fields:
        # A question's error names the question: "Answer this question." alone says not which one.
        question = getattr(form.fields[name], "question", None)
        prefix = f"{form.fields[name].label}: " if question is not None else ""
        for error in form.errors.get(name, []):
            items.append({"href": "#" + _anchor(form, name), "text": prefix + str(error)})
    return items


def _render_answer_form(request, survey, form, *, status: int = 200, problems=(), stamp: str | None = None):
    lang = _language()
    rows = []
    for bound in form.question_fields():
        question = bound.field.question
        rows.append({"field": bound, "question": question, "name": bound.name})
    context = {
        "survey": survey,
        "title": surveys.in_language(survey, "title", lang),
        "intro": surveys.in_language(survey, "intro", lang),
        "form": form,
        "rows": rows,
        "summary": _error_summary(form, list(problems)),
        "stamp": stamp or spam.stamp_make(),
        "honeypot_name": spam.HONEYPOT_FIELD,
        "altcha_challenge_url": reverse("altcha_challenge"),
        "altcha_strings": spam.altcha_strings(),
        "action": request.path,
    }
    response = render(request, "codevelopment/surveys/public_form.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def survey_answer(request, public_id: str):
    survey = _public_survey(public_id)
    if not surveys.survey_is_answerable(survey):
        return _closed_page(request, survey)
    questions = list(survey.questions.order_by("position", "id"))
    if request.method == "POST":
        return _submit(request, survey, questions)
    return _render_answer_form(request, survey, SurveyAnswerForm(questions=questions, lang=_language()))


def _submit(request, survey: Survey, questions: list[SurveyQuestion]):
    lang = _language()
    data = spam.without_nul(request.POST)
    stamp = data.get("stamp", "")

    def refuse(status: int, message: str):
        blank = SurveyAnswerForm(questions=questions, lang=lang)
        kept = SurveyAnswerForm(initial=blank.kept_values(data), questions=questions, lang=lang)
        return _render_answer_form(
            request, survey, kept, status=status, problems=[message], stamp=spam.stamp_for_rerender(stamp)
        )

    # 1-3. The open form's layers: per-address limits (the address is hashed and never stored with the
    # answers), the honeypot and the render-time stamp.
    refusal = spam.screen(request, data, scope="public_survey", accepted_limit="PUBLIC_SURVEY_RATE_LIMIT")
    if refusal is not None and refusal.reason == "rate":
        response = refuse(
            429,
            _(
                "Many answers have been sent from your network in a short time, so we cannot receive these "
                "right now. Your answers are kept below. Wait ten minutes and send the survey again."
            ),
        )
        response["Retry-After"] = str(refusal.retry_after)
        return response
    if refusal is not None and refusal.reason == "honeypot":
        return refuse(
            400, _("We could not receive the answers. They are kept below. Check them and send again.")
        )
    if refusal is not None:
        return refuse(
            400,
            _("The answers were not sent yet. They are kept below. Check them and send the survey again."),
        )

    # 4. The fields and ALTCHA's proof-of-work, then the rules (personal data in an open answer).
    form = SurveyAnswerForm(data, questions=questions, lang=lang)
    if form.is_valid():
        try:
            surveys.survey_submit_answers(survey=survey, answers=form.answers(), language=lang)
        except ConflictError as exc:
            if exc.code == "closed":
                return _closed_page(request, survey)
            form.add_error(None, exc.message)
        except surveys.AnswerError as exc:
            target = next((field_name(q) for q in questions if q.pk == exc.question_id), None)
            form.add_error(target, exc.message)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            spam.count_accepted(request, scope="public_survey", accepted_limit="PUBLIC_SURVEY_RATE_LIMIT")
            return redirect("codevelopment:survey_thanks", public_id=survey.public_id)
    return _render_answer_form(request, survey, form, status=400, stamp=spam.stamp_for_rerender(stamp))


@never_cache
@require_GET
def survey_thanks(request, public_id: str):
    survey = _public_survey(public_id)
    response = render(
        request,
        "codevelopment/surveys/public_thanks.html",
        {"title": surveys.in_language(survey, "title", _language())},
    )
    response["X-Robots-Tag"] = "noindex"
    return response
