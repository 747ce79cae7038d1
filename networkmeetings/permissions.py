"""Who may do what with network processes. Seeing a process at all is `NetworkProcess.objects.visible_to`
(participants only); these functions decide what a participant may change."""

from __future__ import annotations

from familycentres.models import Membership

from .models import LPQualification, NetworkMeeting, NetworkProcess


def has_mfa(user) -> bool:
    """Two-factor authentication (TOTP) is on. Client data is shown only to users who have it (and, on the
    pages, only in a session that passed it: accounts.mfa)."""
    from accounts.mfa import has_mfa as account_has_mfa

    return account_has_mfa(user)


def coordinator_centre_ids(user) -> set[int]:
    """Family centres in whose groups the user is a coordinator."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_ilmio_nm_coordinator_centres", None)
    if cached is None:
        cached = set(
            Membership.objects.current()
            .filter(user=user, role=Membership.Role.COORDINATOR, group__family_centre__isnull=False)
            .values_list("group__family_centre_id", flat=True)
        )
        user._ilmio_nm_coordinator_centres = cached
    return cached


def member_centre_ids(user) -> set[int]:
    """Family centres in whose groups the user works (client representatives excluded)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Membership.objects.current()
        .filter(user=user, group__family_centre__isnull=False)
        .exclude(role=Membership.Role.CLIENT_REPRESENTATIVE)
        .values_list("group__family_centre_id", flat=True)
    )


def can_convene(user) -> bool:
    """Any professional working in a family centre may convene (the one who sees the need)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and member_centre_ids(user))


def is_responsible(user, process: NetworkProcess) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.pk in (
        process.responsible_ids() | {process.convener_id}
    )


def can_edit_process(user, process: NetworkProcess) -> bool:
    """The convener and the responsible worker or pair prepare the process and plan its meetings."""
    return process.status == NetworkProcess.Status.OPEN and is_responsible(user, process)


def can_view_full_process(user, process: NetworkProcess) -> bool:
    """SECURITY: invited professionals see only the part the family agreed to share (the core issue as
    shared, meetings, records and the plan), not the genogram, timeline or preparation notes."""
    return is_responsible(user, process)


def can_view_access_log(user, process: NetworkProcess) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.pk in process.responsible_ids()


def can_issue_family_code(user, process: NetworkProcess) -> bool:
    return can_edit_process(user, process)


def can_close_process(user, process: NetworkProcess) -> bool:
    return can_edit_process(user, process)


def can_write_record(user, meeting: NetworkMeeting) -> bool:
    """The recorder writes the shared record; the chair may correct it."""
    return (
        meeting.process.status == NetworkProcess.Status.OPEN
        and getattr(user, "is_authenticated", False)
        and user.pk in {meeting.recorder_id, meeting.chair_id}
    )


def can_plan(user, meeting: NetworkMeeting) -> bool:
    """The plan is made in the meeting: the chair, the recorder and the responsible workers write it."""
    return can_write_record(user, meeting) or can_edit_process(user, meeting.process)


def is_lp_negotiation_qualified(user) -> bool:
    """Only a worker trained for LP network negotiation (or a trainer) may chair one."""
    return LPQualification.objects.filter(
        user=user, level__in=[LPQualification.Level.NEGOTIATION, LPQualification.Level.TRAINER]
    ).exists()


def can_import_feedback(user, family_centre_id: int) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and family_centre_id in coordinator_centre_ids(user)


def can_view_feedback_summary(user, family_centre_id: int) -> bool:
    """Aggregates only: coordinators of the centre, and staff."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_staff or family_centre_id in coordinator_centre_ids(user)


def can_manage_qualifications(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_staff or bool(coordinator_centre_ids(user))
    )
