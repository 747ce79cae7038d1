from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from core.errors import DomainError
from networkmeetings.models import GenogramRelation, Participant
from networkmeetings.services import preparation as prep

from ..factories import NetworkProcessFactory


def test_preparation_saved_and_audited_without_text(world):
    prep.preparation_update(
        actor=world.convener,
        process=world.process,
        core_issue="Mornings are hard",
        what_is_told="Mother tells about mornings",
        shared_with_invitees="The mornings",
        family_told_how_it_works=True,
    )
    world.process.refresh_from_db()
    assert world.process.core_issue == "Mornings are hard"
    from core.models import AuditEvent

    event = AuditEvent.objects.get(action="networkmeetings.preparation_update")
    assert "Mornings" not in str(event.after)


def test_invited_professional_cannot_edit_preparation(world):
    with pytest.raises(PermissionDenied):
        prep.preparation_update(
            actor=world.invited,
            process=world.process,
            core_issue="x",
            what_is_told="",
            shared_with_invitees="",
            family_told_how_it_works=False,
        )


def test_invite_professional_sends_link_only_email(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        participant = prep.participant_invite(
            actor=world.convener,
            process=world.process,
            kind="professional",
            user=world.outsider,
            description="school nurse",
        )
    assert participant.user == world.outsider
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert world.process.label not in message.body and world.process.label not in message.subject
    assert f"/network-meetings/{world.process.pk}/answer/" in message.body
    assert message.attachments and message.attachments[0][0] == "meeting.ics"
    assert world.process.label not in message.attachments[0][1]


def test_invite_twice_refused(world):
    with pytest.raises(DomainError):
        prep.participant_invite(
            actor=world.convener,
            process=world.process,
            kind="professional",
            user=world.invited,
            description="x",
        )


def test_invite_family_network_without_account(world):
    p = prep.participant_invite(
        actor=world.convener, process=world.process, kind="family_network", description="grandmother"
    )
    assert p.user is None and p.kind == Participant.Kind.FAMILY_NETWORK


def test_answer_by_invitee_only(world):
    prep.participant_answer(actor=world.invited, participant=world.participant, answer="coming")
    world.participant.refresh_from_db()
    assert world.participant.answer == "coming"
    with pytest.raises(PermissionDenied):
        prep.participant_answer(actor=world.outsider, participant=world.participant, answer="coming")
    with pytest.raises(DomainError):
        prep.participant_answer(
            actor=world.invited, participant=world.participant, answer="message", message=""
        )


def test_genogram_relation_only_between_people_in_it(world):
    mother = prep.genogram_person_add(
        actor=world.convener, process=world.process, name="äiti", gender="female", generation=-1
    )
    child = prep.genogram_person_add(
        actor=world.convener, process=world.process, name="A", gender="male", generation=0, is_child=True
    )
    prep.genogram_relation_add(
        actor=world.convener, process=world.process, source_id=mother.pk, target_id=child.pk, kind="parent"
    )
    other_process = NetworkProcessFactory(convener=world.convener)
    stranger = prep.genogram_person_add(
        actor=world.convener, process=other_process, name="B", gender="male", generation=0
    )
    with pytest.raises(DomainError) as exc:
        prep.genogram_relation_add(
            actor=world.convener,
            process=world.process,
            source_id=mother.pk,
            target_id=stranger.pk,
            kind="parent",
        )
    assert exc.value.code == "target"
    with pytest.raises(DomainError):
        prep.genogram_relation_add(
            actor=world.convener,
            process=world.process,
            source_id=mother.pk,
            target_id=mother.pk,
            kind="close",
        )
    assert GenogramRelation.objects.filter(process=world.process).count() == 1


def test_timeline_event_checks_year_and_month(world):
    prep.timeline_event_add(
        actor=world.convener, process=world.process, year=2024, month=5, text="Moved house"
    )
    with pytest.raises(DomainError):
        prep.timeline_event_add(actor=world.convener, process=world.process, year=1800, month=None, text="x")
    with pytest.raises(DomainError):
        prep.timeline_event_add(actor=world.convener, process=world.process, year=2024, month=13, text="x")
    with pytest.raises(DomainError):
        prep.timeline_event_add(actor=world.convener, process=world.process, year=2024, month=None, text=" ")


def test_guest_invitation_link_shows_only_until_expiry(world, django_capture_on_commit_callbacks):
    import datetime
    import re

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        guest = prep.participant_invite(
            actor=world.convener,
            process=world.process,
            kind="external",
            description="football coach",
            email="coach@example.test",
        )
    assert guest.user is None and guest.token_hash and guest.email == "coach@example.test"
    message = mail.outbox[-1]
    assert message.to == ["coach@example.test"] and world.process.label not in message.body
    token = re.search(r"/network-meetings/invitation/([^/]+)/", message.body).group(1)
    assert token not in guest.token_hash
    assert prep.participant_for_guest_token(token) == guest
    prep.participant_answer_as_guest(participant=guest, answer="not_coming")
    guest.refresh_from_db()
    assert guest.answer == "not_coming"
    Participant.objects.filter(pk=guest.pk).update(
        token_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert prep.participant_for_guest_token(token) is None


def test_external_invitee_needs_a_valid_email(world):
    with pytest.raises(DomainError) as exc:
        prep.participant_invite(
            actor=world.convener, process=world.process, kind="external", description="coach"
        )
    assert exc.value.code == "email"
    with pytest.raises(DomainError):
        prep.participant_invite(
            actor=world.convener,
            process=world.process,
            kind="external",
            description="coach",
            email="not-an-email",
        )
