"""Writes for phenomena, initiatives and decisions; every state change is locked, checked and audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.pii import KIND_LABELS, personal_data_kinds
from core.services import notification_send
from core.text import clean_input
from core.transitions import transition
from familycentres.models import AgendaItem, Group, Meeting, Membership
from familycentres.services import meeting_check_started
from observations.models import Observation
from observations.services import family_status_changed, refuse_held

from .analysis_services import analyser_named
from .models import (
    OTHER_BODY_KINDS,
    AgendaEntry,
    Decision,
    ForwardingRoute,
    Initiative,
    LocalActionReport,
    OtherBodyDecision,
    Phenomenon,
    PhenomenonObservation,
    Responsibility,
)
from .permissions import (
    can_create_phenomenon,
    can_decide,
    can_edit_phenomenon,
    can_manage_routes,
    can_put_on_agenda,
    can_raise_from_team,
    can_record_other_decision,
    can_report_local_action,
)
from .signals import decision_recorded

# The decisions a steering group can make on a developer group's proposal to implement.
IMPLEMENTATION_KINDS = (
    Decision.Kind.APPROVE_IMPLEMENTATION,
    Decision.Kind.REJECT,
    Decision.Kind.INFORMATION,
)

TEXT_FIELDS = [
    "title",
    "description",
    "kind",
    "scale",
    "analyser_kind",
    "analyser_other",
    "further_information",
    "analysis_understanding",
    "analysis_root_causes",
    "analysis_open_questions",
]


def _clean(value: str, limit: int = 20_000) -> str:
    return clean_input(value, limit=limit)


def _visible_observations(actor, ids) -> list[Observation]:
    ids = {int(i) for i in ids}
    found = list(
        Observation.objects.visible_to(actor).filter(pk__in=ids).exclude(status=Observation.Status.MERGED)
    )
    if len(found) != len(ids):
        raise DomainError(_("Some of the chosen observations were not found."), code="unknown_observations")
    for observation in found:
        refuse_held(observation, code="observation_held")
    return found


@transaction.atomic
def phenomenon_create(
    *,
    actor,
    title: str,
    description: str,
    kind: str,
    scale: str,
    analyser_kind: str,
    area=None,
    family_centre=None,
    analyser_user=None,
    analyser_group=None,
    analyser_other: str = "",
    further_information: str = "",
    observation_ids=(),
) -> Phenomenon:
    if not can_create_phenomenon(actor):
        raise PermissionDenied
    title = _clean(title, 200)
    if not title:
        raise DomainError(_("Give the phenomenon a title."), code="title_required")
    observations = _visible_observations(actor, observation_ids)
    if family_centre is None and observations:
        centres = {o.family_centre_id for o in observations}
        family_centre = observations[0].family_centre if len(centres) == 1 else None
    phenomenon = Phenomenon.objects.create(
        title=title,
        description=_clean(description),
        kind=kind,
        scale=scale,
        area=area,
        family_centre=family_centre,
        analyser_kind=analyser_kind,
        analyser_user=analyser_user,
        analyser_group=analyser_group,
        analyser_other=_clean(analyser_other, 200),
        further_information=_clean(further_information),
        created_by=actor,
    )
    PhenomenonObservation.objects.bulk_create(
        [PhenomenonObservation(phenomenon=phenomenon, observation=o, added_by=actor) for o in observations]
    )
    audit_record(
        actor=actor,
        action="phenomenon.create",
        obj=phenomenon,
        after={"title": title, "observations": sorted(o.pk for o in observations)},
    )
    analyser_named(actor=actor, phenomenon=phenomenon)
    return phenomenon


def _locked(actor, phenomenon: Phenomenon) -> Phenomenon:
    phenomenon = Phenomenon.objects.select_for_update().get(pk=phenomenon.pk)
    if not can_edit_phenomenon(actor, phenomenon):
        raise PermissionDenied
    return phenomenon


@transaction.atomic
def phenomenon_update(*, actor, phenomenon: Phenomenon, **fields) -> Phenomenon:
    phenomenon = _locked(actor, phenomenon)
    if phenomenon.status == Phenomenon.Status.CLOSED:
        raise ConflictError(_("A closed phenomenon cannot be changed."), code="closed")
    before = {f: getattr(phenomenon, f) for f in TEXT_FIELDS}
    analyser_before = (phenomenon.analyser_kind, phenomenon.analyser_user_id, phenomenon.analyser_group_id)
    for name, value in fields.items():
        if name in TEXT_FIELDS:
            value = _clean(value, 200 if name == "title" else 20_000)
        if name not in TEXT_FIELDS + ["area", "family_centre", "analyser_user", "analyser_group"]:
            raise DomainError(f"unknown field {name}", code="unknown_field")
        setattr(phenomenon, name, value)
    if not phenomenon.title:
        raise DomainError(_("Give the phenomenon a title."), code="title_required")
    phenomenon.save()
    audit_record(
        actor=actor,
        action="phenomenon.update",
        obj=phenomenon,
        before=before,
        after={f: getattr(phenomenon, f) for f in TEXT_FIELDS},
    )
    analyser_named(actor=actor, phenomenon=phenomenon, before=analyser_before)
    return phenomenon


@transaction.atomic
def phenomenon_observations_add(*, actor, phenomenon: Phenomenon, observation_ids) -> Phenomenon:
    phenomenon = _locked(actor, phenomenon)
    observations = _visible_observations(actor, observation_ids)
    existing = set(phenomenon.links.values_list("observation_id", flat=True))
    new = [o for o in observations if o.pk not in existing]
    PhenomenonObservation.objects.bulk_create(
        [PhenomenonObservation(phenomenon=phenomenon, observation=o, added_by=actor) for o in new]
    )
    audit_record(
        actor=actor,
        action="phenomenon.observations_add",
        obj=phenomenon,
        after={"added": sorted(o.pk for o in new)},
    )
    return phenomenon


@transaction.atomic
def phenomenon_observations_remove(*, actor, phenomenon: Phenomenon, observation_ids) -> Phenomenon:
    phenomenon = _locked(actor, phenomenon)
    ids = sorted({int(i) for i in observation_ids})
    deleted, _n = PhenomenonObservation.objects.filter(phenomenon=phenomenon, observation_id__in=ids).delete()
    audit_record(
        actor=actor,
        action="phenomenon.observations_remove",
        obj=phenomenon,
        after={"removed": ids, "count": deleted},
    )
    return phenomenon


@transaction.atomic
def phenomenon_start_analysis(*, actor, phenomenon: Phenomenon) -> Phenomenon:
    return transition(
        _locked(actor, phenomenon),
        actor=actor,
        to=Phenomenon.Status.UNDER_ANALYSIS,
        allowed_from=[Phenomenon.Status.DRAFT],
        action="phenomenon.start_analysis",
        message=_("Only a draft can be taken under analysis."),
        code="not_draft",
    )


@transaction.atomic
def phenomenon_close(*, actor, phenomenon: Phenomenon, reason: str) -> Phenomenon:
    phenomenon = _locked(actor, phenomenon)
    reason = _clean(reason, 500)
    if not reason:
        raise DomainError(_("Give a reason for closing."), code="reason_required")
    if phenomenon.status not in (Phenomenon.Status.DRAFT, Phenomenon.Status.UNDER_ANALYSIS):
        raise ConflictError(
            _("This phenomenon can no longer be closed without an initiative."), code="not_open"
        )
    before = {"status": phenomenon.status}
    phenomenon.status = Phenomenon.Status.CLOSED
    phenomenon.close_reason = reason
    phenomenon.save(update_fields=["status", "close_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="phenomenon.close",
        obj=phenomenon,
        before=before,
        after={"status": "closed", "reason": reason},
    )
    return phenomenon


@transaction.atomic
def initiative_create(
    *,
    actor,
    phenomenon: Phenomenon,
    proposal: str,
    rationale: str,
    group: Group | None = None,
    other_body: str = "",
) -> Initiative:
    phenomenon = _locked(actor, phenomenon)
    return _initiative_make(
        actor=actor,
        phenomenon=phenomenon,
        proposal=proposal,
        rationale=rationale,
        group=group,
        other_body=other_body,
    )


def _initiative_make(
    *,
    actor,
    phenomenon: Phenomenon,
    proposal: str,
    rationale: str,
    group: Group | None,
    other_body: str = "",
    raised_by_team: Group | None = None,
    extra_audit: dict | None = None,
) -> Initiative:
    """The initiative itself, on a phenomenon the caller has locked and may take further."""
    if phenomenon.status == Phenomenon.Status.CLOSED:
        raise ConflictError(_("A closed phenomenon cannot be taken further."), code="closed")
    if proposal not in Initiative.Proposal.values or proposal == Initiative.Proposal.IMPLEMENTATION:
        raise DomainError(_("Choose what is proposed."), code="proposal")
    rationale = _clean(rationale)
    if not rationale:
        raise DomainError(_("Say why the initiative is made."), code="rationale_required")
    other_body = _clean(other_body, 200)
    if group is None and not other_body:
        raise DomainError(
            _("Choose the group or name the body the initiative goes to."), code="recipient_required"
        )
    initiative = Initiative.objects.create(
        phenomenon=phenomenon,
        group=group,
        other_body="" if group else other_body,
        proposal=proposal,
        rationale=rationale,
        raised_by_team=raised_by_team,
        created_by=actor,
    )
    before = {"status": phenomenon.status}
    if phenomenon.status != Phenomenon.Status.INITIATIVE_MADE:
        phenomenon.status = Phenomenon.Status.INITIATIVE_MADE
        phenomenon.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="initiative.create",
        obj=initiative,
        after={
            "phenomenon": phenomenon.pk,
            "group": getattr(group, "pk", None),
            "other_body": other_body,
            "proposal": proposal,
            "raised_by_team": getattr(raised_by_team, "pk", None),
            **(extra_audit or {}),
        },
    )
    audit_record(
        actor=actor,
        action="phenomenon.initiative_made",
        obj=phenomenon,
        before=before,
        after={"status": "initiative_made"},
    )
    if group is not None:
        initiative_tell_group(actor=actor, initiative=initiative, group=group)
    return initiative


# Who is told ---------------------------------------------------------------------------------------------

GROUP_CONTACT_ROLES = (Membership.Role.CHAIR, Membership.Role.SECRETARY, Membership.Role.COORDINATOR)


def initiative_tell_group(*, actor, initiative: Initiative, group: Group) -> None:
    """Tells a group it has a new initiative to handle: its chair, secretary and coordinator. The same for
    an initiative made to the group, raised by a local team or forwarded to it from the level below; each
    group hears of each initiative once."""
    title = initiative.phenomenon.title
    name = group.name
    notification_send(
        actor=actor,
        recipients=[
            m.user
            for m in Membership.objects.current()
            .filter(group=group, role__in=GROUP_CONTACT_ROLES)
            .select_related("user")
        ],
        verb="initiative.new",
        text=lambda: _("New initiative for %(group)s: %(title)s") % {"group": name, "title": title},
        url=initiative.get_absolute_url(),
        key=f"initiative.new:{initiative.pk}:{group.pk}",
    )


def raising_teams(initiative: Initiative):
    """The local teams behind an initiative's phenomenon: the teams that raised any of its initiatives, and
    the teams of the areas (and their parent areas) of its observations."""
    phenomenon_id = initiative.phenomenon_id
    raised = Initiative.objects.filter(phenomenon_id=phenomenon_id, raised_by_team__isnull=False).values(
        "raised_by_team_id"
    )
    observations = Observation.objects.filter(phenomenon_links__phenomenon_id=phenomenon_id)
    area_ids = set(observations.exclude(area__isnull=True).values_list("area_id", flat=True))
    area_ids |= set(
        observations.exclude(area__isnull=True)
        .exclude(area__parent__isnull=True)
        .values_list("area__parent_id", flat=True)
    )
    return Group.objects.filter(kind=Group.Kind.LOCAL_TEAM, is_active=True).filter(
        Q(pk__in=raised) | Q(area_id__in=area_ids)
    )


def team_recipients(teams):
    """The professional members of the teams. SECURITY: client representatives (limited accounts) are left
    out: what a team is told names phenomena and initiatives they may not read."""
    from django.contrib.auth import get_user_model

    members = (
        Membership.objects.current()
        .filter(group__in=teams)
        .exclude(role=Membership.Role.CLIENT_REPRESENTATIVE)
        .values("user_id")
    )
    # A current membership in another role than client representative means the account is not limited.
    return get_user_model().objects.filter(pk__in=members, is_active=True)


def tell_raising_teams(
    *, actor, initiative: Initiative, event: str, text: Callable[[], str], key: str, url: str = ""
) -> list:
    """Tells the teams behind the initiative (raising_teams) of one step of its handling, once per
    recipient (`key`), in each recipient's language (`text` is a callable), and writes the step in the
    initiative's history. Never personal data of families in `text`: titles and group names only."""
    teams = list(raising_teams(initiative).order_by("pk"))
    if not teams:
        return []
    sent = notification_send(
        actor=actor,
        recipients=team_recipients(teams),
        verb=event,
        text=text,
        url=url or initiative.get_absolute_url(),
        key=key,
    )
    audit_record(
        actor=actor,
        action="initiative.teams_told",
        obj=initiative,
        after={"event": event, "teams": [t.pk for t in teams], "key": key, "recipients": len(sent)},
    )
    return sent


TEAM_PROPOSALS = (
    Initiative.Proposal.CODEVELOPMENT,
    Initiative.Proposal.LOCAL_ACTION,
    Initiative.Proposal.INFORMATION,
)


@transaction.atomic
def initiative_raise_from_team(
    *,
    actor,
    team: Group,
    proposal: str,
    rationale: str,
    meeting: Meeting | None = None,
    phenomenon: Phenomenon | None = None,
    title: str = "",
    description: str = "",
    kind: str = "",
    scale: str = "",
) -> Initiative:
    """A local family-centre team raises a matter to its steering group (the team's `parent`) in one step:
    a new phenomenon (or an existing one the actor may see) and an initiative in the steering group's
    queue that keeps which team raised it. The steering group is told; so is the rest of the team."""
    team = Group.objects.select_related("parent").get(pk=team.pk)
    if not can_raise_from_team(actor, team):
        raise PermissionDenied
    steering = team.parent
    if steering is None or not steering.is_active:
        raise DomainError(
            _("The team has no steering group to raise matters to. Ask an administrator to set it."),
            code="no_parent",
        )
    if meeting is not None and (meeting.group_id != team.pk or meeting.status == Meeting.Status.CANCELLED):
        raise DomainError(_("Choose a meeting of the team that was not cancelled."), code="wrong_meeting")
    if proposal not in TEAM_PROPOSALS:
        raise DomainError(_("Choose what is proposed."), code="proposal")
    if phenomenon is None:
        if kind not in Phenomenon.Kind.values:
            raise DomainError(_("Say whether the phenomenon is positive or a concern."), code="kind")
        if scale not in Phenomenon.Scale.values:
            raise DomainError(_("Choose the scale of the phenomenon."), code="scale")
        if not _clean(description):
            raise DomainError(_("Describe the phenomenon."), code="description_required")
        phenomenon = phenomenon_create(
            actor=actor,
            title=title,
            description=description,
            kind=kind,
            scale=scale,
            analyser_kind=Phenomenon.AnalyserKind.TEAM,
            analyser_group=team,
            area=team.area,
            family_centre=team.family_centre,
        )
    else:
        # SECURITY: only a phenomenon the actor may see; another one is as good as unknown.
        if not Phenomenon.objects.visible_to(actor).filter(pk=phenomenon.pk).exists():
            raise DomainError(_("The chosen phenomenon was not found."), code="unknown_phenomenon")
    phenomenon = Phenomenon.objects.select_for_update().get(pk=phenomenon.pk)
    if Initiative.objects.filter(
        phenomenon=phenomenon,
        group=steering,
        status__in=[Initiative.Status.SUBMITTED, Initiative.Status.ON_AGENDA],
    ).exists():
        raise ConflictError(
            _("An initiative on this phenomenon is already waiting in %(group)s's queue.")
            % {"group": steering.name},
            code="already_waiting",
        )
    initiative = _initiative_make(
        actor=actor,
        phenomenon=phenomenon,
        proposal=proposal,
        rationale=rationale,
        group=steering,
        raised_by_team=team,
        extra_audit={"meeting": getattr(meeting, "pk", None)},
    )
    team_name, steering_name, title_ = team.name, steering.name, phenomenon.title
    tell_raising_teams(
        actor=actor,
        initiative=initiative,
        event="initiative.raised",
        text=lambda: (
            _("%(team)s raised “%(title)s” to %(group)s.")
            % {"team": team_name, "title": title_, "group": steering_name}
        ),
        key=f"initiative.raised:{initiative.pk}",
    )
    return initiative


@transaction.atomic
def initiative_create_for_implementation(
    *, actor, phenomenon: Phenomenon, group: Group, rationale: str
) -> Initiative:
    """A developer group's proposal to implement, to the steering group that started the co-development.

    The caller (codevelopment's proposal_send) has checked in the same transaction that the actor coordinates
    the developer group; the phenomenon's editors are other people, so their rule does not apply here. The
    phenomenon keeps its state: it already had the initiative that started the work."""
    phenomenon = Phenomenon.objects.select_for_update().get(pk=phenomenon.pk)
    if phenomenon.status == Phenomenon.Status.CLOSED:
        raise ConflictError(_("A closed phenomenon cannot be taken further."), code="closed")
    rationale = _clean(rationale)
    if not rationale:
        raise DomainError(_("Say why the initiative is made."), code="rationale_required")
    initiative = Initiative.objects.create(
        phenomenon=phenomenon,
        group=group,
        proposal=Initiative.Proposal.IMPLEMENTATION,
        rationale=rationale,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="initiative.create",
        obj=initiative,
        after={"phenomenon": phenomenon.pk, "group": group.pk, "proposal": initiative.proposal},
    )
    return initiative


@transaction.atomic
def phenomenon_create_follow_up(*, actor, source: Phenomenon, title: str, description: str) -> Phenomenon:
    """A new draft phenomenon where a follow-up found that more development is needed: the same family
    centre, area, kind and scale as the one the work started from. The caller (codevelopment's point_record)
    has checked that the actor records the follow-up."""
    title = _clean(title, 200)
    if not title:
        raise DomainError(_("Give the phenomenon a title."), code="title_required")
    phenomenon = Phenomenon.objects.create(
        title=title,
        description=_clean(description),
        kind=source.kind,
        scale=source.scale,
        area=source.area,
        family_centre=source.family_centre,
        analyser_kind=source.analyser_kind,
        analyser_group=source.analyser_group,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="phenomenon.create",
        obj=phenomenon,
        after={"title": title, "follows_up": source.pk},
    )
    return phenomenon


@transaction.atomic
def initiative_withdraw(*, actor, initiative: Initiative) -> Initiative:
    initiative = Initiative.objects.select_for_update().select_related("phenomenon").get(pk=initiative.pk)
    if not (
        actor.is_staff
        or initiative.created_by_id == actor.pk
        or can_edit_phenomenon(actor, initiative.phenomenon)
    ):
        raise PermissionDenied
    if initiative.status not in (Initiative.Status.SUBMITTED, Initiative.Status.ON_AGENDA):
        raise ConflictError(_("A decided or withdrawn initiative cannot be withdrawn."), code="not_open")
    before = {"status": initiative.status}
    initiative.status = Initiative.Status.WITHDRAWN
    initiative.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="initiative.withdraw",
        obj=initiative,
        before=before,
        after={"status": "withdrawn"},
    )
    return initiative


@transaction.atomic
def initiative_put_on_agenda(*, actor, initiative: Initiative, meeting: Meeting) -> AgendaEntry:
    initiative = Initiative.objects.select_for_update().select_related("phenomenon").get(pk=initiative.pk)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if initiative.group_id is None or meeting.group_id != initiative.group_id:
        raise DomainError(
            _("The initiative can go only on the agenda of the group that handles it."), code="wrong_group"
        )
    if not can_put_on_agenda(actor, meeting.group):
        raise PermissionDenied
    if initiative.status != Initiative.Status.SUBMITTED:
        raise ConflictError(
            _("Only an initiative waiting to be handled can be put on an agenda."), code="not_submitted"
        )
    if meeting.status != Meeting.Status.PLANNED:
        raise ConflictError(
            _("Items can be added only to the agenda of a planned meeting."), code="meeting_not_planned"
        )
    last = meeting.agenda_items.aggregate(m=Max("order"))["m"] or 0
    item = AgendaItem.objects.create(
        meeting=meeting,
        order=last + 1,
        title=initiative.phenomenon.title,
        description=f"{initiative.get_proposal_display()}: {initiative.rationale}"[:20_000],
        created_by=actor,
    )
    entry = AgendaEntry.objects.create(initiative=initiative, agenda_item=item)
    initiative.status = Initiative.Status.ON_AGENDA
    initiative.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="initiative.put_on_agenda",
        obj=initiative,
        before={"status": "submitted"},
        after={"status": "on_agenda", "meeting": meeting.pk, "agenda_item": item.pk},
    )
    group_name, title, when = meeting.group.name, initiative.phenomenon.title, meeting.starts_at
    tell_raising_teams(
        actor=actor,
        initiative=initiative,
        event="initiative.on_agenda",
        text=lambda: (
            _("“%(title)s” is on the agenda of %(group)s on %(date)s.")
            % {
                "title": title,
                "group": group_name,
                "date": formats.date_format(localtime(when), "SHORT_DATE_FORMAT"),
            }
        ),
        key=f"initiative.on_agenda:{entry.pk}",
    )
    return entry


def _next_number(group: Group, year: int) -> int:
    # The group row lock (taken by the caller) serialises numbering: two secretaries never get the same number.
    last = Decision.objects.filter(group=group, year=year).aggregate(m=Max("number"))["m"] or 0
    return last + 1


@transaction.atomic
def decision_record(
    *,
    actor,
    initiative: Initiative,
    kind: str,
    reasons: str,
    meeting: Meeting | None = None,
    scope: str = "",
    responsible_progress: str = "",
    responsible_coordination: str = "",
    responsible_facilitation: str = "",
    responsible_users=(),
    working_group: Group | None = None,
    follow_up_owner=None,
    responsibilities: dict | None = None,
    work_pair_organisation: str = "",
    forward_to: Group | None = None,
    new_working_group: str = "",
) -> Decision:
    """Records the handling group's decision. The first write wins: the initiative row is locked and its state
    checked, so a second secretary saving at once gets a clear conflict and nothing is half-saved.

    `responsibilities` maps Responsibility.Role values to people of the deciding group's network
    (responsible_candidates) for a decision to start co-development; `forward_to` is one of the group's
    forwarding routes (forward_targets, the parent group by default); a local action names an existing
    working group or, with `new_working_group`, creates one under the deciding group."""
    initiative = Initiative.objects.select_for_update().select_related("phenomenon").get(pk=initiative.pk)
    if initiative.group_id is None:
        raise DomainError(_("Decisions of other bodies are not recorded here."), code="no_group")
    group = Group.objects.select_for_update().get(pk=initiative.group_id)
    if not can_decide(actor, group):
        raise PermissionDenied
    if initiative.status == Initiative.Status.WITHDRAWN:
        raise ConflictError(_("The initiative has been withdrawn."), code="withdrawn")
    if (
        initiative.status == Initiative.Status.DECIDED
        or Decision.objects.filter(initiative=initiative, group=group).exists()
    ):
        raise ConflictError(
            _("A decision on this initiative has already been recorded."), code="already_decided"
        )
    if kind not in Decision.Kind.values:
        raise DomainError(_("Choose the decision."), code="kind")
    if kind not in decision_kinds_for(initiative):
        raise DomainError(_("This decision cannot be made on this initiative."), code="kind")
    if kind == Decision.Kind.APPROVE_IMPLEMENTATION:
        if follow_up_owner is None:
            raise DomainError(_("Name who follows up the implementation."), code="follow_up_owner_required")
        if not follow_up_owner_candidates(initiative).filter(pk=follow_up_owner.pk).exists():
            raise DomainError(
                _("The follow-up owner must be an active member of the deciding or the developer group."),
                code="follow_up_owner_invalid",
            )
    else:
        follow_up_owner = None
    reasons = _clean(reasons)
    if not reasons:
        raise DomainError(_("Give the reasons for the decision."), code="reasons_required")
    # The reasons are shown in the public decision register: personal data is refused, not published.
    found = personal_data_kinds(reasons)
    if found:
        raise DomainError(
            _(
                "The reasons seem to contain personal data (%(kinds)s). The decision register is public: "
                "remove it."
            )
            % {"kinds": ", ".join(str(KIND_LABELS.get(kind, kind)) for kind in found)},
            code="personal_data",
        )
    if meeting is not None and meeting.group_id != group.pk:
        raise DomainError(_("The meeting must be one of the deciding group's."), code="wrong_meeting")
    if meeting is not None:
        # A decision made at a meeting is recorded once the meeting has started, never ahead of it.
        meeting_check_started(meeting)
    forwarded_to = None
    if kind == Decision.Kind.FORWARD:
        targets = forward_targets(group)
        if not targets:
            raise DomainError(
                _("This group is at the top level: there is no level to forward to."), code="top_level"
            )
        forwarded_to = forward_to or targets[0]
        if forwarded_to.pk not in {t.pk for t in targets}:
            raise DomainError(
                _("Choose one of the routes configured for this group."), code="forward_target_invalid"
            )
    named = _checked_responsibilities(group, responsibilities or {})
    work_pair_organisation = _clean(work_pair_organisation, 200)
    if kind == Decision.Kind.START_CODEVELOPMENT:
        if scope not in Decision.Scope.values:
            raise DomainError(_("Choose the scope of co-development."), code="scope_required")
        if not (responsible_progress or responsible_users or named.get(Responsibility.Role.PROGRESS)):
            raise DomainError(_("Name who is responsible for progress."), code="responsible_required")
    else:
        scope = scope if scope in Decision.Scope.values else ""
        named = {}
    new_working_group = _clean(new_working_group, 200)
    if kind == Decision.Kind.LOCAL_ACTION:
        if working_group is not None and new_working_group:
            raise DomainError(
                _("Either choose a working group or name a new one, not both."), code="working_group_both"
            )
        if new_working_group:
            working_group = Group.objects.create(
                name=new_working_group,
                kind=Group.Kind.WORKING_GROUP,
                level=group.level,
                area=group.area,
                family_centre=group.family_centre,
                parent=group,
                created_by=actor,
            )
            # The responsible people named in the decision are its first members.
            Membership.objects.bulk_create(
                [
                    Membership(group=working_group, user=u, role=Membership.Role.MEMBER, created_by=actor)
                    for u in {*responsible_users}
                ]
            )
            audit_record(
                actor=actor,
                action="group.create",
                obj=working_group,
                after={
                    "name": working_group.name,
                    "for_initiative": initiative.pk,
                    "members": sorted(u.pk for u in responsible_users),
                },
            )
        elif working_group is None:
            raise DomainError(
                _("Name the working group for the local action."), code="working_group_required"
            )
        elif not working_group_choices(group).filter(pk=working_group.pk).exists():
            raise DomainError(_("The chosen working group was not found."), code="working_group_invalid")
    year = timezone.localdate().year
    decision = Decision.objects.create(
        initiative=initiative,
        group=group,
        meeting=meeting,
        year=year,
        number=_next_number(group, year),
        kind=kind,
        reasons=reasons,
        scope=scope,
        responsible_progress=_clean(responsible_progress, 300),
        responsible_coordination=_clean(responsible_coordination, 300),
        responsible_facilitation=_clean(responsible_facilitation, 300),
        working_group=working_group if kind == Decision.Kind.LOCAL_ACTION else None,
        forwarded_to=forwarded_to,
        follow_up_owner=follow_up_owner,
        created_by=actor,
    )
    Responsibility.objects.bulk_create(
        [
            Responsibility(
                decision=decision,
                role=role,
                user=user,
                organisation=work_pair_organisation if role == Responsibility.Role.WORK_PAIR else "",
            )
            for role, user in named.items()
        ]
    )
    # The people named in a role are responsible people too (they may open the developer group).
    decision.responsible_users.set({*responsible_users, *named.values()})
    before = {"status": initiative.status, "group": group.pk}
    if kind == Decision.Kind.FORWARD:
        initiative.group = forwarded_to
        initiative.status = Initiative.Status.SUBMITTED
    else:
        initiative.status = Initiative.Status.DECIDED
    initiative.save(update_fields=["group", "status", "updated_at"])
    audit_record(
        actor=actor,
        action="decision.record",
        obj=decision,
        after={
            "kind": kind,
            "number": decision.label,
            "group": group.pk,
            "initiative": initiative.pk,
            "follow_up_owner": getattr(follow_up_owner, "pk", None),
            "forwarded_to": getattr(forwarded_to, "pk", None),
            "working_group": decision.working_group_id,
            "responsibilities": {role: user.pk for role, user in named.items()},
        },
    )
    audit_record(
        actor=actor,
        action="initiative.decided" if kind != Decision.Kind.FORWARD else "initiative.forward",
        obj=initiative,
        before=before,
        after={"status": initiative.status, "group": initiative.group_id},
    )
    if forwarded_to is not None:
        initiative_tell_group(actor=actor, initiative=initiative, group=forwarded_to)
    _feedback(actor=actor, feedback=DecisionFeedback.of_decision(decision))
    _notify_named(actor=actor, decision=decision)
    decision_recorded.send(sender=Decision, decision=decision, actor=actor)
    return decision


def _group_subtree_ids(group: Group) -> set[int]:
    """The group and every group below it (children, their children…), one query per level."""
    ids, frontier = {group.pk}, {group.pk}
    while frontier:
        frontier = set(Group.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    return ids


def responsible_candidates(group: Group):
    """Whom a deciding group may name for progress, coordination or facilitation: active people with a
    current membership (not as a client representative) in the group's network, that is the group itself,
    the groups below it and the groups of its family centre."""
    from django.contrib.auth import get_user_model

    group_ids = _group_subtree_ids(group)
    if group.family_centre_id:
        group_ids |= set(
            Group.objects.filter(family_centre_id=group.family_centre_id).values_list("pk", flat=True)
        )
    member_ids = (
        Membership.objects.current()
        .filter(group_id__in=group_ids, group__is_active=True)
        .exclude(role=Membership.Role.CLIENT_REPRESENTATIVE)
        .values("user_id")
    )
    return get_user_model().objects.filter(pk__in=member_ids, is_active=True)


def _checked_responsibilities(group: Group, responsibilities: dict) -> dict:
    chosen = {role: user for role, user in responsibilities.items() if user is not None}
    if set(chosen) - set(Responsibility.Role.values):
        raise DomainError(_("Choose a valid responsibility."), code="responsibility_invalid")
    if chosen:
        allowed = set(
            responsible_candidates(group)
            .filter(pk__in=[u.pk for u in chosen.values()])
            .values_list("pk", flat=True)
        )
        for role, user in chosen.items():
            if user.pk not in allowed:
                raise DomainError(
                    _("%(role)s must be a member of the deciding group's network.")
                    % {"role": Responsibility.Role(role).label.capitalize()},
                    code=f"responsible_{role}_invalid",
                )
    return chosen


def working_group_choices(group: Group):
    """The groups a local action can be given to: working groups, and the groups of the deciding group's
    family centre and below it."""
    working = Group.objects.filter(is_active=True, kind=Group.Kind.WORKING_GROUP)
    working |= Group.objects.filter(is_active=True, pk__in=_group_subtree_ids(group))
    if group.family_centre_id:
        working |= Group.objects.filter(is_active=True, family_centre_id=group.family_centre_id)
    return working.distinct()


def forward_targets(group: Group) -> list[Group]:
    """Where the group can forward an initiative: its parent group first (the default route), then the
    routes the county has configured for it."""
    targets = [group.parent] if group.parent_id and group.parent.is_active else []
    for route in ForwardingRoute.objects.filter(source=group, target__is_active=True).select_related(
        "target"
    ):
        if route.target_id not in {t.pk for t in targets}:
            targets.append(route.target)
    return targets


def _notify_named(*, actor, decision: Decision) -> None:
    """Tells the people named in a decision's roles, and the members of the working group named for a local
    action, what they have been given. Once per decision and person."""
    title = decision.initiative.phenomenon.title
    url = decision.initiative.get_absolute_url()
    by_user: dict = {}
    for responsibility in decision.responsibilities.select_related("user"):
        by_user.setdefault(responsibility.user, []).append(responsibility.role)
    for user, roles in by_user.items():
        notification_send(
            actor=actor,
            recipients=[user],
            verb="decision.responsible",
            text=lambda roles=roles: (
                _("%(group)s named you %(roles)s in co-development on “%(title)s” (%(number)s).")
                % {
                    "group": decision.group.name,
                    "roles": ", ".join(str(Responsibility.Role(r).label) for r in roles),
                    "title": title,
                    "number": decision.label,
                }
            ),
            url=url,
            key=f"decision.responsible:{decision.pk}",
        )
    if decision.kind == Decision.Kind.LOCAL_ACTION and decision.working_group_id:
        members = [
            m.user
            for m in Membership.objects.current()
            .filter(group_id=decision.working_group_id, user__is_active=True)
            .exclude(role=Membership.Role.CLIENT_REPRESENTATIVE)
            .select_related("user")
        ]
        notification_send(
            actor=actor,
            recipients=members,
            verb="decision.working_group",
            text=lambda: (
                _(
                    "%(group)s gave %(working_group)s a local action on “%(title)s” (%(number)s). Report back what happened."
                )
                % {
                    "group": decision.group.name,
                    "working_group": decision.working_group.name,
                    "title": title,
                    "number": decision.label,
                }
            ),
            url=reverse("phenomena:local_action_report", args=[decision.pk]),
            key=f"decision.working_group:{decision.pk}",
        )


def decision_kinds_for(initiative: Initiative) -> list[str]:
    """A developer group's proposal to implement is approved, rejected or noted; the other decisions are
    for the other initiatives, which in turn cannot be approved for implementation."""
    if initiative.proposal == Initiative.Proposal.IMPLEMENTATION:
        return [k.value for k in IMPLEMENTATION_KINDS]
    return [k for k in Decision.Kind.values if k != Decision.Kind.APPROVE_IMPLEMENTATION]


def follow_up_owner_candidates(initiative: Initiative):
    """Who can be named to follow up an implementation: active current members of the deciding group and,
    for a developer group's proposal, of the developer group."""
    from django.contrib.auth import get_user_model

    group_ids = {initiative.group_id}
    proposal = getattr(initiative, "codevelopment_proposal", None) if initiative.pk else None
    if proposal is not None:
        group_ids.add(proposal.process.group_id)
    member_ids = Membership.objects.current().filter(group_id__in=group_ids).values("user_id")
    return get_user_model().objects.filter(pk__in=member_ids, is_active=True)


@dataclass(frozen=True)
class DecisionFeedback:
    """What those behind a phenomenon are told of a step in its initiative's handling: a steering group's
    decision, the decision of a body outside the platform, or a working group's report on a local action.
    `decision` is a lazy text, rendered in each recipient's language; `key` names the record told of (its
    kind and id), so that one person hears of it once."""

    initiative: Initiative
    body: str
    kind: str
    decision: object
    number: str
    key: str
    forwarded_to: str = ""

    @classmethod
    def of_decision(cls, decision: Decision) -> DecisionFeedback:
        return cls(
            initiative=decision.initiative,
            body=decision.group.name,
            kind=decision.kind,
            decision=Decision.Kind(decision.kind).label,
            number=decision.label,
            key=f"decision:{decision.pk}",
            forwarded_to=getattr(decision.forwarded_to, "name", ""),
        )


def _feedback(*, actor, feedback: DecisionFeedback) -> None:
    """Tells those behind the phenomenon's observations, and the local teams behind it (raising_teams), what
    happened: one notification per person and step, in their own language."""
    from django.contrib.auth import get_user_model

    initiative = feedback.initiative
    phenomenon = initiative.phenomenon
    observations = Observation.objects.filter(phenomenon_links__phenomenon=phenomenon)
    author_ids = set(observations.exclude(author__isnull=True).values_list("author_id", flat=True))
    values = {
        "group": feedback.body,
        "title": phenomenon.title,
        "to": feedback.forwarded_to,
        "number": feedback.number,
    }
    if feedback.kind == Decision.Kind.FORWARD:
        event = "initiative.forwarded"
    elif initiative.proposal == Initiative.Proposal.IMPLEMENTATION:
        event = "initiative.proposal_decided"
    else:
        event = "initiative.decided"

    def text() -> str:
        if event == "initiative.forwarded":
            return _("%(group)s forwarded the initiative on “%(title)s” to %(to)s.") % values
        # Rendered here, in the recipient's language; a report on a local action has kinds of its own.
        decided = {**values, "decision": str(feedback.decision)}
        if event == "initiative.proposal_decided":
            return (
                _(
                    "%(group)s decided on the developer group's proposal on “%(title)s”: %(decision)s (%(number)s)."
                )
                % decided
            )
        return _("%(group)s decided on “%(title)s”: %(decision)s (%(number)s).") % decided

    key = feedback.key
    url = initiative.get_absolute_url()
    # The same key: a person both behind an observation and in a raising team hears of it once.
    tell_raising_teams(actor=actor, initiative=initiative, event=event, text=text, key=key, url=url)
    notification_send(
        actor=actor,
        recipients=get_user_model().objects.filter(pk__in=author_ids, is_active=True),
        verb="decision",
        text=text,
        url=url,
        key=key,
    )
    # Families who gave an email hear that the state of what they told has changed.
    for obs in observations.filter(source=Observation.Source.FAMILY_FORM).exclude(contact_email=""):
        family_status_changed(obs, "decided" if feedback.kind != Decision.Kind.FORWARD else "phenomenon")


# Forwarding routes ---------------------------------------------------------------------------------------


@transaction.atomic
def forwarding_route_add(*, actor, source: Group, target: Group) -> ForwardingRoute:
    source = Group.objects.select_for_update().get(pk=source.pk)
    if not can_manage_routes(actor, source):
        raise PermissionDenied
    if target.pk == source.pk:
        raise DomainError(_("A group cannot forward to itself."), code="route_self")
    if not target.is_active:
        raise DomainError(_("The chosen group was not found."), code="unknown_group")
    if target.pk == source.parent_id or ForwardingRoute.objects.filter(source=source, target=target).exists():
        raise ConflictError(_("This route is already there."), code="route_exists")
    route = ForwardingRoute.objects.create(source=source, target=target, created_by=actor)
    audit_record(
        actor=actor, action="forwarding_route.add", obj=source, after={"route": route.pk, "target": target.pk}
    )
    return route


@transaction.atomic
def forwarding_route_remove(*, actor, route: ForwardingRoute) -> None:
    route = ForwardingRoute.objects.select_for_update().select_related("source").get(pk=route.pk)
    if not can_manage_routes(actor, route.source):
        raise PermissionDenied
    target_id = route.target_id
    route.delete()
    audit_record(
        actor=actor, action="forwarding_route.remove", obj=route.source, before={"target": target_id}
    )


# Decisions of other bodies -------------------------------------------------------------------------------


@transaction.atomic
def other_decision_record(
    *, actor, initiative: Initiative, kind: str, decided_on, summary: str = "", upload=None
) -> OtherBodyDecision:
    """The one who sent an initiative to another body records that body's decision: a summary, the document,
    or both. It is told onwards as a steering group's decision is."""
    from core import filetypes

    initiative = Initiative.objects.select_for_update().select_related("phenomenon").get(pk=initiative.pk)
    if not can_record_other_decision(actor, initiative):
        raise PermissionDenied
    if initiative.status == Initiative.Status.WITHDRAWN:
        raise ConflictError(_("The initiative has been withdrawn."), code="withdrawn")
    if (
        initiative.status == Initiative.Status.DECIDED
        or OtherBodyDecision.objects.filter(initiative=initiative).exists()
    ):
        raise ConflictError(
            _("A decision on this initiative has already been recorded."), code="already_decided"
        )
    if kind not in OTHER_BODY_KINDS:
        raise DomainError(_("Choose the decision."), code="kind")
    if decided_on is None:
        raise DomainError(_("Give the date of the decision."), code="decided_on_required")
    if decided_on > timezone.localdate():
        raise DomainError(_("The date of the decision cannot be in the future."), code="decided_on_future")
    summary = _clean(summary)
    if upload is not None and not upload.size:
        upload = None
    if not summary and upload is None:
        raise DomainError(
            _("Write a summary of the decision or attach its document."), code="summary_or_document"
        )
    found = personal_data_kinds(summary)
    if found:
        raise DomainError(
            _("The summary seems to contain personal data (%(kinds)s): remove it.")
            % {"kinds": ", ".join(str(KIND_LABELS.get(k, k)) for k in found)},
            code="personal_data",
        )
    record = OtherBodyDecision(
        initiative=initiative, kind=kind, decided_on=decided_on, summary=summary, created_by=actor
    )
    stored_name = ""
    if upload is not None:
        limit = filetypes.document_max_bytes()
        if upload.size > limit:
            raise DomainError(
                _("The file is too large (at most %(mb)s MB).") % {"mb": f"{limit / (1024 * 1024):.0f}"},
                code="file_too_large",
            )
        content_type = filetypes.detect_content_type(upload)
        if content_type is None:
            raise DomainError(
                _("This type of file is not accepted. Accepted are: %(types)s.")
                % {"types": filetypes.accepted_types_text()},
                code="file_type",
            )
        record.original_name = filetypes.safe_file_name(upload.name)
        record.content_type = content_type
        record.size = upload.size
        upload.seek(0)
        record.file.save(record.original_name, upload, save=False)
        stored_name = record.file.name
    try:
        record.save()
        before = {"status": initiative.status}
        initiative.status = Initiative.Status.DECIDED
        initiative.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            action="initiative.other_decision",
            obj=initiative,
            before=before,
            after={
                "status": initiative.status,
                "body": initiative.other_body,
                "kind": kind,
                "decided_on": decided_on.isoformat(),
                "document": bool(stored_name),
            },
        )
    except Exception:
        # A failed write must not leave the stored file behind.
        if stored_name:
            record.file.storage.delete(stored_name)
        raise
    _feedback(
        actor=actor,
        feedback=DecisionFeedback(
            initiative=initiative,
            body=initiative.other_body,
            kind=record.kind,
            decision=Decision.Kind(record.kind).label,
            number=record.decided_on.strftime("%-d.%-m.%Y"),
            # Other bodies' decisions and local-action reports have ids of their own: the key names the kind.
            key=f"otherbodydecision:{record.pk}",
        ),
    )
    return record


# Reports of working groups on local actions --------------------------------------------------------------


@transaction.atomic
def local_action_report(*, actor, decision: Decision, done: bool, what_happened: str) -> LocalActionReport:
    """The working group named for a local action tells what happened; once it is done, no more reports."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("working_group", "initiative__phenomenon")
        .get(pk=decision.pk)
    )
    if not can_report_local_action(actor, decision):
        raise PermissionDenied
    if decision.local_action_reports.filter(done=True).exists():
        raise ConflictError(_("The local action has already been reported done."), code="already_done")
    what_happened = _clean(what_happened)
    if not what_happened:
        raise DomainError(_("Tell what happened."), code="what_happened_required")
    found = personal_data_kinds(what_happened)
    if found:
        raise DomainError(
            _("The text seems to contain personal data (%(kinds)s): remove it.")
            % {"kinds": ", ".join(str(KIND_LABELS.get(k, k)) for k in found)},
            code="personal_data",
        )
    report = LocalActionReport.objects.create(
        decision=decision, done=bool(done), what_happened=what_happened, created_by=actor
    )
    audit_record(
        actor=actor,
        action="initiative.local_action_report",
        obj=decision.initiative,
        after={"decision": decision.pk, "report": report.pk, "done": report.done},
    )
    _feedback(
        actor=actor,
        feedback=DecisionFeedback(
            initiative=decision.initiative,
            body=decision.working_group.name,
            kind="local_action_done" if report.done else "local_action_progress",
            decision=gettext_lazy("the local action is done")
            if report.done
            else gettext_lazy("the local action has moved on"),
            number=decision.label,
            key=f"localactionreport:{report.pk}",
        ),
    )
    return report
