"""The families' public answer page of an experience survey, without an account.

It is protected exactly as the families' open observation form, with the same functions (observations.spam):
a per-address rate limit, a honeypot, a signed render-time stamp and ALTCHA proof-of-work. A refused send
never loses what the family wrote."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.errors import ConflictError
from core.language import page_language
from core.pages import attempt
from observations import spam

from .. import services
from ..forms.surveys import SurveyAnswerForm
from ..models import Survey, SurveyQuestion
from ..selectors.surveys import in_language, survey_is_answerable


def public_survey(public_id: str) -> Survey:
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


def closed_page(request, survey: Survey):
    lang = page_language()
    response = render(
        request,
        "codevelopment/surveys/public_closed.html",
        {"title": in_language(survey, "title", lang)},
        status=410,
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def anchor(form, name: str) -> str:
    field = form.fields[name]
    if name == "altcha":
        return "id_altcha"
    question = getattr(field, "question", None)
    if question is not None and question.kind != SurveyQuestion.Kind.TEXT:
        return f"id_{name}_0"
    return f"id_{name}"


def error_summary(form, problems) -> list[dict]:
    items = [{"href": "", "text": str(p)} for p in problems]
    if not form.is_bound:
        return items
    items += [{"href": "", "text": str(e)} for e in form.non_field_errors()]
    for name in form.fields:
        # A question's error names the question: "Answer this question." alone says not which one.
        question = getattr(form.fields[name], "question", None)
        prefix = f"{form.fields[name].label}: " if question is not None else ""
        for error in form.errors.get(name, []):
            items.append({"href": "#" + anchor(form, name), "text": prefix + str(error)})
    return items


def render_answer_form(request, survey, form, *, status: int = 200, problems=(), stamp: str | None = None):
    lang = page_language()
    rows = []
    for bound in form.question_fields():
        question = bound.field.question
        rows.append({"field": bound, "question": question, "name": bound.name})
    context = {
        "survey": survey,
        "title": in_language(survey, "title", lang),
        "intro": in_language(survey, "intro", lang),
        "form": form,
        "rows": rows,
        "summary": error_summary(form, list(problems)),
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
    survey = public_survey(public_id)
    if not survey_is_answerable(survey):
        return closed_page(request, survey)
    questions = list(survey.questions.order_by("position", "id"))
    if request.method == "POST":
        return submit(request, survey, questions)
    return render_answer_form(request, survey, SurveyAnswerForm(questions=questions, lang=page_language()))


def submit(request, survey: Survey, questions: list[SurveyQuestion]):
    lang = page_language()
    data = spam.without_nul(request.POST)
    stamp = data.get("stamp", "")

    def refuse(status: int, message: str):
        blank = SurveyAnswerForm(questions=questions, lang=lang)
        kept = SurveyAnswerForm(initial=blank.kept_values(data), questions=questions, lang=lang)
        return render_answer_form(
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
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.survey_submit_answers(survey=survey, answers=form.answers(), language=lang),
            form=form,
        )
        if outcome.ok:
            spam.count_accepted(request, scope="public_survey", accepted_limit="PUBLIC_SURVEY_RATE_LIMIT")
            return redirect("codevelopment:survey_thanks", public_id=survey.public_id)
        if isinstance(outcome.error, ConflictError) and outcome.error.code == "closed":
            return closed_page(request, survey)
        status = outcome.status
    return render_answer_form(request, survey, form, status=status, stamp=spam.stamp_for_rerender(stamp))


@never_cache
@require_GET
def survey_thanks(request, public_id: str):
    survey = public_survey(public_id)
    response = render(
        request,
        "codevelopment/surveys/public_thanks.html",
        {"title": in_language(survey, "title", page_language())},
    )
    response["X-Robots-Tag"] = "noindex"
    return response
