"""Matters sent down to the local teams: a group's sent matters, sending one, one matter with the answers of
all its teams on one page, and a team's answer. Writes go through referral_services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.pages import attempt, get_visible_or_404, page_of, render_page
from familycentres.models import Group
from observations.models import Observation

from .. import referral_selectors as selectors
from .. import referral_services as services
from ..models import Phenomenon, Referral, ReferralAnswer
from ..permissions import can_answer_referral, can_list_referrals, can_send_referral
from ..referral_forms import ReferralAnswerForm, ReferralForm

PAGE_SIZE = 20


@login_required
@require_GET
@never_cache
def referral_list(request, group_pk: int):
    group = get_visible_or_404(Group, request.user, pk=group_pk)
    if not can_list_referrals(request.user, group):
        raise PermissionDenied
    page = page_of(request, selectors.group_referrals(request.user, group), PAGE_SIZE)
    context = {"group": group, "page": page, "can_send": can_send_referral(request.user, group)}
    return render_page(request, "phenomena/referral_list.html", context, partial="results")


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def referral_create(request, group_pk: int):
    group = get_visible_or_404(Group, request.user, pk=group_pk)
    if not can_send_referral(request.user, group):
        raise PermissionDenied
    if request.method == "POST":
        form = ReferralForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            observation = None
            if data.get("observation"):
                observation = Observation.objects.filter(pk=data["observation"]).first()
                if observation is None:
                    form.add_error("observation", _("The observation was not found."))
            if not form.errors:
                outcome = attempt(
                    request,
                    lambda: services.referral_send(
                        actor=request.user,
                        sender=group,
                        subject=data["subject"],
                        title=data["title"],
                        question=data["question"],
                        teams=data["teams"],
                        phenomenon=data.get("phenomenon"),
                        observation=observation,
                    ),
                    form=form,
                    success=_("The matter was sent to the teams."),
                )
                if outcome.ok:
                    return redirect(outcome.result)
        return render_page(
            request, "phenomena/referral_form.html", {"group": group, "form": form}, status=400
        )
    initial = {}
    phenomenon_param = request.GET.get("phenomenon", "")
    if phenomenon_param.isdigit():
        initial = {"subject": Referral.Subject.PHENOMENON, "phenomenon": int(phenomenon_param)}
    form = ReferralForm(initial=initial, user=request.user)
    return render_page(request, "phenomena/referral_form.html", {"group": group, "form": form})


@login_required
@require_GET
@never_cache
def referral_detail(request, pk: int):
    referral = get_visible_or_404(
        Referral.objects.select_related("sender", "phenomenon", "observation", "created_by"),
        request.user,
        pk=pk,
    )
    answers = selectors.referral_answers(referral)
    for answer in answers:
        answer.user_can_answer = can_answer_referral(request.user, answer)
    context = {
        "referral": referral,
        "answers": answers,
        "answered": sum(1 for a in answers if a.is_answered),
        "history": selectors.referral_history(referral),
        # The linked phenomenon or observation is shown as a link only to whoever may open it.
        "phenomenon_visible": referral.phenomenon_id is not None
        and Phenomenon.objects.visible_to(request.user).filter(pk=referral.phenomenon_id).exists(),
        "observation_visible": referral.observation_id is not None
        and Observation.objects.visible_to(request.user).filter(pk=referral.observation_id).exists(),
    }
    return render_page(request, "phenomena/referral_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def referral_answer(request, pk: int):
    answer = get_visible_or_404(
        ReferralAnswer.objects.select_related("referral__sender", "team", "agenda_item__meeting"),
        request.user,
        pk=pk,
    )
    if not can_answer_referral(request.user, answer):
        raise PermissionDenied
    if request.method == "POST":
        form = ReferralAnswerForm(request.POST)
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.referral_answer(
                    actor=request.user, answer=answer, text=form.cleaned_data["text"]
                ),
                form=form,
                success=_("The team's answer was recorded and sent to %(group)s.")
                % {"group": answer.referral.sender.name},
            )
            if outcome.ok:
                return redirect(answer.referral)
            return render_page(
                request,
                "phenomena/referral_answer.html",
                {"answer": answer, "form": form},
                status=outcome.status,
            )
        return render_page(
            request, "phenomena/referral_answer.html", {"answer": answer, "form": form}, status=400
        )
    form = ReferralAnswerForm(initial={"text": answer.text})
    return render_page(request, "phenomena/referral_answer.html", {"answer": answer, "form": form})
