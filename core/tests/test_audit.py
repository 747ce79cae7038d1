from __future__ import annotations

import pytest

from core.audit import access_log_record, audit_record, snapshot
from core.models import AccessLogEntry, AppendOnlyError, AuditEvent

pytestmark = pytest.mark.django_db


def test_audit_record_stores_actor_action_and_change(user):
    from familycentres.tests.factories import GroupFactory

    group = GroupFactory(name="Ennen")
    before = snapshot(group, ["name"])
    group.name = "Jälkeen"
    event = audit_record(
        actor=user, action="group.rename", obj=group, before=before, after=snapshot(group, ["name"])
    )
    event.refresh_from_db()
    assert event.actor == user
    assert event.before == {"name": "Ennen"} and event.after == {"name": "Jälkeen"}
    assert event.object_id == str(group.pk)


def test_audit_events_cannot_be_changed_or_deleted(user):
    event = audit_record(actor=user, action="x", obj=user)
    event.action = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "x"


def test_access_log_records_reader_and_purpose(user):
    entry = access_log_record(
        user=user, kind=AccessLogEntry.Kind.READ, obj=user, purpose="care", client_ref="c-1"
    )
    assert AccessLogEntry.objects.filter(pk=entry.pk, user=user, client_ref="c-1", kind="read").exists()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_snapshot_never_contains_password(user):
    assert "password" not in snapshot(user)


def test_audit_admin_is_read_only(admin_client):
    from django.urls import reverse

    assert admin_client.get(reverse("admin:core_auditevent_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:core_auditevent_add")).status_code == 403


# The database itself refuses to rewrite the logs (migration core 0003), whatever the ORM does.


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET action = 'tampered' WHERE id = %s",
        "UPDATE core_auditevent SET actor_id = NULL, action = 'tampered' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ],
)
def test_database_refuses_raw_update_and_delete_of_audit_event(user, sql):
    from django.db import DatabaseError, connection, transaction

    event = audit_record(actor=user, action="x", obj=user)

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])

    assert AuditEvent.objects.filter(pk=event.pk, action="x", actor=user).exists()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_accesslogentry SET purpose = 'other' WHERE id = %s",
        "DELETE FROM core_accesslogentry WHERE id = %s",
    ],
)
def test_database_refuses_raw_update_and_delete_of_access_log(user, sql):
    from django.db import DatabaseError, connection, transaction

    entry = access_log_record(user=user, kind=AccessLogEntry.Kind.READ, obj=user, purpose="care")

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.pk])

    assert AccessLogEntry.objects.filter(pk=entry.pk, purpose="care").exists()


def test_deleting_an_account_keeps_its_log_rows_without_the_person(user):
    from accounts.tests.factories import UserFactory

    reader = UserFactory()
    event = audit_record(actor=reader, action="x", obj=user)
    entry = access_log_record(user=reader, kind=AccessLogEntry.Kind.READ, obj=user, purpose="care")

    reader.delete()

    assert AuditEvent.objects.get(pk=event.pk).actor is None
    assert AccessLogEntry.objects.get(pk=entry.pk).user is None
