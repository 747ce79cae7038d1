"""The local teams' rhythm: a team that has not met for two months reminds its coordinator once per gap;
the team's pages show how long since it last met."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.models import AuditEvent, Notification
from familycentres.models import Group, Meeting, Membership
from familycentres.services.rhythm import quiet_teams_remind
from familycentres.tasks import remind_quiet_local_teams
from familycentres.tests.factories import GroupFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _team(created_days_ago=200, **kwargs):
    team = GroupFactory(kind=Group.Kind.LOCAL_TEAM, **kwargs)
    Group.objects.filter(pk=team.pk).update(created_at=timezone.now() - timedelta(days=created_days_ago))
    team.coordinator = MembershipFactory(group=team, role=Membership.Role.COORDINATOR).user
    team.member = MembershipFactory(group=team, role=Membership.Role.MEMBER).user
    return team


def _met(team, days_ago, **kwargs):
    return MeetingFactory(group=team, starts_at=timezone.now() - timedelta(days=days_ago), **kwargs)


def test_quiet_team_coordinator_reminded_once_per_gap():
    team = _team()
    _met(team, 70, status=Meeting.Status.HELD)
    assert remind_quiet_local_teams() == 1
    assert remind_quiet_local_teams() == 0  # a re-run sends nothing twice
    notes = Notification.objects.filter(verb="team.quiet")
    assert [n.recipient for n in notes] == [team.coordinator]
    assert team.get_absolute_url() == notes[0].url
    assert AuditEvent.objects.filter(action="group.quiet_reminder", object_id=str(team.pk)).count() == 1
    # The team meets, then goes quiet again: a new gap, a new reminder.
    Meeting.objects.filter(group=team).update(starts_at=timezone.now() - timedelta(days=150))
    _met(team, 65)
    assert quiet_teams_remind() == 1
    assert Notification.objects.filter(verb="team.quiet", recipient=team.coordinator).count() == 2


def test_teams_that_meet_or_plan_to_are_not_reminded():
    recent = _team()
    _met(recent, 20)
    planned = _team()
    _met(planned, 90)
    MeetingFactory(group=planned)  # a week from now
    _team(created_days_ago=10)  # set up ten days ago, not yet expected to have met
    steering = GroupFactory(kind=Group.Kind.LOCAL_STEERING)  # not a local team
    MembershipFactory(group=steering, role=Membership.Role.COORDINATOR)
    _team(is_active=False)
    assert quiet_teams_remind() == 0
    assert not Notification.objects.exists()


def test_cancelled_meetings_do_not_count_and_never_met_team_is_reminded():
    team = _team()
    _met(team, 10, status=Meeting.Status.CANCELLED)
    never = _team()
    Membership.objects.filter(group=never, role=Membership.Role.COORDINATOR).delete()
    chair = MembershipFactory(group=never, role=Membership.Role.CHAIR).user
    assert quiet_teams_remind() == 2
    assert Notification.objects.filter(recipient=team.coordinator, verb="team.quiet").exists()
    # Without a coordinator the chair is reminded (in Finnish, the default language).
    assert Notification.objects.get(recipient=chair).text == (
        f"{never.name} ei ole vielä kokoontunut. Paikalliset tiimit kokoontuvat 1–2 kuukauden välein: "
        "suunnitelkaa ensimmäinen tapaaminen."
    )
    assert not Notification.objects.filter(recipient=never.member).exists()


def test_reminder_in_the_recipients_language():
    team = _team()
    team.coordinator.language = "en"
    team.coordinator.save(update_fields=["language"])
    _met(team, 70)
    quiet_teams_remind()
    text = Notification.objects.get(recipient=team.coordinator).text
    assert text.startswith(f"{team.name} has not met since ")
    assert "one to two months" in text


def test_team_pages_show_time_since_last_meeting(client, network):
    _met(network.team, 12, title="Syystapaaminen")
    client.force_login(network.professional)
    with translation.override("en"):
        group_url = reverse("familycentres:group_detail", args=[network.team.pk])
        team_url = reverse("observations:team_view", args=[network.team.pk])
    for target in (group_url, team_url):
        body = client.get(target).content.decode()
        assert "The team last met 12 days ago (Syystapaaminen" in body
    quiet = _team()
    client.force_login(quiet.member)
    with translation.override("en"):
        body = client.get(reverse("familycentres:group_detail", args=[quiet.pk])).content.decode()
    assert "The team has not met yet." in body and "plan the next meeting" in body
