"""Consultation round pages: the rounds of a workspace with the form to open one, and one round with its
draft, comments, the comment form and (for the coordinator and facilitator) who has answered. A round is
reached through ConsultationRound.objects.visible_to: the asked groups' members read it too."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.pages import attempt, get_visible_or_404

from .. import services
from ..forms.consultations import CloseConsultationForm, CommentForm, ConsultationForm
from ..models import ConsultationRound, DevelopmentProcess
from ..permissions import can_comment, can_manage_consultations
from ..selectors.consultations import answer_table, comment_groups, consultation_list, consultation_url
from .common import visible_process


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def consultations(request, pk: int):
    process = visible_process(request, pk)
    can_manage = can_manage_consultations(request.user, process)
    form = None
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = ConsultationForm(request.POST, user=request.user, process=process)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            outcome = attempt(
                request,
                lambda: services.consultation_create(
                    actor=request.user,
                    process=process,
                    title=data["title"],
                    draft=data["draft"],
                    groups=data["groups"],
                    deadline=data["deadline"],
                    reminder_hours=data["reminder_hours"],
                    document=data["document"],
                ),
                form=form,
                success=_("The consultation round was opened and the groups were told."),
            )
            if outcome.ok:
                return redirect(consultation_url(outcome.result))
            status = outcome.status
    elif can_manage:
        form = ConsultationForm(user=request.user, process=process)
    context = {
        "process": process,
        "rounds": list(consultation_list(process)),
        "form": form,
        "can_manage": can_manage,
        "now": timezone.now(),
    }
    return render(request, "codevelopment/consultations.html", context, status=status)


def visible_round(request, pk: int, cpk: int) -> ConsultationRound:
    # SECURITY: an unknown round, or one the user may not read, is a 404 either way.
    return get_visible_or_404(
        ConsultationRound.objects.select_related("process__group", "process__phenomenon", "document"),
        request.user,
        pk=cpk,
        process_id=pk,
    )


def render_detail(request, consultation, status: int = 200, comment_form=None, close_form=None):
    process: DevelopmentProcess = consultation.process
    can_manage = can_manage_consultations(request.user, process)
    may_comment = can_comment(request.user, consultation)
    context = {
        "process": process,
        "consultation": consultation,
        "is_open": consultation.is_open(),
        "groups": list(consultation.groups.order_by("name")),
        "comments": list(consultation.comments.select_related("author", "group")),
        "can_manage": can_manage,
        "can_comment": may_comment,
        "process_visible": DevelopmentProcess.objects.visible_to(request.user).filter(pk=process.pk).exists(),
    }
    if may_comment:
        context["comment_form"] = comment_form or CommentForm(
            groups=comment_groups(request.user, consultation)
        )
    if can_manage:
        context["answers"] = answer_table(consultation)
        if context["is_open"]:
            context["close_form"] = close_form or CloseConsultationForm()
    return render(request, "codevelopment/consultation_detail.html", context, status=status)


@login_required
@require_http_methods(["GET"])
@never_cache
def consultation_detail(request, pk: int, cpk: int):
    return render_detail(request, visible_round(request, pk, cpk))


@login_required
@require_POST
def consultation_comment(request, pk: int, cpk: int):
    consultation = visible_round(request, pk, cpk)
    if not can_comment(request.user, consultation):
        if consultation.is_open():
            raise PermissionDenied
        messages.error(request, _("The consultation round has closed."))
        return redirect(consultation_url(consultation))
    form = CommentForm(request.POST, groups=comment_groups(request.user, consultation))
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.consultation_comment(
                actor=request.user,
                consultation=consultation,
                text=form.cleaned_data["text"],
                group=form.cleaned_data["group"],
            ),
            form=form,
            success=_("Thank you, your comment was saved."),
        )
        if outcome.ok:
            return redirect(consultation_url(consultation))
        status = outcome.status
    return render_detail(request, consultation, status=status, comment_form=form)


@login_required
@require_POST
def consultation_close(request, pk: int, cpk: int):
    consultation = visible_round(request, pk, cpk)
    if not can_manage_consultations(request.user, consultation.process):
        raise PermissionDenied
    form = CloseConsultationForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.consultation_close(actor=request.user, consultation=consultation),
            success=_("The consultation round was closed."),
        )
        return redirect(consultation_url(consultation))
    return render_detail(request, consultation, status=400, close_form=form)
