from __future__ import annotations

from accounts.tests.factories import UserFactory
from networkmeetings.models import NetworkProcess
from networkmeetings.permissions import (
    can_edit_process,
    can_view_access_log,
    can_view_full_process,
    can_write_record,
    has_mfa,
)

from .factories import with_mfa


def test_visible_to_participants_only(world):
    visible = lambda u: set(NetworkProcess.objects.visible_to(u).values_list("pk", flat=True))  # noqa: E731
    assert visible(world.convener) == {world.process.pk}
    assert visible(world.pair) == {world.process.pk}
    assert visible(world.invited) == {world.process.pk}
    assert visible(world.outsider) == set()
    # SECURITY: an administrator who takes no part sees nothing.
    assert visible(world.admin) == set()


def test_removed_participant_no_longer_sees(world):
    from django.utils import timezone

    world.participant.removed_at = timezone.now()
    world.participant.save()
    assert not NetworkProcess.objects.visible_to(world.invited).exists()


def test_anonymous_and_inactive_see_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not NetworkProcess.objects.visible_to(AnonymousUser()).exists()
    world.convener.is_active = False
    world.convener.save()
    assert not NetworkProcess.objects.visible_to(world.convener).exists()


def test_invited_professional_sees_only_shared_part(world):
    assert can_view_full_process(world.convener, world.process)
    assert not can_view_full_process(world.invited, world.process)
    assert not can_edit_process(world.invited, world.process)
    assert can_view_access_log(world.pair, world.process)
    assert not can_view_access_log(world.invited, world.process)


def test_record_written_by_recorder_and_chair(world):
    assert can_write_record(world.pair, world.meeting)
    assert can_write_record(world.convener, world.meeting)
    assert not can_write_record(world.invited, world.meeting)


def test_has_mfa(db):
    user = UserFactory()
    assert not has_mfa(user)
    user = UserFactory()
    with_mfa(user)
    assert has_mfa(user)
