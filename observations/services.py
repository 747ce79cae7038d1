"""Writes to observations. Rules live here; views and the API only check the shape of input."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.dates import date_out_of_range
from core.errors import ConflictError, DomainError
from core.services import notification_send
from core.transitions import transition
from familycentres.models import Area, FamilyCentre, Group, Membership

from . import codes
from .models import EnrichmentNote, Observation, TeamReview, TeamReviewVersion, Theme
from .permissions import can_edit, can_log_observation, can_record_review, can_triage
from .pii import personal_data_kinds
from .selectors import team_observations
from .tasks import send_family_message

MAX_TEXT = 10_000
MAX_THEMES = 10
# Fields safe to put in the audit trail: never the text, which may hold personal data until redacted.
META_FIELDS = [
    "status",
    "kind",
    "environment",
    "age_group",
    "area_id",
    "family_centre_id",
    "source",
    "observed_on",
]


def _meta(obs: Observation) -> dict:
    return {f: (str(getattr(obs, f)) if getattr(obs, f) is not None else None) for f in META_FIELDS}


def clean_text(text: str) -> str:
    """NUL characters cannot be stored and bidirectional overrides can disguise text; both go. Length is
    checked after stripping so the user's own message is what counts."""
    text = (text or "").replace("\x00", "")
    for ch in ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"):
        text = text.replace(ch, "")
    text = text.strip()
    if not text:
        raise DomainError(_("Write what you noticed."), code="text_required")
    if len(text) > MAX_TEXT:
        raise DomainError(
            _("The text is too long (%(n)s characters). The limit is %(max)s.")
            % {"n": len(text), "max": MAX_TEXT},
            code="text_too_long",
        )
    return text


def centre_for_area(area: Area) -> FamilyCentre | None:
    """The family centre that serves an area (a local area is served through its municipality)."""
    node = area
    while node is not None:
        centre = FamilyCentre.objects.filter(municipalities=node).order_by("pk").first()
        if centre:
            return centre
        if node.kind in (Area.Kind.MUNICIPALITY, Area.Kind.WELLBEING_COUNTY):
            break
        node = node.parent
    return None


def _themes(names: list[str]) -> list[Theme]:
    cleaned = []
    for name in names:
        name = " ".join((name or "").replace("\x00", "").split())[:60].lower()
        if name and name not in cleaned:
            cleaned.append(name)
    if len(cleaned) > MAX_THEMES:
        raise DomainError(_("At most %(n)s themes.") % {"n": MAX_THEMES}, code="too_many_themes")
    result = []
    for name in cleaned:
        theme, _created = Theme.objects.get_or_create(name=name)
        result.append(theme)
    return result


def _collectors(centre_id: int):
    from django.contrib.auth import get_user_model

    ids = (
        Membership.objects.current()
        .filter(role=Membership.Role.COLLECTOR, group__family_centre_id=centre_id)
        .values_list("user_id", flat=True)
    )
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


def _announce_new(observation: Observation, actor) -> None:
    # In-app notifications; the hourly digest turns them into at most one email an hour per collector.
    notification_send(
        actor=actor,
        recipients=_collectors(observation.family_centre_id),
        verb="observation.new",
        text=_("New observation in %(centre)s") % {"centre": observation.family_centre.name},
        url=observation.get_absolute_url(),
    )


@transaction.atomic
def observation_submit(
    *,
    actor,
    text: str,
    kind: str,
    environment: str,
    age_group: str,
    area: Area,
    source: str,
    observed_on: date | None = None,
    themes: list[str] | None = None,
) -> Observation:
    """A professional logs an observation."""
    if not can_log_observation(actor):
        raise PermissionDenied
    text = clean_text(text)
    if source == Observation.Source.FAMILY_FORM:
        raise DomainError(_("Choose the source of the observation."), code="source")
    observed_on = observed_on or timezone.localdate()
    if observed_on > timezone.localdate():
        raise DomainError(_("The date observed cannot be in the future."), code="observed_on_future")
    if out_of_range := date_out_of_range(observed_on):
        raise DomainError(out_of_range, code="observed_on_future")
    centre = centre_for_area(area)
    if centre is None:
        raise DomainError(_("No family centre serves this area yet."), code="area_without_centre")
    held_reasons = personal_data_kinds(text)
    observation = Observation.objects.create(
        text=text,
        kind=kind,
        environment=environment,
        age_group=age_group,
        area=area,
        family_centre=centre,
        observed_on=observed_on,
        source=source,
        author=actor,
        created_by=actor,
        held=bool(held_reasons),
        held_reasons=held_reasons,
        language=getattr(actor, "language", "fi") or "fi",
    )
    observation.themes.set(_themes(themes or []))
    audit_record(actor=actor, action="observation.submit", obj=observation, after=_meta(observation))
    _announce_new(observation, actor)
    return observation


def observation_submit_public(
    *,
    text: str,
    environment: str,
    age_group: str,
    area: Area,
    family_centre: FamilyCentre | None = None,
    contact_email: str = "",
    language: str = "fi",
) -> Observation:
    """A family tells what it noticed through the open form. Returns the observation with its follow-up code.
    The code is unique; a collision (vanishingly rare) is retried with a new one."""
    text = clean_text(text)
    centre = family_centre or centre_for_area(area)
    if centre is None:
        raise DomainError(_("No family centre serves this municipality yet."), code="area_without_centre")
    held_reasons = personal_data_kinds(text)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                observation = Observation.objects.create(
                    text=text,
                    kind="",
                    environment=environment,
                    age_group=age_group,
                    area=area,
                    family_centre=centre,
                    source=Observation.Source.FAMILY_FORM,
                    held=bool(held_reasons),
                    held_reasons=held_reasons,
                    followup_code=codes.new_code(),
                    contact_email=(contact_email or "").strip(),
                    language=language if language in ("fi", "sv", "en") else "fi",
                )
                audit_record(
                    actor=None, action="observation.submit_public", obj=observation, after=_meta(observation)
                )
                _announce_new(observation, None)
                if observation.contact_email:
                    transaction.on_commit(lambda pk=observation.pk: send_family_message.delay(pk, "code"))
                return observation
        except IntegrityError:
            continue
    raise ConflictError(_("Please send the form again."), code="code_collision")


@transaction.atomic
def observation_code_email(*, observation: Observation, email: str) -> Observation:
    """The family asks on the thanks page to get its follow-up code by email (it gave no address on the
    form). The address is kept as one given on the form would be: for the code and news of the state, and
    deleted when the matter is closed. Sent once: an address already given is not replaced."""
    observation = Observation.objects.select_for_update().get(pk=observation.pk)
    email = (email or "").strip()
    if not email:
        raise DomainError(_("Give your email address."), code="email_required")
    if observation.contact_email:
        raise ConflictError(
            _("The code has already been sent to the email address you gave."), code="email_already_given"
        )
    observation.contact_email = email
    observation.save(update_fields=["contact_email", "updated_at"])
    audit_record(actor=None, action="observation.code_email", obj=observation, after={"contact_email": True})
    transaction.on_commit(lambda pk=observation.pk: send_family_message.delay(pk, "code"))
    return observation


@transaction.atomic
def observation_update(
    *,
    actor,
    observation: Observation,
    text: str,
    kind: str,
    environment: str,
    age_group: str,
    area: Area,
    source: str,
    observed_on: date,
    themes: list[str] | None = None,
) -> Observation:
    observation = Observation.objects.select_for_update().get(pk=observation.pk)
    if not can_edit(actor, observation):
        raise ConflictError(
            _("This observation has already been handled and can no longer be edited."), code="not_editable"
        )
    text = clean_text(text)
    if out_of_range := date_out_of_range(observed_on):
        raise DomainError(out_of_range, code="observed_on_future")
    centre = centre_for_area(area)
    if centre is None:
        raise DomainError(_("No family centre serves this area yet."), code="area_without_centre")
    before = _meta(observation)
    held_reasons = personal_data_kinds(text)
    observation.text, observation.kind, observation.environment = text, kind, environment
    observation.age_group, observation.area, observation.family_centre = age_group, area, centre
    observation.source, observation.observed_on = source, observed_on
    observation.held, observation.held_reasons = bool(held_reasons), held_reasons
    observation.save()
    observation.themes.set(_themes(themes or []))
    audit_record(
        actor=actor, action="observation.update", obj=observation, before=before, after=_meta(observation)
    )
    return observation


def _locked_for_triage(actor, observation: Observation) -> Observation:
    observation = Observation.objects.select_for_update().get(pk=observation.pk)
    if not can_triage(actor, observation):
        raise PermissionDenied
    return observation


def family_status_changed(observation: Observation, status: str) -> None:
    """The family that gave an email hears, after commit, that the state of what it told changed (phenomena
    calls this too, when a decision is recorded on a phenomenon the observation is in)."""
    if observation.contact_email:
        transaction.on_commit(
            lambda pk=observation.pk, s=status: send_family_message.delay(pk, f"status:{s}")
        )


@transaction.atomic
def observation_mark_read(*, actor, observation: Observation) -> Observation:
    observation = transition(
        _locked_for_triage(actor, observation),
        actor=actor,
        to=Observation.Status.READ,
        allowed_from=[Observation.Status.NEW],
        action="observation.mark_read",
        changes={"triaged_at": timezone.now()},
        message=_("This observation has already been read."),
        code="already_read",
    )
    family_status_changed(observation, "read")
    return observation


@transaction.atomic
def observation_note_add(*, actor, observation: Observation, text: str) -> EnrichmentNote:
    observation = _locked_for_triage(actor, observation)
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise DomainError(_("Write the note."), code="note_required")
    if len(text) > MAX_TEXT:
        raise DomainError(_("The note is too long."), code="note_too_long")
    note = EnrichmentNote.objects.create(observation=observation, text=text, created_by=actor)
    audit_record(actor=actor, action="observation.note_add", obj=observation, after={"note_id": note.pk})
    return note


@transaction.atomic
def observation_themes_set(*, actor, observation: Observation, themes: list[str]) -> Observation:
    observation = _locked_for_triage(actor, observation)
    before = sorted(observation.themes.values_list("name", flat=True))
    new = _themes(themes)
    observation.themes.set(new)
    audit_record(
        actor=actor,
        action="observation.themes_set",
        obj=observation,
        before={"themes": before},
        after={"themes": sorted(t.name for t in new)},
    )
    return observation


def refuse_held(observation: Observation, *, code: str = "held") -> None:
    """A held text is redacted before it goes anywhere else: merged into another, or linked into a
    phenomenon (phenomena calls this too)."""
    if observation.held:
        raise DomainError(
            _(
                "Observation %(id)s is held for personal-data review. Redact it first on its page "
                "(“Redact the text”), then try again."
            )
            % {"id": observation.pk},
            code=code,
        )


@transaction.atomic
def observation_merge(*, actor, duplicate: Observation, keep: Observation) -> Observation:
    """The duplicate points to the kept one; its follow-up code keeps working and shows the kept one's state."""
    if duplicate.pk == keep.pk:
        raise DomainError(_("An observation cannot be merged into itself."), code="merge_self")
    # Lock both rows in id order so two collectors merging at once cannot deadlock.
    locked = {
        o.pk: o
        for o in Observation.objects.select_for_update().filter(pk__in=[duplicate.pk, keep.pk]).order_by("pk")
    }
    duplicate, keep = locked[duplicate.pk], locked[keep.pk]
    if not (can_triage(actor, duplicate) and can_triage(actor, keep)):
        raise PermissionDenied
    for held in (duplicate, keep):
        refuse_held(held, code="merge_held")
    if duplicate.family_centre_id != keep.family_centre_id:
        raise DomainError(
            _("Only observations of the same family centre can be merged."), code="merge_centre"
        )
    if duplicate.status in (Observation.Status.MERGED, Observation.Status.ARCHIVED):
        raise ConflictError(_("This observation has already been closed."), code="closed")
    if keep.status in (Observation.Status.MERGED, Observation.Status.ARCHIVED):
        raise ConflictError(_("The observation to keep has been closed."), code="keep_closed")
    before = _meta(duplicate)
    duplicate.status = Observation.Status.MERGED
    duplicate.merged_into = keep
    duplicate.triaged_at = duplicate.triaged_at or timezone.now()
    duplicate.save(update_fields=["status", "merged_into", "triaged_at", "updated_at"])
    keep.themes.add(*duplicate.themes.all())
    audit_record(
        actor=actor,
        action="observation.merge",
        obj=duplicate,
        before=before,
        after={"status": "merged", "merged_into": keep.pk},
    )
    return keep


@transaction.atomic
def observation_archive(*, actor, observation: Observation, reason: str) -> Observation:
    observation = _locked_for_triage(actor, observation)
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise DomainError(_("Give a reason for archiving."), code="reason_required")
    if len(reason) > 500:
        raise DomainError(_("The reason is too long (at most 500 characters)."), code="reason_too_long")
    if observation.status in (Observation.Status.ARCHIVED, Observation.Status.MERGED):
        raise ConflictError(_("This observation has already been closed."), code="closed")
    before = _meta(observation)
    observation.status = Observation.Status.ARCHIVED
    observation.archive_reason = reason
    observation.triaged_at = observation.triaged_at or timezone.now()
    observation.save(update_fields=["status", "archive_reason", "triaged_at", "updated_at"])
    audit_record(
        actor=actor,
        action="observation.archive",
        obj=observation,
        before=before,
        after={"status": "archived", "reason": reason},
    )
    # The family hears of the closing; the task then erases the address (it was kept only for replies).
    family_status_changed(observation, "archived")
    return observation


@transaction.atomic
def observation_redact(*, actor, observation: Observation, text: str) -> Observation:
    """Replaces held text with a redacted version. The original is not kept anywhere: not in the audit
    trail, not in a history table."""
    observation = _locked_for_triage(actor, observation)
    text = clean_text(text)
    remaining = personal_data_kinds(text)
    if remaining:
        raise DomainError(
            _("The text still seems to contain personal data: %(kinds)s.") % {"kinds": ", ".join(remaining)},
            code="still_personal",
        )
    observation.text = text
    observation.held = False
    observation.held_reasons = []
    observation.save(update_fields=["text", "held", "held_reasons", "updated_at"])
    audit_record(actor=actor, action="observation.redact", obj=observation, after={"held": False})
    return observation


@transaction.atomic
def team_review_record(*, actor, meeting, observation_ids: list[int], raised: str) -> TeamReview:
    group = meeting.group
    if group.kind != Group.Kind.LOCAL_TEAM:
        raise DomainError(
            _("Observations are reviewed in the meetings of local family-centre teams."), code="not_team"
        )
    if not can_record_review(actor, group):
        raise PermissionDenied
    if meeting.status == meeting.Status.CANCELLED:
        raise ConflictError(
            _("The meeting was cancelled. Record the review in another meeting."), code="meeting_cancelled"
        )
    allowed = set(
        team_observations(group=group, user=actor, since=None)
        .values_list("pk", flat=True)
        .filter(pk__in=observation_ids)
    )
    unknown = set(observation_ids) - allowed
    if unknown:
        raise DomainError(
            _("Some of the chosen observations are not this team's."), code="unknown_observations"
        )
    review, created = TeamReview.objects.select_for_update().get_or_create(
        meeting=meeting, defaults={"created_by": actor}
    )
    before = None
    if not created:
        before = {
            "observations": sorted(review.observations.values_list("pk", flat=True)),
            "raised": review.raised,
        }
    review.raised = (raised or "").replace("\x00", "").strip()[:MAX_TEXT]
    review.updated_by = actor
    review.save(update_fields=["raised", "updated_by", "updated_at"])
    review.observations.set(sorted(allowed))
    # The review's history: every saved state stays, with who saved it and when.
    TeamReviewVersion.objects.create(
        review=review, raised=review.raised, observation_ids=sorted(allowed), saved_by=actor
    )
    audit_record(
        actor=actor,
        action="team_review.record",
        obj=review,
        before=before,
        after={"observations": sorted(allowed), "raised": review.raised},
    )
    return review
