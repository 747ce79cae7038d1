"""The developer group's workspace tools: meetings and memos, structured dialogues, documents, invitations
(with the invited person's accept page) and local sub-teams. Reads start from the processes the user may
see (others get a 404); every write goes through codevelopment.workspace."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.audit import access_log_record
from core.errors import DomainError
from familycentres.models import Group, Meeting, Membership

from . import workspace as tools
from .models import DevelopmentProcess, Document
from .permissions import can_coordinate_process, can_delete_document, can_edit_process, can_upload_document
from .views import _render_workspace, _visible
from .workspace_forms import (
    AcceptNewAccountForm,
    DialogueForm,
    DocumentForm,
    InvitationForm,
    MemoForm,
    PlanMeetingForm,
    SubteamForm,
    user_exists,
)

PAGE_SIZE = 20


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _can_edit(request, process) -> bool:
    return can_edit_process(request.user, process) and process.stage != DevelopmentProcess.Stage.CLOSED


def _editable(request, pk: int) -> DevelopmentProcess:
    process = _visible(request, pk)
    if not can_edit_process(request.user, process):
        raise PermissionDenied
    return process


def _context(request, process, **extra) -> dict:
    return {"process": process, "can_edit": _can_edit(request, process), **extra}


# Meetings ------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def meetings(request, pk: int):
    process = _visible(request, pk)
    can_edit = _can_edit(request, process)
    form = None
    status = 200
    if request.method == "POST":
        if not can_edit_process(request.user, process):
            raise PermissionDenied
        form = PlanMeetingForm(request.POST)
        if form.is_valid():
            try:
                meeting = tools.meeting_plan(actor=request.user, process=process, **form.cleaned_data)
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The meeting was planned. The members were invited."))
                return redirect("codevelopment:meeting_memo", pk=process.pk, meeting_pk=meeting.pk)
        status = 400
    elif can_edit:
        form = PlanMeetingForm()
    page = _page(request, Meeting.objects.filter(group=process.group).order_by("-starts_at", "-id"))
    context = _context(request, process, page=page, form=form)
    return render(request, "codevelopment/meetings.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def meeting_memo(request, pk: int, meeting_pk: int):
    process = _visible(request, pk)
    meeting = get_object_or_404(Meeting.objects.filter(group=process.group), pk=meeting_pk)
    can_edit = _can_edit(request, process) and meeting.status != Meeting.Status.CANCELLED
    status = 200
    form = None
    if request.method == "POST":
        if not can_edit_process(request.user, process):
            raise PermissionDenied
        form = MemoForm(request.POST)
        if form.is_valid():
            try:
                tools.meeting_memo_save(
                    actor=request.user, process=process, meeting=meeting, memo=form.cleaned_data["memo"]
                )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The memo was saved."))
                return redirect("codevelopment:meeting_memo", pk=process.pk, meeting_pk=meeting.pk)
        status = 400
    elif can_edit:
        form = MemoForm(initial={"memo": meeting.minutes})
    context = _context(request, process, meeting=meeting, form=form)
    return render(request, "codevelopment/meeting_memo.html", context, status=status)


# Structured dialogues ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def dialogues(request, pk: int):
    process = _visible(request, pk)
    can_edit = _can_edit(request, process)
    status = 200
    form = None
    if request.method == "POST":
        if not can_edit_process(request.user, process):
            raise PermissionDenied
        form = DialogueForm(request.POST)
        if form.is_valid():
            try:
                tools.dialogue_add(actor=request.user, process=process, **form.cleaned_data)
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The dialogue was recorded."))
                return redirect("codevelopment:dialogues", pk=process.pk)
        status = 400
    elif can_edit:
        form = DialogueForm(initial={"held_on": timezone.localdate()})
    page = _page(request, process.dialogues.order_by("-held_on", "-id"))
    context = _context(request, process, page=page, form=form)
    return render(request, "codevelopment/dialogues.html", context, status=status)


# Documents -----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def documents(request, pk: int):
    process = _visible(request, pk)
    can_upload = (
        can_upload_document(request.user, process) and process.stage != DevelopmentProcess.Stage.CLOSED
    )
    status = 200
    form = None
    if request.method == "POST":
        if not can_upload_document(request.user, process):
            raise PermissionDenied
        form = DocumentForm(request.POST, request.FILES)
        # SECURITY: the size is checked before anything is stored; the type by content in the service.
        upload = request.FILES.get("file")
        if upload is not None and upload.size > tools.document_max_bytes():
            form.is_valid()
            form.add_error(
                "file",
                _("The file is too large (at most %(mb)s MB).")
                % {"mb": f"{tools.document_max_bytes() / (1024 * 1024):.0f}"},
            )
        elif form.is_valid():
            try:
                tools.document_upload(
                    actor=request.user,
                    process=process,
                    title=form.cleaned_data["title"],
                    upload=form.cleaned_data["file"],
                )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The document was added."))
                return redirect("codevelopment:documents", pk=process.pk)
        status = 400
    elif can_upload:
        form = DocumentForm()
    page = _page(request, process.documents.select_related("created_by").order_by("-created_at", "-id"))
    for document in page.object_list:
        document.can_delete = can_delete_document(request.user, document)
    context = _context(
        request,
        process,
        page=page,
        form=form,
        accepted_types=tools.accepted_types_text(),
        max_mb=f"{tools.document_max_bytes() / (1024 * 1024):.0f}",
    )
    return render(request, "codevelopment/documents.html", context, status=status)


def _document(request, pk: int, document_pk: int) -> tuple[DevelopmentProcess, Document]:
    process = _visible(request, pk)
    document = get_object_or_404(process.documents.select_related("process__group"), pk=document_pk)
    return process, document


@login_required
@require_GET
@never_cache
def document_download(request, pk: int, document_pk: int):
    _process, document = _document(request, pk, document_pk)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    access_log_record(
        user=request.user, kind="read", obj=document, purpose="codevelopment: workspace document download"
    )
    response = FileResponse(
        handle, as_attachment=True, filename=document.original_name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def document_delete(request, pk: int, document_pk: int):
    process, document = _document(request, pk, document_pk)
    if not can_delete_document(request.user, document):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        try:
            tools.document_delete(actor=request.user, document=document)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The document was removed."))
            return redirect("codevelopment:documents", pk=process.pk)
    context = _context(request, process, document=document, error=error)
    return render(request, "codevelopment/document_delete.html", context, status=400 if error else 200)


# Invitations ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def invitations(request, pk: int):
    process = _editable(request, pk)
    status = 200
    if request.method == "POST":
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                tools.invitation_create(actor=request.user, process=process, **form.cleaned_data)
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, _("The invitation was sent."))
                return redirect("codevelopment:invitations", pk=process.pk)
        status = 400
    else:
        form = InvitationForm()
    now = timezone.now()
    page = _page(request, process.invitations.select_related("accepted_by").order_by("-created_at", "-id"))
    for invitation in page.object_list:
        invitation.status = tools.invitation_status(invitation, now)
    context = _context(request, process, page=page, form=form)
    return render(request, "codevelopment/invitations.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def invitation_revoke(request, pk: int, invitation_pk: int):
    process = _editable(request, pk)
    invitation = get_object_or_404(process.invitations, pk=invitation_pk)
    error = ""
    if request.method == "POST":
        try:
            tools.invitation_revoke(actor=request.user, invitation=invitation)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The invitation was revoked."))
            return redirect("codevelopment:invitations", pk=process.pk)
    context = _context(request, process, invitation=invitation, error=error)
    return render(request, "codevelopment/invitation_revoke.html", context, status=400 if error else 200)


@login_required
@require_POST
def invitation_resend(request, pk: int, invitation_pk: int):
    process = _editable(request, pk)
    invitation = get_object_or_404(process.invitations, pk=invitation_pk)
    try:
        tools.invitation_resend(actor=request.user, invitation=invitation)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The invitation was sent again with a new link."))
    return redirect("codevelopment:invitations", pk=process.pk)


def _invalid(request, exc: DomainError):
    status = 404 if exc.code == "unknown" else 410
    context = {"message": exc.message, "code": exc.code}
    return render(request, "codevelopment/invitation_invalid.html", context, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
def invitation_accept(request, token: str):
    """The invited person's page; anonymous visitors allowed (the token is the key)."""
    try:
        invitation = tools.invitation_for_token(token)
    except tools.InvitationUnusable as exc:
        return _invalid(request, exc)
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
            try:
                tools.invitation_accept_existing(token=token, user=user)
            except tools.InvitationUnusable as exc:
                return _invalid(request, exc)
            except DomainError as exc:
                context["error"] = exc.message
                return render(request, "codevelopment/invitation_accept.html", context, status=400)
            messages.success(request, _("Welcome to the developer group."))
            return redirect(process)
        context["login_url"] = f"{reverse('account_login')}?next={request.path}"
        return render(request, "codevelopment/invitation_accept.html", context)
    if invitation.role != Membership.Role.CLIENT_REPRESENTATIVE:
        return _invalid(
            request,
            tools.InvitationUnusable(
                _("This invitation needs an existing account. Ask the coordinator."), code="needs_account"
            ),
        )
    status = 200
    if request.method == "POST":
        form = AcceptNewAccountForm(request.POST, email=invitation.email)
        if form.is_valid():
            try:
                new_user = tools.invitation_accept_new_account(
                    token=token,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                )
            except tools.InvitationUnusable as exc:
                return _invalid(request, exc)
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("Your account was created. Welcome to the developer group."))
                return redirect(process)
        status = 400
    else:
        form = AcceptNewAccountForm(initial={"full_name": invitation.full_name}, email=invitation.email)
    context["form"] = form
    return render(request, "codevelopment/invitation_accept.html", context, status=status)


# Learning network sub-teams ------------------------------------------------------------------------------


def subteam_context(user, process, form=None) -> dict:
    """The sub-teams on the overview, and the form for the coordinator."""
    if not process.is_learning_network:
        return {}
    subteams = list(
        Group.objects.visible_to(user)
        .filter(parent=process.group, kind=Group.Kind.WORKING_GROUP)
        .select_related("family_centre")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__ended_on__isnull=True), distinct=True)
        )
        .order_by("name", "id")
    )
    context = {"subteams": subteams, "show_subteams": True}
    if can_coordinate_process(user, process) and process.stage != DevelopmentProcess.Stage.CLOSED:
        context["subteam_form"] = form or SubteamForm()
    return context


@login_required
@require_POST
def subteam_add(request, pk: int):
    process = _visible(request, pk)
    if not can_coordinate_process(request.user, process):
        raise PermissionDenied
    form = SubteamForm(request.POST)
    if form.is_valid():
        try:
            tools.subteam_add(actor=request.user, process=process, **form.cleaned_data)
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("The local sub-team was added."))
            return redirect(process)
    return _render_workspace(request, process, status=400, subteam_form=form)
