"""The families' pages, without an account: the open form ("Kerro mitä huomasit"), the thanks page with
the follow-up code, the code look-up and the public status page. Everything is in the language of the URL.

A rejected submission never loses what the person wrote: every refusal (rate limit, honeypot, stamp,
ALTCHA, a field error, a rule broken in the service) shows the form again with the text in it and says why.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import spam
from core.pages import attempt, personal_data_check_response
from familycentres.models import FamilyCentre

from .. import codes, selectors, services
from ..models import Observation
from ..public_forms import (
    CodeEmailForm,
    LookupForm,
    PublicObservationForm,
    kept_values,
    public_municipalities,
)

log = logging.getLogger(__name__)

# The codes this browser has just received, in a signed cookie of their own (FOLLOWUP_CODES_COOKIE_NAME),
# not in the session: a family has no account, and a session row would cost every send a second commit of
# its own. SECURITY: the thanks page shows a code only to the browser that sent it (the cookie is signed
# with the secret key, HttpOnly, and lives as long as an idle session), so a guessed /kerro/kiitos/<code>/
# address shows nothing.
CODES_COOKIE_SALT = "observations.public.followup-codes"
CODES_KEPT = 5


def _recent_codes(request) -> list[str]:
    raw = request.get_signed_cookie(
        settings.FOLLOWUP_CODES_COOKIE_NAME,
        default="",
        salt=CODES_COOKIE_SALT,
        max_age=settings.SESSION_COOKIE_AGE,
    )
    return [c for c in raw.split(",") if c]


def _remember_code(request, response, code: str):
    """Puts `code` last among this browser's recent codes (the oldest beyond CODES_KEPT drop off) and
    renews the cookie, as a visit renews an idle session."""
    recent = [c for c in _recent_codes(request) if c != code]
    response.set_signed_cookie(
        settings.FOLLOWUP_CODES_COOKIE_NAME,
        ",".join((recent + [code])[-CODES_KEPT:]),
        salt=CODES_COOKIE_SALT,
        max_age=settings.SESSION_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


# Where a field's error summary link points: the first radio button of a group, the widget's checkbox.
FIELD_ANCHORS = {"environment": "id_environment_0", "age_group": "id_age_group_0", "altcha": "id_altcha"}

STEP_LABELS = {
    "received": gettext_lazy("Received"),
    "read": gettext_lazy("Read"),
    "phenomenon": gettext_lazy("Part of a phenomenon being handled"),
    "decided": gettext_lazy("Decided"),
    "developing": gettext_lazy("Being developed"),
    "done": gettext_lazy("Done"),
    "archived": gettext_lazy("Closed"),
}
STEP_EXPLANATIONS = {
    "received": gettext_lazy(
        "The family centre has received what you told. Its collector will read it soon."
    ),
    "read": gettext_lazy(
        "The family centre's collector has read what you told. It is now looked at together with other "
        "observations."
    ),
    "phenomenon": gettext_lazy(
        "What you told is part of a phenomenon that the family centre is looking into."
    ),
    "decided": gettext_lazy("A steering group has decided what to do about it."),
    "developing": gettext_lazy("Solutions are being developed together with professionals and families."),
    "done": gettext_lazy("The development work is done."),
    "archived": gettext_lazy("The family centre has closed this matter."),
}


def _language() -> str:
    lang = (get_language() or "fi")[:2]
    return lang if lang in ("fi", "sv", "en") else "fi"


def _error_summary(form, problems: list[str]) -> list[dict]:
    """The list at the top of a failed form: general problems first, then each field's errors in the
    order of the form, each linking to its field."""
    items = [{"href": "", "text": str(p)} for p in problems]
    if not form.is_bound:
        return items
    items += [{"href": "", "text": str(e)} for e in form.non_field_errors()]
    for name in form.fields:
        for error in form.errors.get(name, []):
            items.append({"href": "#" + FIELD_ANCHORS.get(name, f"id_{name}"), "text": str(error)})
    return items


def _render_form(request, *, form, centre, status: int = 200, problems=(), stamp: str | None = None):
    problems = list(problems)
    context = {
        "form": form,
        "centre": centre,
        "summary": _error_summary(form, problems),
        "stamp": stamp or spam.stamp_make(),
        "honeypot_name": spam.HONEYPOT_FIELD,
        "altcha_challenge_url": reverse("altcha_challenge"),
        "altcha_strings": spam.altcha_strings(),
        "action": request.path,
    }
    return render(request, "observations/public_form.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def form(request, centre: str | None = None):
    """The open form: for the whole county (any municipality some family centre serves) or for one family
    centre (its municipalities; the observation goes to that centre)."""
    family_centre = None
    if centre is not None:
        family_centre = FamilyCentre.objects.filter(slug=centre).first()
        if family_centre is None:
            raise Http404
    municipalities = public_municipalities(family_centre)
    if request.method == "POST":
        return _submit(request, family_centre, municipalities)
    initial = {}
    only = list(municipalities[:2])
    if len(only) == 1:
        initial["municipality"] = only[0].pk
    return _render_form(
        request,
        form=PublicObservationForm(initial=initial, municipalities=municipalities),
        centre=family_centre,
    )


def _submit(request, family_centre, municipalities):
    data = spam.without_nul(request.POST)
    stamp = data.get("stamp", "")

    def refuse(status: int, message: str):
        # The form comes back unvalidated, filled with what was typed, and with one clear message.
        kept = PublicObservationForm(initial=kept_values(data), municipalities=municipalities)
        return _render_form(
            request,
            form=kept,
            centre=family_centre,
            status=status,
            problems=[message],
            stamp=spam.stamp_for_rerender(stamp),
        )

    # 1-3. Per-address limits, the honeypot (refused with a message that does not tell a robot what gave it
    # away) and the render-time stamp (sent within seconds of opening, or a day later, or forged).
    refusal = spam.screen(request, data, scope="public_form", accepted_limit="PUBLIC_FORM_RATE_LIMIT")
    if refusal is not None and refusal.reason == "rate":
        response = refuse(
            429,
            _(
                "Many observations have been sent from your network in a short time, so we cannot receive "
                "this one right now. Your text is kept below. Wait ten minutes and send the form again."
            ),
        )
        response["Retry-After"] = str(refusal.retry_after)
        return response
    if refusal is not None and refusal.reason == "honeypot":
        return refuse(
            400, _("We could not receive the form. Your text is kept below. Check it and send it again.")
        )
    if refusal is not None and refusal.detail == spam.STAMP_TOO_FAST:
        return refuse(
            400,
            _(
                "The form was sent within a few seconds of opening it, so it was not taken in: robots send "
                "forms that fast. Your text is kept below. Check it and send the form again."
            ),
        )
    if refusal is not None and refusal.detail == spam.STAMP_EXPIRED:
        return refuse(
            400,
            _(
                "The form was open for more than a day, so it was not taken in. Your text is kept below. "
                "Check it and send the form again."
            ),
        )
    if refusal is not None:
        return refuse(
            400,
            _("The form was not sent yet. Your text is kept below. Check it and send the form again."),
        )

    # 4. The fields and ALTCHA's proof-of-work, then the service's own rules.
    form = PublicObservationForm(data, municipalities=municipalities)
    if form.is_valid():
        cleaned = form.cleaned_data
        outcome = attempt(
            request,
            lambda: services.observation_submit_public(
                text=cleaned["text"],
                environment=cleaned["environment"],
                age_group=cleaned["age_group"],
                area=cleaned["municipality"],
                family_centre=family_centre,
                contact_email=cleaned["email"],
                language=_language(),
            ),
            form=form,
        )
        if outcome.ok:
            observation = outcome.result
            spam.count_accepted(request, scope="public_form", accepted_limit="PUBLIC_FORM_RATE_LIMIT")
            return _remember_code(
                request,
                redirect("observations:public_thanks", code=observation.followup_code),
                observation.followup_code,
            )
    return _render_form(
        request, form=form, centre=family_centre, status=400, stamp=spam.stamp_for_rerender(stamp)
    )


@never_cache
@require_http_methods(["GET", "POST"])
def thanks(request, code: str):
    """The follow-up code, to write down, print or have sent by email."""
    normal = codes.normalise(code)
    # SECURITY: the code is a bearer token; only the browser that sent the form sees it here (and only that
    # browser can ask for it by email).
    if normal is None or normal not in _recent_codes(request):
        raise Http404
    observation = Observation.objects.select_related("family_centre").filter(followup_code=normal).first()
    if observation is None:
        raise Http404
    email_form = CodeEmailForm(spam.without_nul(request.POST) if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if email_form.is_valid():
            outcome = attempt(
                request,
                lambda: services.observation_code_email(
                    observation=observation, email=email_form.cleaned_data["email"]
                ),
                form=email_form,
                success=_("We sent the code to your email address."),
            )
            if outcome.ok:
                return redirect("observations:public_thanks", code=normal)
            status = outcome.status
    context = {
        "code": normal,
        "centre": observation.family_centre,
        "emailed": bool(observation.contact_email),
        "email_form": email_form,
        "status_url": reverse("observations:public_status", kwargs={"code": normal}),
    }
    response = render(request, "observations/public_thanks.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return _remember_code(request, response, normal)


def _lookup_page(request, form, *, status: int = 200, problems=()):
    summary = [{"href": "", "text": str(p)} for p in problems]
    if form.is_bound:
        summary += [{"href": "#id_code", "text": str(e)} for e in form.errors.get("code", [])]
    response = render(
        request, "observations/public_lookup.html", {"form": form, "summary": summary}, status=status
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _too_many_lookups(request, typed: str = ""):
    window = spam.limits("PUBLIC_LOOKUP_RATE_LIMIT")[1]
    response = _lookup_page(
        request,
        LookupForm(initial={"code": typed[:40]}),
        status=429,
        problems=[_("Too many codes were tried from your network. Wait ten minutes and try again.")],
    )
    response["Retry-After"] = str(window)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request):
    """Enter your follow-up code. Failed look-ups are counted per address, so codes cannot be guessed."""
    if request.method == "GET":
        return _lookup_page(request, LookupForm())
    limit, window = spam.limits("PUBLIC_LOOKUP_RATE_LIMIT")
    typed = (request.POST.get("code") or "").replace("\x00", "")
    if spam.rate_exceeded(request, "public_lookup", limit):
        return _too_many_lookups(request, typed)
    form = LookupForm(request.POST)
    status = 400
    if form.is_valid():
        normal = codes.normalise(form.cleaned_data["code"])
        if normal is None:
            form.add_error("code", _code_problem(form.cleaned_data["code"]))
        elif Observation.objects.filter(followup_code=normal).exists():
            return redirect("observations:public_status", code=normal)
        else:
            status = 404
            form.add_error("code", _("We found nothing with this code. Check the code and try again."))
    spam.rate_count(request, "public_lookup", window)
    return _lookup_page(request, form, status=status)


def _code_problem(typed: str) -> str:
    """What is really wrong with a typed code: the characters codes never use, or how many were typed."""
    unused = codes.unused_characters(typed)
    if unused:
        return _(
            "Follow-up codes never have %(chars)s: letters and numbers that are easy to mix up are left out. "
            "Check the code you received: it has only the letters ACEFHJKMNPRTWXY and the numbers 34679."
        ) % {"chars": ", ".join(unused)}
    return _(
        "A follow-up code has %(length)s letters and numbers, for example ACEFH-34679; you typed %(count)s."
    ) % {"length": codes.LENGTH, "count": codes.typed_length(typed)}


def family_text(observation: Observation) -> str:
    """What the family wrote, for its own status page: masked as in every list when held for personal-data
    review (Observation.shown_text). SECURITY: the code is a bearer token, so held text is never shown as it
    was typed."""
    return observation.shown_text


def _steps(info: dict) -> list[dict]:
    """The steps of the status page in order, each marked done, current or not yet."""
    current = info["step"]
    names = ["received", "archived"] if current == "archived" else selectors.PUBLIC_STEPS
    steps = []
    for name in names:
        if name == current:
            state = "current"
        elif name in info["reached"]:
            state = "done"
        else:
            state = "todo"
        steps.append({"name": name, "label": STEP_LABELS[name], "state": state})
    return steps


@never_cache
@require_GET
def status(request, code: str):
    """What happened to what the family told: the family centre, the date received, what the family wrote
    (masked where held for personal-data review, see `family_text`), the state and an archive reason."""
    limit, window = spam.limits("PUBLIC_LOOKUP_RATE_LIMIT")
    if spam.rate_exceeded(request, "public_lookup", limit):
        return _too_many_lookups(request)
    normal = codes.normalise(code)
    observation = None
    if normal is not None:
        observation = Observation.objects.select_related("family_centre").filter(followup_code=normal).first()
    if observation is None:
        spam.rate_count(request, "public_lookup", window)
        raise Http404
    if normal != code:
        # What people type (small letters, no dash) leads to the one address of the code.
        return redirect("observations:public_status", code=normal)
    info = selectors.public_status(observation)
    context = {
        "code": normal,
        "centre": info["target"].family_centre,
        "received_on": observation.created_at,
        "text": family_text(observation),
        "held": observation.held,
        "step": info["step"],
        "step_label": STEP_LABELS[info["step"]],
        "explanation": STEP_EXPLANATIONS[info["step"]],
        "reason": info["reason"],
        "decision": info["decision"],
        "steps": _steps(info),
    }
    response = render(request, "observations/public_status.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_GET
def altcha_challenge(request):
    """A proof-of-work challenge for the open form's ALTCHA widget (fetched again when one expires)."""
    return JsonResponse(spam.altcha_challenge())


# The live check of the open form runs as a family types (every 0.7 s pause): generous for a person,
# a ceiling for a script. Longer texts are checked when sent.
PUBLIC_CHECK_LIMIT = 240
PUBLIC_CHECK_WINDOW = 600
PUBLIC_CHECK_MAX_CHARS = 10_000


@require_POST
def personal_data_check(request):
    """The open form's live personal-data check, without an account: the same check as the signed-in
    one (core.pages.personal_data_check_response) and as the service on save. CSRF-protected; over the
    per-address limit it answers nothing (204), and the text is still checked when sent."""
    if spam.rate_count(request, "public_check", PUBLIC_CHECK_WINDOW) > PUBLIC_CHECK_LIMIT:
        return HttpResponse(status=204)
    return personal_data_check_response(request, max_chars=PUBLIC_CHECK_MAX_CHARS)
