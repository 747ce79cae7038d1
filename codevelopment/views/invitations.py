"""Invitations: the coordinator's list with the invite form, sending again and revoking, and the invited
person's accept page (anonymous visitors allowed: the link's token is the key)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.pages import attempt, get_visible_or_404
from familycentres.models import Membership

from .. import services
from ..forms.invitations import AcceptNewAccountForm, InvitationForm, user_exists
from ..models import Invitation
from ..permissions import can_edit_open_process
from ..selectors.invitations import (
    InvitationUnusable,
    invitation_for_token,
    invitation_page,
    invitation_status,
)
from .common import editable_process, page_of


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def invitations(request, pk: int):
    process = editable_process(request, pk)
    status = 200
    if request.method == "POST":
        form = InvitationForm(request.POST)
        status = 400
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.invitation_create(actor=request.user, process=process, **form.cleaned_data),
                form=form,
                success=_("The invitation was sent."),
            )
            if outcome.ok:
                return redirect("codevelopment:invitations", pk=process.pk)
            status = outcome.status
    else:
        form = InvitationForm()
    now = timezone.now()
    page = page_of(request, invitation_page(process))
    for invitation in page.object_list:
        invitation.status = invitation_status(invitation, now)
    context = {
        "process": process,
        "can_edit": can_edit_open_process(request.user, process),
        "page": page,
        "form": form,
    }
    return render(request, "codevelopment/invitations.html", context, status=status)


def process_invitation(request, process, invitation_pk: int) -> Invitation:
    return get_visible_or_404(Invitation.objects.filter(process=process), request.user, pk=invitation_pk)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def invitation_revoke(request, pk: int, invitation_pk: int):
    process = editable_process(request, pk)
    invitation = process_invitation(request, process, invitation_pk)
    status = 200
    if request.method == "POST":
        outcome = attempt(
            request,
            lambda: services.invitation_revoke(actor=request.user, invitation=invitation),
            success=_("The invitation was revoked."),
        )
        if outcome.ok:
            return redirect("codevelopment:invitations", pk=process.pk)
        status = outcome.status
    context = {
        "process": process,
        "can_edit": can_edit_open_process(request.user, process),
        "invitation": invitation,
    }
    return render(request, "codevelopment/invitation_revoke.html", context, status=status)


@login_required
@require_POST
def invitation_resend(request, pk: int, invitation_pk: int):
    process = editable_process(request, pk)
    invitation = process_invitation(request, process, invitation_pk)
    attempt(
        request,
        lambda: services.invitation_resend(actor=request.user, invitation=invitation),
        success=_("The invitation was sent again with a new link."),
    )
    return redirect("codevelopment:invitations", pk=process.pk)


def unusable_page(request, exc: InvitationUnusable):
    status = 404 if exc.code == "unknown" else 410
    context = {"message": exc.message, "code": exc.code}
    return render(request, "codevelopment/invitation_invalid.html", context, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
def invitation_accept(request, token: str):
    """The invited person's page; anonymous visitors allowed (the token is the key)."""
    try:
        invitation = invitation_for_token(token)
    except InvitationUnusable as exc:
        return unusable_page(request, exc)
    process = invitation.process
    has_account = user_exists(invitation.email)
    context = {"invitation": invitation, "group": process.group, "has_account": has_account}
    user = request.user
    if has_account:
        signed_in_as_invited = user.is_authenticated and user.email.lower() == invitation.email.lower()
        context["signed_in_as_invited"] = signed_in_as_invited
        if request.method == "POST":
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            outcome = attempt(
                request,
                lambda: services.invitation_accept_existing(token=token, user=user),
                success=_("Welcome to the developer group."),
            )
            if outcome.ok:
                return redirect(process)
            if isinstance(outcome.error, InvitationUnusable):
                return unusable_page(request, outcome.error)
            return render(request, "codevelopment/invitation_accept.html", context, status=outcome.status)
        context["login_url"] = f"{reverse('account_login')}?next={request.path}"
        return render(request, "codevelopment/invitation_accept.html", context)
    if invitation.role != Membership.Role.CLIENT_REPRESENTATIVE:
        return unusable_page(
            request,
            InvitationUnusable(
                _("This invitation needs an existing account. Ask the coordinator."), code="needs_account"
            ),
        )
    status = 200
    if request.method == "POST":
        form = AcceptNewAccountForm(request.POST, email=invitation.email)
        status = 400
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.invitation_accept_new_account(
                    token=token,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                ),
                form=form,
            )
            if outcome.ok:
                login(request, outcome.result, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("Your account was created. Welcome to the developer group."))
                return redirect(process)
            if isinstance(outcome.error, InvitationUnusable):
                return unusable_page(request, outcome.error)
            status = outcome.status
    else:
        form = AcceptNewAccountForm(initial={"full_name": invitation.full_name}, email=invitation.email)
    context["form"] = form
    return render(request, "codevelopment/invitation_accept.html", context, status=status)
