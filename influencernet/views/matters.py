"""Matters for comment: the list, bringing a matter, one matter (the members' statement forms, the answer
table and statements for those who handle it, the response and closing), and the summary as a PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.pages import attempt, private_file_download, render_page
from core.pdf import pdf_response

from .. import permissions as perms
from ..forms import MatterDocumentForm, MatterForm, ResponseForm, StatementForm
from ..models import Matter, MatterDocument, Member, Statement
from ..selectors import network as selectors
from ..services import matters as services
from .common import base_context, network_for, page_of


@login_required
@never_cache
@require_GET
def matter_list(request, slug: str):
    network = network_for(request, slug)
    qs = selectors.matter_list(network)
    status_filter = request.GET.get("status", "")
    if status_filter in Matter.Status.values:
        qs = qs.filter(status=status_filter)
    context = base_context(request, network, "matters")
    context.update(
        {
            "page": page_of(request, qs),
            "status_filter": status_filter,
            "statuses": Matter.Status.choices,
            "now": timezone.now(),
        }
    )
    return render_page(request, "influencernet/matter_list.html", context, partial="results")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def matter_new(request, slug: str):
    network = network_for(request, slug)
    if not perms.can_bring_matter(request.user, network):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = MatterForm(request.POST, network=network)
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.matter_create(actor=request.user, network=network, **form.cleaned_data),
                form=form,
                success=_("The matter was sent to the members."),
            )
            if outcome.ok:
                return redirect(outcome.result.get_absolute_url())
            status = outcome.status
        else:
            status = 400
    else:
        form = MatterForm(network=network)
    context = base_context(request, network, "matters")
    context["form"] = form
    return render_page(request, "influencernet/matter_form.html", context, status=status)


def _matter(request, slug, pk) -> Matter:
    network = network_for(request, slug)
    return get_object_or_404(
        Matter.objects.select_related("family_centre", "network__group"), network=network, pk=pk
    )


def _statement_forms(request, matter: Matter, bound: dict | None = None):
    """One form per member the user represents and that is asked: (member, statement, form, can_answer)."""
    out = []
    asked = set(matter.asked_members.values_list("pk", flat=True))
    for member in perms.represented_members(request.user, matter.network).order_by("name"):
        if member.pk not in asked:
            continue
        statement = matter.statements.filter(member=member).prefetch_related("versions").first()
        if bound and bound.get("member") == member.pk:
            form = bound["form"]
        else:
            initial = {"text": statement.text, "is_public": statement.is_public} if statement else {}
            form = StatementForm(initial=initial)
        out.append((member, statement, form, perms.can_answer_matter(request.user, matter, member)))
    return out


def _detail_context(request, matter: Matter, *, bound=None, response_form=None, document_form=None) -> dict:
    user = request.user
    can_handle = perms.can_handle_matter(user, matter)
    summary_ready = matter.status != Matter.Status.OPEN or matter.deadline_passed
    context = base_context(request, matter.network, "matters")
    context.update(
        {
            "matter": matter,
            "statement_forms": _statement_forms(request, matter, bound),
            "can_handle": can_handle,
            "answers": selectors.matter_answer_table(matter) if can_handle else [],
            "statements": (
                selectors.matter_statements(matter).exclude(status=Statement.Status.DRAFT)
                if can_handle and summary_ready
                else []
            ),
            "summary_ready": summary_ready,
            "response_form": response_form
            or (ResponseForm() if can_handle and matter.status == Matter.Status.OPEN else None),
            "can_close": perms.can_close_matter(user, matter),
            "deliveries": matter.deliveries.select_related("member") if can_handle else [],
            "documents": matter.documents.all(),
            "document_form": document_form
            or (MatterDocumentForm() if can_handle and matter.status != Matter.Status.CLOSED else None),
        }
    )
    return context


@login_required
@never_cache
@require_GET
def matter_detail(request, slug: str, pk: int):
    matter = _matter(request, slug, pk)
    return render_page(request, "influencernet/matter_detail.html", _detail_context(request, matter))


@login_required
@require_POST
def statement_save(request, slug: str, pk: int):
    matter = _matter(request, slug, pk)
    try:
        member = Member.objects.get(network=matter.network, pk=int(request.POST.get("member", "")))
    except (ValueError, Member.DoesNotExist):
        raise Http404 from None
    if not perms.represented_members(request.user, matter.network).filter(pk=member.pk).exists():
        raise PermissionDenied
    action = request.POST.get("action", "send")
    if action == "decline":
        outcome = attempt(
            request,
            lambda: services.statement_decline(actor=request.user, matter=matter, member=member),
            success=_("You told that the member will not answer."),
        )
        if outcome.ok:
            return redirect(matter.get_absolute_url())
        return render_page(
            request,
            "influencernet/matter_detail.html",
            _detail_context(request, matter),
            status=outcome.status,
        )
    form = StatementForm(request.POST)
    status = 400
    if form.is_valid():
        send = action != "draft"
        outcome = attempt(
            request,
            lambda: services.statement_save(
                actor=request.user, matter=matter, member=member, send=send, **form.cleaned_data
            ),
            form=form,
            success=_("The statement was sent.") if send else _("The draft was saved."),
        )
        if outcome.ok:
            return redirect(matter.get_absolute_url())
        status = outcome.status
    context = _detail_context(request, matter, bound={"member": member.pk, "form": form})
    return render_page(request, "influencernet/matter_detail.html", context, status=status)


@login_required
@require_POST
def matter_respond(request, slug: str, pk: int):
    matter = _matter(request, slug, pk)
    if not perms.can_handle_matter(request.user, matter):
        raise PermissionDenied
    form = ResponseForm(request.POST)
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.matter_respond(
                actor=request.user, matter=matter, response=form.cleaned_data["response"]
            ),
            form=form,
            success=_("The response was saved and sent to every member that answered."),
        )
        if outcome.ok:
            return redirect(matter.get_absolute_url())
        status = outcome.status
    context = _detail_context(request, matter, response_form=form)
    return render_page(request, "influencernet/matter_detail.html", context, status=status)


@login_required
@require_POST
def matter_close(request, slug: str, pk: int):
    matter = _matter(request, slug, pk)
    if not perms.can_handle_matter(request.user, matter):
        raise PermissionDenied
    outcome = attempt(
        request,
        lambda: services.matter_close(actor=request.user, matter=matter),
        success=_("The matter was closed."),
    )
    if outcome.ok:
        return redirect(matter.get_absolute_url())
    return render_page(
        request, "influencernet/matter_detail.html", _detail_context(request, matter), status=outcome.status
    )


@login_required
@require_GET
def matter_summary_pdf(request, slug: str, pk: int):
    matter = _matter(request, slug, pk)
    if not perms.can_handle_matter(request.user, matter):
        raise PermissionDenied
    context = {
        "matter": matter,
        "answers": selectors.matter_answer_table(matter),
        "statements": selectors.matter_statements(matter).exclude(status=Statement.Status.DRAFT),
        "generated": timezone.now(),
    }
    return pdf_response("influencernet/matter_summary_pdf.html", context, f"matter-{matter.pk}.pdf", request)


@login_required
@require_POST
def matter_document_add(request, slug: str, pk: int):
    matter = _matter(request, slug, pk)
    if not perms.can_handle_matter(request.user, matter):
        raise PermissionDenied
    form = MatterDocumentForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.matter_document_add(
                actor=request.user,
                matter=matter,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            ),
            form=form,
            success=_("The document was added."),
        )
        if outcome.ok:
            return redirect(matter.get_absolute_url())
        status = outcome.status
    context = _detail_context(request, matter, document_form=form)
    return render_page(request, "influencernet/matter_detail.html", context, status=status)


@login_required
@require_GET
def matter_document_download(request, slug: str, pk: int, document_pk: int):
    """Everyone who sees the matter in the network reads its background documents; each read is logged."""
    return private_file_download(
        request,
        lambda user: get_object_or_404(MatterDocument, matter=_matter(request, slug, pk), pk=document_pk),
        purpose="influencernet: matter document",
    )
