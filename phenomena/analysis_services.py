"""Writes of a phenomenon's analysis by its named analyser: telling the analyser they were named, writing
the analysis, inviting the people the analysis needs ("kutsutaan analyysiin tarvittavat tahot mukaan") and
the discussion with them. Every write is audited on the phenomenon; notifications are sent once each."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.services import notification_send
from core.text import clean_input
from familycentres.models import Membership
from familycentres.roles import is_limited_account

from .models import AnalysisContributor, Phenomenon, PhenomenonComment
from .permissions import can_comment_analysis, can_invite_contributors, can_write_analysis

ANALYSIS_FIELDS = (
    "further_information",
    "analysis_understanding",
    "analysis_root_causes",
    "analysis_open_questions",
)
MAX_CONTRIBUTORS_AT_ONCE = 50


def analyser_people(phenomenon: Phenomenon) -> list:
    """The named analyser: the person, or the current members of the named group (not client
    representatives, whose accounts see no phenomena)."""
    if phenomenon.analyser_kind == Phenomenon.AnalyserKind.PERSON and phenomenon.analyser_user_id:
        return [phenomenon.analyser_user]
    if phenomenon.analyser_group_id and phenomenon.analyser_kind in (
        Phenomenon.AnalyserKind.TEAM,
        Phenomenon.AnalyserKind.STEERING_GROUP,
    ):
        user_ids = (
            Membership.objects.current()
            .filter(group_id=phenomenon.analyser_group_id)
            .exclude(role=Membership.Role.CLIENT_REPRESENTATIVE)
            .values("user_id")
        )
        return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True))
    return []


def analyser_named(*, actor, phenomenon: Phenomenon, before: tuple | None = None) -> None:
    """Tells the analyser they were named, when the phenomenon is opened or its analyser changes
    (`before` is the earlier (kind, user id, group id)). Called inside the caller's transaction."""
    now = (phenomenon.analyser_kind, phenomenon.analyser_user_id, phenomenon.analyser_group_id)
    if before == now:
        return
    people = analyser_people(phenomenon)
    if not people:
        return
    target = (
        f"u{phenomenon.analyser_user_id}"
        if phenomenon.analyser_kind == "person"
        else f"g{phenomenon.analyser_group_id}"
    )
    audit_record(
        actor=actor,
        action="phenomenon.analyser_named",
        obj=phenomenon,
        before=None if before is None else {"analyser": list(before)},
        after={"analyser": list(now), "notified": sorted(u.pk for u in people)},
    )
    title = phenomenon.title
    group_name = phenomenon.analyser_group.name if phenomenon.analyser_group_id else ""
    notification_send(
        actor=actor,
        recipients=people,
        verb="phenomenon.analyser_named",
        text=lambda: (
            _("%(group)s was named to analyse the phenomenon “%(title)s”.")
            % {"group": group_name, "title": title}
            if group_name and phenomenon.analyser_kind != "person"
            else _("You were named to analyse the phenomenon “%(title)s”.") % {"title": title}
        ),
        url=phenomenon.get_absolute_url(),
        key=f"phenomenon.analyser:{phenomenon.pk}:{target}",
    )


def _locked_for_analysis(actor, phenomenon: Phenomenon) -> Phenomenon:
    phenomenon = Phenomenon.objects.select_for_update().get(pk=phenomenon.pk)
    if not can_write_analysis(actor, phenomenon):
        raise PermissionDenied
    if phenomenon.status == Phenomenon.Status.CLOSED:
        raise ConflictError(_("A closed phenomenon cannot be changed."), code="closed")
    return phenomenon


@transaction.atomic
def phenomenon_analysis_write(*, actor, phenomenon: Phenomenon, **fields) -> Phenomenon:
    """The analysis fields only: the named analyser writes the analysis, not the phenomenon's title,
    description or analyser."""
    phenomenon = _locked_for_analysis(actor, phenomenon)
    unknown = set(fields) - set(ANALYSIS_FIELDS)
    if unknown:
        raise DomainError(f"unknown field {sorted(unknown)[0]}", code="unknown_field")
    before = {f: getattr(phenomenon, f) for f in ANALYSIS_FIELDS}
    for name, value in fields.items():
        setattr(phenomenon, name, clean_input(value, limit=20_000))
    phenomenon.save(update_fields=[*fields, "updated_at"])
    audit_record(
        actor=actor,
        action="phenomenon.analysis_write",
        obj=phenomenon,
        before=before,
        after={f: getattr(phenomenon, f) for f in ANALYSIS_FIELDS},
    )
    return phenomenon


@transaction.atomic
def analysis_contributors_invite(*, actor, phenomenon: Phenomenon, user_ids) -> list[AnalysisContributor]:
    """Invites chosen people of the network to the analysis. Each is told once; someone invited before is
    left as they are."""
    phenomenon = _locked_for_analysis(actor, phenomenon)
    if not can_invite_contributors(actor, phenomenon):
        raise PermissionDenied
    try:
        ids = sorted({int(i) for i in user_ids})
    except (TypeError, ValueError):
        raise DomainError(_("Choose the people to invite."), code="contributors_invalid") from None
    if not ids:
        raise DomainError(_("Choose the people to invite."), code="contributors_required")
    if len(ids) > MAX_CONTRIBUTORS_AT_ONCE:
        raise DomainError(_("Invite at most 50 people at a time."), code="contributors_too_many")
    users = list(get_user_model().objects.filter(pk__in=ids, is_active=True))
    # SECURITY: only professionals of the network: a limited (client representative) account or an account
    # without any membership would open the phenomenon's observations to someone outside the network.
    network = set(Membership.objects.current().filter(user_id__in=ids).values_list("user_id", flat=True))
    users = [u for u in users if u.pk in network and not is_limited_account(u)]
    if len(users) != len(ids):
        raise DomainError(
            _("Only professionals of the network can be invited to the analysis."),
            code="contributors_invalid",
        )
    existing = set(phenomenon.contributors.values_list("user_id", flat=True))
    new = [
        AnalysisContributor.objects.create(phenomenon=phenomenon, user=u, invited_by=actor)
        for u in users
        if u.pk not in existing
    ]
    if not new:
        raise DomainError(_("They have already been invited."), code="contributors_already")
    audit_record(
        actor=actor,
        action="phenomenon.contributors_invite",
        obj=phenomenon,
        after={"invited": [c.user_id for c in new]},
    )
    title = phenomenon.title
    for contributor in new:
        notification_send(
            actor=actor,
            recipients=[contributor.user],
            verb="phenomenon.contributor_invited",
            text=lambda: (
                _("You were invited to take part in the analysis of the phenomenon “%(title)s”.")
                % {"title": title}
            ),
            url=phenomenon.get_absolute_url() + "#analysis-discussion",
            key=f"phenomenon.contributor:{phenomenon.pk}:{contributor.user_id}",
        )
    return new


@transaction.atomic
def phenomenon_comment_add(*, actor, phenomenon: Phenomenon, text: str) -> PhenomenonComment:
    phenomenon = Phenomenon.objects.select_for_update().get(pk=phenomenon.pk)
    if not can_comment_analysis(actor, phenomenon):
        raise PermissionDenied
    text = clean_input(text, limit=5_000)
    if not text:
        raise DomainError(_("Write a comment."), code="text_required")
    comment = PhenomenonComment.objects.create(phenomenon=phenomenon, text=text, created_by=actor)
    audit_record(actor=actor, action="phenomenon.comment_add", obj=phenomenon, after={"comment": comment.pk})
    return comment


def contributor_candidates(phenomenon: Phenomenon):
    """People who may be invited: active professionals with a current membership, not yet invited."""
    User = get_user_model()
    professionals = (
        Membership.objects.current().exclude(role=Membership.Role.CLIENT_REPRESENTATIVE).values("user_id")
    )
    return (
        User.objects.filter(pk__in=professionals, is_active=True)
        .exclude(pk__in=phenomenon.contributors.values("user_id"))
        .order_by("full_name", "pk")
    )
