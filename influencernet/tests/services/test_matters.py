from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.errors import ConflictError, DomainError
from core.models import AuditEvent, Notification

from ...models import Matter, ResponseDelivery, Statement
from ...services import matters, members
from ..factories import open_matter, pass_deadline, world

pytestmark = pytest.mark.django_db


def test_matter_create_tells_asked_members_representatives():
    w = world(3)
    matter = open_matter(w, members=w.members[:2])
    assert set(matter.asked_members.all()) == set(w.members[:2])
    notified = set(
        Notification.objects.filter(verb="influencernet.matter_new").values_list("recipient_id", flat=True)
    )
    assert notified == {w.reps[0].pk, w.reps[1].pk}
    assert AuditEvent.objects.filter(action="influencernet.matter_create").count() == 1


def test_matter_create_by_steering_secretary_allowed_outsider_and_representative_refused():
    w = world(1)
    assert open_matter(w, actor=w.secretary).created_by == w.secretary
    for actor in (w.outsider, w.reps[0]):
        with pytest.raises(PermissionDenied):
            open_matter(w, actor=actor)


@pytest.mark.parametrize(
    "kwargs,code",
    [
        ({"title": ""}, "title_required"),
        ({"question": "Soita 040 123 4567"}, "personal_data"),
        ({"days": -1}, "deadline"),
        ({"members": []}, "members_required"),
    ],
)
def test_matter_create_refuses_bad_input(kwargs, code):
    w = world(1)
    with pytest.raises(DomainError) as exc:
        open_matter(w, **kwargs)
    assert exc.value.code == code


def test_matter_create_refuses_member_that_has_left():
    w = world(2)
    members.member_leave(actor=w.coordinator, member=w.members[0])
    with pytest.raises(DomainError) as exc:
        open_matter(w)
    assert exc.value.code == "members_invalid"


def test_statement_draft_then_send_and_second_send_becomes_edit_with_history():
    w = world(1)
    matter = open_matter(w)
    member, rep = w.members[0], w.reps[0]
    draft = matters.statement_save(actor=rep, matter=matter, member=member, text="Luonnos", send=False)
    assert draft.status == Statement.Status.DRAFT
    sent = matters.statement_save(actor=rep, matter=matter, member=member, text="Ensimmäinen")
    assert sent.status == Statement.Status.SUBMITTED and sent.submitted_at
    edited = matters.statement_save(actor=rep, matter=matter, member=member, text="Toinen")
    assert Statement.objects.filter(matter=matter, member=member).count() == 1
    assert edited.text == "Toinen"
    assert [v.text for v in edited.versions.all()] == ["Ensimmäinen"]


def test_statement_after_deadline_refused_with_date():
    w = world(1)
    matter = pass_deadline(open_matter(w))
    with pytest.raises(ConflictError) as exc:
        matters.statement_save(actor=w.reps[0], matter=matter, member=w.members[0], text="Myöhässä")
    assert exc.value.code == "deadline_passed"
    assert matters.deadline_text(matter.deadline) in exc.value.message


def test_statement_by_other_members_representative_or_outsider_refused():
    w = world(2)
    matter = open_matter(w, members=[w.members[0]])
    for actor, member in ((w.reps[1], w.members[0]), (w.outsider, w.members[0]), (w.reps[1], w.members[1])):
        with pytest.raises(PermissionDenied):
            matters.statement_save(actor=actor, matter=matter, member=member, text="x")


def test_statement_too_long_refused_clearly():
    w = world(1)
    matter = open_matter(w)
    with pytest.raises(DomainError) as exc:
        matters.statement_save(actor=w.reps[0], matter=matter, member=w.members[0], text="a" * 50_000)
    assert exc.value.code == "too_long"
    assert not Statement.objects.exists()


def test_statement_html_kept_as_text():
    w = world(1)
    matter = open_matter(w)
    s = matters.statement_save(
        actor=w.reps[0], matter=matter, member=w.members[0], text="<script>x</script>\x00"
    )
    assert s.text == "<script>x</script>"


def test_public_statement_with_personal_data_refused():
    w = world(1)
    matter = open_matter(w)
    with pytest.raises(DomainError) as exc:
        matters.statement_save(
            actor=w.reps[0], matter=matter, member=w.members[0], text="Soita 040 123 4567", is_public=True
        )
    assert exc.value.code == "public_personal_data"
    # Not public, the same text is accepted (it is not shown on the public page).
    matters.statement_save(actor=w.reps[0], matter=matter, member=w.members[0], text="Soita 040 123 4567")


def test_decline_then_cannot_decline_after_sending():
    w = world(2)
    matter = open_matter(w)
    assert matters.statement_decline(actor=w.reps[0], matter=matter, member=w.members[0]).status == "declined"
    matters.statement_save(actor=w.reps[1], matter=matter, member=w.members[1], text="Lausunto")
    with pytest.raises(ConflictError):
        matters.statement_decline(actor=w.reps[1], matter=matter, member=w.members[1])


def test_member_that_has_left_cannot_answer():
    w = world(1)
    matter = open_matter(w)
    members.member_leave(actor=w.coordinator, member=w.members[0])
    with pytest.raises(PermissionDenied):
        matters.statement_save(actor=w.reps[0], matter=matter, member=w.members[0], text="x")


def test_respond_before_deadline_refused_unless_all_answered():
    w = world(2)
    matter = open_matter(w)
    matters.statement_save(actor=w.reps[0], matter=matter, member=w.members[0], text="A")
    with pytest.raises(ConflictError) as exc:
        matters.matter_respond(actor=w.coordinator, matter=matter, response="Käytimme")
    assert exc.value.code == "too_early"
    matters.statement_decline(actor=w.reps[1], matter=matter, member=w.members[1])
    matter = matters.matter_respond(actor=w.coordinator, matter=matter, response="Käytimme")
    assert matter.status == Matter.Status.RESPONDED


def test_close_without_response_refused_and_database_refuses_too():
    w = world(1)
    matter = pass_deadline(open_matter(w))
    with pytest.raises(DomainError) as exc:
        matters.matter_close(actor=w.coordinator, matter=matter)
    assert exc.value.code == "response_required"
    with pytest.raises(IntegrityError), transaction.atomic():
        Matter.objects.filter(pk=matter.pk).update(status=Matter.Status.CLOSED)


def test_respond_and_close_by_outsider_or_representative_refused():
    w = world(1)
    matter = pass_deadline(open_matter(w))
    for actor in (w.outsider, w.reps[0]):
        with pytest.raises(PermissionDenied):
            matters.matter_respond(actor=actor, matter=matter, response="x")
        with pytest.raises(PermissionDenied):
            matters.matter_close(actor=actor, matter=matter)


def test_respond_twice_refused_and_close_twice_refused():
    w = world(1)
    matter = pass_deadline(open_matter(w))
    matters.matter_respond(actor=w.secretary, matter=matter, response="Vastaus")
    with pytest.raises(ConflictError):
        matters.matter_respond(actor=w.secretary, matter=matter, response="Toinen")
    matters.matter_close(actor=w.secretary, matter=matter)
    with pytest.raises(DomainError):
        matters.matter_close(actor=w.secretary, matter=matter)


def test_response_with_personal_data_refused():
    w = world(1)
    matter = pass_deadline(open_matter(w))
    with pytest.raises(DomainError) as exc:
        matters.matter_respond(actor=w.coordinator, matter=matter, response="Kysy maija@example.fi")
    assert exc.value.code == "personal_data"


def test_whole_round_six_members_three_answer_reminders_once_response_reaches_answerers(
    django_capture_on_commit_callbacks,
):
    from ...services.reminders import reminder_send, reminders_schedule

    w = world(6)
    with django_capture_on_commit_callbacks(execute=True):
        matter = open_matter(w, days=2)  # within the three-day reminder window
    for i in range(3):
        matters.statement_save(actor=w.reps[i], matter=matter, member=w.members[i], text=f"Lausunto {i}")
    mail.outbox.clear()
    for _run in range(2):
        for reminder_id in reminders_schedule():
            with django_capture_on_commit_callbacks(execute=True):
                reminder_send(reminder_id)
    reminded = Notification.objects.filter(verb="influencernet.matter_reminder")
    assert sorted(reminded.values_list("recipient_id", flat=True)) == sorted(u.pk for u in w.reps[3:])
    assert len(mail.outbox) == 3
    pass_deadline(matter)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        matters.matter_respond(
            actor=w.secretary, matter=matter, response="Lausunnot muuttivat aukioloaikoja."
        )
    assert set(ResponseDelivery.objects.values_list("member_id", flat=True)) == {m.pk for m in w.members[:3]}
    told = set(
        Notification.objects.filter(verb="influencernet.matter_response").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {u.pk for u in w.reps[:3]}
    assert len(mail.outbox) == 3
    assert all(d.emailed_at for d in ResponseDelivery.objects.all())
    closed = matters.matter_close(actor=w.secretary, matter=matter)
    assert closed.status == Matter.Status.CLOSED


def test_reminders_skip_members_that_left_and_closed_matters():
    from ...services.reminders import reminder_send, reminders_schedule

    w = world(2)
    matter = open_matter(w, days=1)
    members.member_leave(actor=w.coordinator, member=w.members[0])
    for reminder_id in reminders_schedule():
        reminder_send(reminder_id)
    reminded = list(
        Notification.objects.filter(verb="influencernet.matter_reminder").values_list(
            "recipient_id", flat=True
        )
    )
    assert reminded == [w.reps[1].pk]
    assert matter.reminders.count() == 1


def test_reminders_not_before_window():
    from ...services.reminders import reminders_schedule

    w = world(1)
    open_matter(w, days=10)
    assert reminders_schedule() == []
    assert reminders_schedule(now=timezone.now() + timedelta(days=8)) != []
