"""Members and representatives: the list (everyone who sees the network), adding and editing (the
coordinator and facilitator), representatives and their invitations, the contact list as CSV and vCard, and
the invitation link's page."""

from __future__ import annotations

from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.audit import access_log_record
from core.csv import csv_response
from core.pages import attempt, render_page

from .. import permissions as perms
from ..forms import AcceptNewAccountForm, MemberForm, RepresentativeForm
from ..models import Member, Representative
from ..selectors import network as selectors
from ..services import members as services
from .common import base_context, network_for, page_of


def _manageable(request, slug):
    network = network_for(request, slug)
    if not perms.can_manage_network(request.user, network):
        raise PermissionDenied
    return network


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def member_list(request, slug: str):
    network = network_for(request, slug)
    can_manage = perms.can_manage_network(request.user, network)
    form = MemberForm() if can_manage else None
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = MemberForm(request.POST)
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.member_add(actor=request.user, network=network, **form.cleaned_data),
                form=form,
                success=_("The member was added."),
            )
            if outcome.ok:
                return redirect("influencernet:member_detail", slug=network.slug, pk=outcome.result.pk)
            status = outcome.status
        else:
            status = 400
    show_former = request.GET.get("former") == "1"
    qs = selectors.member_list(network, include_former=show_former)
    query = (request.GET.get("q") or "").strip()[:100]
    if query:
        qs = qs.filter(name__icontains=query)
    context = base_context(request, network, "members")
    context.update({"page": page_of(request, qs), "form": form, "query": query, "show_former": show_former})
    return render_page(request, "influencernet/member_list.html", context, partial="results", status=status)


def _member(network, pk):
    return get_object_or_404(Member.objects.select_related("organisation"), network=network, pk=pk)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def member_detail(request, slug: str, pk: int):
    network = network_for(request, slug)
    member = _member(network, pk)
    can_manage = perms.can_manage_network(request.user, network)
    status = 200
    form = None
    if can_manage:
        form = MemberForm(
            initial={
                "name": member.name,
                "kind": member.kind,
                "email": member.email,
                "phone": member.phone,
                "website": member.website,
                "description": member.description,
                "areas": list(member.areas.all()),
                "joined_on": member.joined_on,
            }
        )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        form = MemberForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("joined_on", None)
            outcome = attempt(
                request,
                lambda: services.member_update(actor=request.user, member=member, **data),
                form=form,
                success=_("The member's details were saved."),
            )
            if outcome.ok:
                return redirect("influencernet:member_detail", slug=network.slug, pk=member.pk)
            status = outcome.status
        else:
            status = 400
    context = base_context(request, network, "members")
    representatives = list(member.representatives.select_related("user").order_by("ended_on", "full_name"))
    for rep in representatives:
        rep.invitation_state = services.invitation_status(rep)
    context.update(
        {
            "member": member,
            "form": form,
            "rep_form": RepresentativeForm() if can_manage and member.is_current else None,
            "representatives": representatives
            if (can_manage or member in perms.represented_members(request.user, network))
            else [],
        }
    )
    return render_page(request, "influencernet/member_detail.html", context, status=status)


@login_required
@require_POST
def representative_add(request, slug: str, pk: int):
    network = _manageable(request, slug)
    member = _member(network, pk)
    form = RepresentativeForm(request.POST)
    if form.is_valid():
        outcome = attempt(
            request,
            lambda: services.representative_add(actor=request.user, member=member, **form.cleaned_data),
            form=form,
            success=_("The representative was added."),
        )
        if outcome.ok:
            return redirect("influencernet:member_detail", slug=network.slug, pk=member.pk)
        status = outcome.status
    else:
        status = 400
    context = base_context(request, network, "members")
    context.update({"member": member, "form": None, "rep_form": form, "representatives": []})
    return render_page(request, "influencernet/member_detail.html", context, status=status)


def _rep(network, member_pk, rep_pk):
    return get_object_or_404(
        Representative.objects.select_related("member__network"),
        member__network=network,
        member_id=member_pk,
        pk=rep_pk,
    )


@login_required
@require_POST
def representative_invite(request, slug: str, pk: int, rep_pk: int):
    network = _manageable(request, slug)
    rep = _rep(network, pk, rep_pk)
    attempt(
        request,
        lambda: services.representative_invite(actor=request.user, representative=rep),
        success=_("The invitation was sent."),
    )
    return redirect("influencernet:member_detail", slug=network.slug, pk=pk)


@login_required
@require_POST
def representative_end(request, slug: str, pk: int, rep_pk: int):
    network = _manageable(request, slug)
    rep = _rep(network, pk, rep_pk)
    attempt(
        request,
        lambda: services.representative_end(actor=request.user, representative=rep),
        success=_("The representative's role ended."),
    )
    return redirect("influencernet:member_detail", slug=network.slug, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def member_leave(request, slug: str, pk: int):
    network = _manageable(request, slug)
    member = _member(network, pk)
    error = None
    if request.method == "POST":
        if request.POST.get("confirm") != "1":
            error = _("Confirm that the member leaves the network.")
        else:
            outcome = attempt(
                request,
                lambda: services.member_leave(actor=request.user, member=member),
                success=_("The member left the network."),
            )
            if outcome.ok:
                return redirect("influencernet:member_list", slug=network.slug)
            error = outcome.error.message
    context = base_context(request, network, "members")
    context.update({"member": member, "error": error})
    return render_page(request, "influencernet/member_leave.html", context, status=400 if error else 200)


CONTACT_HEADER = [
    "member",
    "kind",
    "areas",
    "representative",
    "email",
    "phone",
    "joined",
]


@login_required
@require_GET
def contacts_csv(request, slug: str):
    network = network_for(request, slug)
    if not perms.can_export_contacts(request.user, network):
        raise PermissionDenied
    access_log_record(user=request.user, kind="export", obj=network, purpose="influencernet contact list")
    rows = []
    for member, rep, areas in selectors.contact_rows(network):
        rows.append(
            [
                member.name,
                member.get_kind_display(),
                areas,
                rep.full_name if rep else "",
                (rep.email if rep else member.email),
                (rep.phone if rep else member.phone),
                member.joined_on.strftime("%d.%m.%Y"),
            ]
        )
    header = [_("Member"), _("Kind"), _("Areas"), _("Representative"), _("Email"), _("Phone"), _("Joined")]
    return csv_response(f"{slugify(network.slug)}-contacts.csv", header, rows)


def _vcard_escape(value: str) -> str:
    return (
        (value or "")
        .replace("\\", "\\\\")
        .replace("\n", "\\n")
        .replace("\r", "")
        .replace(",", "\\,")
        .replace(";", "\\;")
    )


@login_required
@require_GET
def contacts_vcf(request, slug: str):
    """The representatives as vCard 3.0 (one card each), for phones and mail programs."""
    network = network_for(request, slug)
    if not perms.can_export_contacts(request.user, network):
        raise PermissionDenied
    access_log_record(user=request.user, kind="export", obj=network, purpose="influencernet contact list")
    cards = []
    for member, rep, _areas in selectors.contact_rows(network):
        if rep is None:
            continue
        parts = rep.full_name.rsplit(" ", 1)
        family, given = (parts[1], parts[0]) if len(parts) == 2 else (parts[0], "")
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{_vcard_escape(family)};{_vcard_escape(given)};;;",
            f"FN:{_vcard_escape(rep.full_name)}",
            f"ORG:{_vcard_escape(member.name)}",
            f"EMAIL;TYPE=INTERNET:{_vcard_escape(rep.email)}",
        ]
        if rep.phone:
            lines.append(f"TEL;TYPE=CELL:{_vcard_escape(rep.phone)}")
        lines.append(f"NOTE:{_vcard_escape(network.name)}")
        lines.append("END:VCARD")
        cards.append("\r\n".join(lines))
    response = HttpResponse("\r\n".join(cards) + "\r\n", content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(network.slug)}-contacts.vcf"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """Accepting a representative's invitation: a new limited account, or the signed-in account of the
    invited address."""
    try:
        rep = services.representative_for_token(token)
    except services.InvitationUnusable as exc:
        return render_page(
            request, "influencernet/invitation_invalid.html", {"error": exc.message}, status=404
        )
    network = rep.member.network
    has_account = get_user_model().objects.filter(email__iexact=rep.email).exists()
    context = {"rep": rep, "network": network, "has_account": has_account}
    user = request.user
    if has_account:
        if request.method == "POST":
            outcome = attempt(
                request,
                lambda: services.representative_accept_existing(token=token, user=user),
                success=_("You joined the influencer network."),
            )
            if outcome.ok:
                return redirect("influencernet:workspace", slug=network.slug)
            return render_page(
                request, "influencernet/invitation_accept.html", context, status=outcome.status
            )
        context["signed_in_as_invited"] = user.is_authenticated and user.email.lower() == rep.email.lower()
        return render_page(request, "influencernet/invitation_accept.html", context)
    status = 200
    if request.method == "POST":
        form = AcceptNewAccountForm(request.POST)
        if form.is_valid():
            outcome = attempt(
                request,
                lambda: services.representative_accept_new_account(
                    token=token,
                    full_name=form.cleaned_data["full_name"],
                    password=form.cleaned_data["password1"],
                ),
                form=form,
                success=_("Your account was made and you joined the influencer network."),
            )
            if outcome.ok:
                login(request, outcome.result, backend="django.contrib.auth.backends.ModelBackend")
                return redirect("influencernet:workspace", slug=network.slug)
            status = outcome.status
        else:
            status = 400
    else:
        form = AcceptNewAccountForm(initial={"full_name": rep.full_name})
    context["form"] = form
    return render_page(request, "influencernet/invitation_accept.html", context, status=status)
