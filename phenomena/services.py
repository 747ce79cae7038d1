"""Writes for phenomena, initiatives and decisions; every state change is locked, checked and audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.errors import ConflictError, DomainError
from core.pii import KIND_LABELS, personal_data_kinds
from core.services import notification_send
from core.text import clean_input
from core.transitions import transition
from familycentres.models import AgendaItem, Group, Meeting, Membership
from familycentres.services import meeting_check_started
from observations.models import Observation
from observations.services import family_status_changed

from .models import AgendaEntry, Decision, Initiative, Phenomenon, PhenomenonObservation
from .permissions import can_create_phenomenon, can_decide, can_edit_phenomenon, can_put_on_agenda
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
    if phenomenon.status == Phenomenon.Status.CLOSED:
        raise ConflictError(_("A closed phenomenon cannot be taken further."), code="closed")
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
        created_by=actor,
    )
    before = {"status": phenomenon.status}
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
        notification_send(
            actor=actor,
            recipients=[
                m.user
                for m in group.memberships.filter(
                    ended_on__isnull=True, role__in=["chair", "secretary", "coordinator"]
                ).select_related("user")
            ],
            verb="initiative.new",
            text=_("New initiative for %(group)s: %(title)s")
            % {"group": group.name, "title": phenomenon.title},
            url=initiative.get_absolute_url(),
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
) -> Decision:
    """Records the handling group's decision. The first write wins: the initiative row is locked and its state
    checked, so a second secretary saving at once gets a clear conflict and nothing is half-saved."""
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
        forwarded_to = group.parent
        if forwarded_to is None:
            raise DomainError(
                _("This group is at the top level: there is no level to forward to."), code="top_level"
            )
    if kind == Decision.Kind.START_CODEVELOPMENT:
        if scope not in Decision.Scope.values:
            raise DomainError(_("Choose the scope of co-development."), code="scope_required")
        if not (responsible_progress or responsible_users):
            raise DomainError(_("Name who is responsible for progress."), code="responsible_required")
    else:
        scope = scope if scope in Decision.Scope.values else ""
    if kind == Decision.Kind.LOCAL_ACTION and working_group is None:
        raise DomainError(_("Name the working group for the local action."), code="working_group_required")
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
    decision.responsible_users.set(list(responsible_users))
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
        },
    )
    audit_record(
        actor=actor,
        action="initiative.decided" if kind != Decision.Kind.FORWARD else "initiative.forward",
        obj=initiative,
        before=before,
        after={"status": initiative.status, "group": initiative.group_id},
    )
    _feedback(actor=actor, decision=decision)
    decision_recorded.send(sender=Decision, decision=decision, actor=actor)
    return decision


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


def _feedback(*, actor, decision: Decision) -> None:
    """Tells those behind the phenomenon's observations, and the local teams of their areas, what happened."""
    from django.contrib.auth import get_user_model

    phenomenon = decision.initiative.phenomenon
    observations = Observation.objects.filter(phenomenon_links__phenomenon=phenomenon)
    author_ids = set(observations.exclude(author__isnull=True).values_list("author_id", flat=True))
    area_ids = set(observations.exclude(area__isnull=True).values_list("area_id", flat=True))
    area_ids |= set(
        observations.exclude(area__isnull=True)
        .exclude(area__parent__isnull=True)
        .values_list("area__parent_id", flat=True)
    )
    team_member_ids = set(
        Membership.objects.current()
        .filter(group__kind=Group.Kind.LOCAL_TEAM, group__area_id__in=area_ids)
        .values_list("user_id", flat=True)
    )
    recipients = get_user_model().objects.filter(pk__in=author_ids | team_member_ids, is_active=True)
    if decision.kind == Decision.Kind.FORWARD:
        text = _("%(group)s forwarded the initiative on “%(title)s” to %(to)s.") % {
            "group": decision.group.name,
            "title": phenomenon.title,
            "to": decision.forwarded_to.name,
        }
    else:
        text = _("%(group)s decided on “%(title)s”: %(decision)s (%(number)s).") % {
            "group": decision.group.name,
            "title": phenomenon.title,
            "decision": decision.get_kind_display(),
            "number": decision.label,
        }
    notification_send(
        actor=actor,
        recipients=recipients,
        verb="decision",
        text=text,
        url=decision.initiative.get_absolute_url(),
    )
    # Families who gave an email hear that the state of what they told has changed.
    for obs in observations.filter(source=Observation.Source.FAMILY_FORM).exclude(contact_email=""):
        family_status_changed(obs, "decided" if decision.kind != Decision.Kind.FORWARD else "phenomenon")
