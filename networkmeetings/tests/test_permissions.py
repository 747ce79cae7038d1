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

from .factories import NetworkProcessFactory, ParticipantFactory, with_mfa


def test_visible_to_participants_only(world):
    visible = lambda u: set(NetworkProcess.objects.visible_to(u).values_list("pk", flat=True))  # noqa: E731
    assert visible(world.convener) == {world.process.pk}
    assert visible(world.pair) == {world.process.pk}
    assert visible(world.invited) == {world.process.pk}
    assert visible(world.outsider) == set()
    # SECURITY: an administrator who takes no part sees nothing.
    assert visible(world.admin) == set()


def test_visible_to_each_way_of_taking_part_same_as_or_of_the_four(world, django_assert_num_queries):
    """The look-up is a union of one index look-up per way of taking part; what it finds is exactly the
    processes where the user is convener, responsible worker, work pair or a current invitee."""
    from django.db.models import Q
    from django.utils import timezone

    from networkmeetings.models import Participant

    someone = UserFactory()
    convener, worker, pair, invitee = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    centre = world.centre
    as_convener = NetworkProcessFactory(family_centre=centre, convener=convener, responsible_worker=someone)
    as_worker = NetworkProcessFactory(family_centre=centre, convener=someone, responsible_worker=worker)
    as_pair = NetworkProcessFactory(family_centre=centre, convener=someone, responsible_pair=pair)
    as_invitee = NetworkProcessFactory(family_centre=centre, convener=someone)
    ParticipantFactory(process=as_invitee, user=invitee)
    # Taking part twice in one process (convener and invitee) still gives it once.
    ParticipantFactory(process=as_convener, user=convener)
    # A removed invitation and a closed process where the worker is responsible.
    removed = NetworkProcessFactory(family_centre=centre, convener=someone)
    ParticipantFactory(process=removed, user=invitee, removed_at=timezone.now())
    closed = NetworkProcessFactory(
        family_centre=centre,
        convener=someone,
        responsible_worker=worker,
        status="closed",
        closed_at=timezone.now(),
    )

    def or_of_the_four(user):
        invited = Participant.objects.filter(user=user, removed_at__isnull=True).values("process_id")
        return set(
            NetworkProcess.objects.filter(
                Q(convener=user) | Q(responsible_worker=user) | Q(responsible_pair=user) | Q(pk__in=invited)
            ).values_list("pk", flat=True)
        )

    expected = {
        convener: {as_convener.pk},
        worker: {as_worker.pk, closed.pk},
        pair: {as_pair.pk},
        invitee: {as_invitee.pk},
        world.outsider: set(),
        world.admin: set(),
    }
    for user, pks in expected.items():
        with django_assert_num_queries(1):
            found = list(NetworkProcess.objects.visible_to(user).values_list("pk", flat=True))
        assert len(found) == len(set(found)), "a process must not come twice"
        assert set(found) == pks == or_of_the_four(user)
    assert set(NetworkProcess.objects.visible_to(someone).values_list("pk", flat=True)) == or_of_the_four(
        someone
    )
    # Combined with other filters, as the list and the pages use it.
    assert list(NetworkProcess.objects.visible_to(worker).filter(status="open")) == [as_worker]


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
