"""Consultation round pages: the rounds of a workspace with the form to open one, and one round with its
draft, comments, the comment form and (for the coordinator and facilitator) who has answered."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import DomainError
from familycentres.models import Group, Membership

from . import consultations
from .models import ConsultationRound, DevelopmentProcess
from .outreach_forms import CloseConsultationForm, CommentForm, ConsultationForm
from .views import _visible


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def consultation_list(request, pk: int):
    process = _visible(request, pk)
    can_manage = consultations.can_manage(request.user, process)
    form = None
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = ConsultationForm(request.POST, user=request.user, process=process)
        if form.is_valid():
            data = form.cleaned_data
            try:
                made = consultations.consultation_create(
                    actor=request.user,
                    process=process,
                    title=data["title"],
                    draft=data["draft"],
                    groups=data["groups"],
                    deadline=data["deadline"],
                    reminder_hours=data["reminder_hours"],
                    document=data["document"],
                )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The consultation round was opened and the groups were told."))
                return redirect(consultations.consultation_url(made))
        status = 400
    elif can_manage:
        form = ConsultationForm(user=request.user, process=process)
    context = {
        "process": process,
        "rounds": list(consultations.consultation_list(process)),
        "form": form,
        "can_manage": can_manage,
        "now": timezone.now(),
    }
    return render(request, "codevelopment/consultations.html", context, status=status)


def _round(request, pk: int, cpk: int) -> ConsultationRound:
    consultation = (
        ConsultationRound.objects.select_related("process__group", "process__phenomenon", "document")
        .filter(pk=cpk, process_id=pk)
        .first()
    )
    # SECURITY: an unknown round, or one the user may not read, is a 404 either way.
    if consultation is None or not consultations.can_view_consultation(request.user, consultation):
        raise Http404
    return consultation


def _comment_groups(user, consultation: ConsultationRound):
    return Group.objects.filter(
        pk__in=Membership.objects.current()
        .filter(user=user)
        .filter(group__in=[*consultation.groups.values_list("pk", flat=True), consultation.process.group_id])
        .values("group_id")
    ).order_by("name")


def _render_detail(request, consultation, status: int = 200, comment_form=None, close_form=None):
    process: DevelopmentProcess = consultation.process
    can_manage = consultations.can_manage(request.user, process)
    can_comment = consultations.can_comment(request.user, consultation)
    context = {
        "process": process,
        "consultation": consultation,
        "is_open": consultations.is_open(consultation),
        "groups": list(consultation.groups.order_by("name")),
        "comments": list(consultation.comments.select_related("author", "group")),
        "can_manage": can_manage,
        "can_comment": can_comment,
        "process_visible": DevelopmentProcess.objects.visible_to(request.user).filter(pk=process.pk).exists(),
    }
    if can_comment:
        context["comment_form"] = comment_form or CommentForm(
            groups=_comment_groups(request.user, consultation)
        )
    if can_manage:
        context["answers"] = consultations.answer_table(consultation)
        if context["is_open"]:
            context["close_form"] = close_form or CloseConsultationForm()
    return render(request, "codevelopment/consultation_detail.html", context, status=status)


@login_required
@require_http_methods(["GET"])
@never_cache
def consultation_detail(request, pk: int, cpk: int):
    return _render_detail(request, _round(request, pk, cpk))


@login_required
@require_POST
def consultation_comment(request, pk: int, cpk: int):
    consultation = _round(request, pk, cpk)
    if not consultations.can_comment(request.user, consultation):
        if consultations.is_open(consultation):
            raise PermissionDenied
        messages.error(request, _("The consultation round has closed."))
        return redirect(consultations.consultation_url(consultation))
    form = CommentForm(request.POST, groups=_comment_groups(request.user, consultation))
    if form.is_valid():
        try:
            consultations.consultation_comment(
                actor=request.user,
                consultation=consultation,
                text=form.cleaned_data["text"],
                group=form.cleaned_data["group"],
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Thank you, your comment was saved."))
            return redirect(consultations.consultation_url(consultation))
    return _render_detail(request, consultation, status=400, comment_form=form)


@login_required
@require_POST
def consultation_close(request, pk: int, cpk: int):
    consultation = _round(request, pk, cpk)
    if not consultations.can_manage(request.user, consultation.process):
        raise PermissionDenied
    form = CloseConsultationForm(request.POST)
    if form.is_valid():
        try:
            consultations.consultation_close(actor=request.user, consultation=consultation)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The consultation round was closed."))
        return redirect(consultations.consultation_url(consultation))
    return _render_detail(request, consultation, status=400, close_form=form)
