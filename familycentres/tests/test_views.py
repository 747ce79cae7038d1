"""Pages of the network: who may and who may not, empty states, forms that keep input, query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from familycentres.models import Group, Meeting, Membership
from familycentres.tests.factories import (
    AgendaItemFactory,
    AreaFactory,
    FamilyCentreFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    MunicipalityFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    return GroupFactory(name="Nokian perhekeskustiimi", kind=Group.Kind.LOCAL_TEAM)


@pytest.fixture
def chair(group):
    return MembershipFactory(group=group, role=Membership.Role.CHAIR).user


@pytest.fixture
def member(group):
    return MembershipFactory(group=group, role=Membership.Role.MEMBER).user


@pytest.fixture
def client_rep():
    other = GroupFactory(name="Kehittäjäasiakkaiden ryhmä", kind=Group.Kind.WORKING_GROUP)
    return MembershipFactory(group=other, role=Membership.Role.CLIENT_REPRESENTATIVE).user


def _meeting_post(**overrides):
    start = (timezone.localtime() + timedelta(days=3)).replace(hour=13, minute=0, second=0, microsecond=0)
    data = {
        "title": "Tiimipalaveri",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Perhekeskus, neuvotteluhuone 2",
        "video_url": "",
    }
    data.update(overrides)
    return data


PAGES_FOR_SIGNED_IN = [
    ("familycentres:centre_list", None),
    ("familycentres:area_list", None),
    ("familycentres:group_list", None),
    ("profile", None),
    ("home", None),
]


@pytest.mark.parametrize(("name", "_args"), PAGES_FOR_SIGNED_IN)
def test_pages_redirect_anonymous_to_login(client, name, _args):
    if name == "home":
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "Kirjaudu" in response.content.decode() or "Sign in" in response.content.decode()
        return
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize(("name", "_args"), PAGES_FOR_SIGNED_IN)
def test_pages_render_for_signed_in_professional(client, user, name, _args):
    client.force_login(user)
    assert client.get(reverse(name)).status_code == 200


def test_group_detail_lists_members_and_meetings(client, group, chair, member):
    MeetingFactory(group=group, title="Syksyn kokous")
    client.force_login(member)
    response = client.get(group.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert chair.full_name in body and member.full_name in body
    assert "Syksyn kokous" in body


def test_group_detail_anonymous_redirects(client, group):
    response = client.get(group.get_absolute_url())
    assert response.status_code == 302


def test_group_detail_unknown_id_is_404(client, user):
    client.force_login(user)
    assert client.get(reverse("familycentres:group_detail", args=[999_999])).status_code == 404


def test_group_detail_hidden_from_client_representative_of_other_group(client, group, client_rep):
    client.force_login(client_rep)
    assert client.get(group.get_absolute_url()).status_code == 404


def test_group_list_for_client_representative_shows_only_own_group(client, group, client_rep):
    client.force_login(client_rep)
    body = client.get(reverse("familycentres:group_list")).content.decode()
    assert "Kehittäjäasiakkaiden ryhmä" in body
    assert group.name not in body


def test_group_list_search_empty_state(client, user, group):
    client.force_login(user)
    response = client.get(reverse("familycentres:group_list"), {"q": "ei löydy mitään tällaista"})
    assert response.status_code == 200
    assert group.name not in response.content.decode()
    assert response.context["page"].paginator.count == 0


def test_group_list_htmx_renders_results_partial_only(client, user, group):
    client.force_login(user)
    response = client.get(reverse("familycentres:group_list"), {"q": "Nokian"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="results"' in body
    assert "<html" not in body
    assert group.name in body


def test_group_list_odd_query_values_do_not_fail(client, user, group):
    client.force_login(user)
    for params in (
        {"kind": "nonsense"},
        {"sort": "password"},
        {"page": "abc"},
        {"page": "-1"},
        {"q": "<script>x</script>" * 20},
    ):
        assert client.get(reverse("familycentres:group_list"), params).status_code == 200


def test_group_list_query_count_is_fixed(client, user, django_assert_max_num_queries):
    GroupFactory.create_batch(3)
    client.force_login(user)
    # 12: one asks whether the user may see who is at the table (the link to the overview), one is the
    # main menu's list of the person's developer groups.
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("familycentres:group_list"))
    GroupFactory.create_batch(22)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("familycentres:group_list"))


def test_group_detail_query_count_is_fixed(client, group, chair, django_assert_max_num_queries):
    MembershipFactory.create_batch(2, group=group)
    MeetingFactory.create_batch(2, group=group)
    client.force_login(chair)
    with django_assert_max_num_queries(20) as small:
        client.get(group.get_absolute_url())
    MembershipFactory.create_batch(20, group=group)
    MeetingFactory.create_batch(15, group=group)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(group.get_absolute_url())


def test_calendar_address_shown_to_members_only(client, group, member, user):
    client.force_login(member)
    assert group.ical_token in client.get(group.get_absolute_url()).content.decode()
    client.force_login(user)
    assert group.ical_token not in client.get(group.get_absolute_url()).content.decode()


def test_meeting_create_by_chair_invites_members_and_audits(client, group, chair, member):
    client.force_login(chair)
    response = client.post(reverse("familycentres:meeting_create", args=[group.pk]), _meeting_post())
    meeting = Meeting.objects.get(title="Tiimipalaveri")
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    assert set(meeting.attendances.values_list("user_id", flat=True)) == {chair.pk, member.pk}
    assert AuditEvent.objects.filter(action="meeting.create", object_id=str(meeting.pk), actor=chair).exists()


def test_meeting_create_denied_for_plain_member(client, group, member):
    client.force_login(member)
    url = reverse("familycentres:meeting_create", args=[group.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _meeting_post()).status_code == 403
    assert not Meeting.objects.exists()


def test_meeting_create_invalid_keeps_typed_input(client, group, chair):
    client.force_login(chair)
    data = _meeting_post(
        title="Kevään suunnittelu", ends_at=_meeting_post()["starts_at"], location="Kirjasto"
    )
    response = client.post(reverse("familycentres:meeting_create", args=[group.pk]), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Kevään suunnittelu"' in body
    assert 'value="Kirjasto"' in body
    assert "errorlist" in body
    assert not Meeting.objects.exists()


def test_meeting_create_without_place_or_link_is_rejected(client, group, chair):
    client.force_login(chair)
    response = client.post(
        reverse("familycentres:meeting_create", args=[group.pk]), _meeting_post(location="")
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_meeting_create_strips_nul_characters(client, group, chair):
    client.force_login(chair)
    client.post(
        reverse("familycentres:meeting_create", args=[group.pk]), _meeting_post(title="Tiimi\x00palaveri")
    )
    assert Meeting.objects.get().title == "Tiimipalaveri"


def test_meeting_detail_visible_to_signed_in_and_hidden_from_anonymous(client, group, user):
    meeting = MeetingFactory(group=group)
    AgendaItemFactory(meeting=meeting, title="Ajankohtaiset asiat")
    assert client.get(meeting.get_absolute_url()).status_code == 302
    client.force_login(user)
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    assert "Ajankohtaiset asiat" in response.content.decode()


def test_meeting_edit_and_cancel_denied_for_member(client, group, member):
    meeting = MeetingFactory(group=group)
    client.force_login(member)
    assert client.get(reverse("familycentres:meeting_edit", args=[meeting.pk])).status_code == 403
    assert client.post(reverse("familycentres:meeting_cancel", args=[meeting.pk])).status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_meeting_cancel_asks_confirmation_then_cancels(client, group, chair):
    meeting = MeetingFactory(group=group)
    client.force_login(chair)
    url = reverse("familycentres:meeting_cancel", args=[meeting.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED
    assert client.post(url).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.sequence == 1


def test_meeting_cancel_twice_shows_error(client, group, chair):
    meeting = MeetingFactory(group=group, status=Meeting.Status.CANCELLED)
    client.force_login(chair)
    response = client.post(reverse("familycentres:meeting_cancel", args=[meeting.pk]))
    assert response.status_code == 409
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_meeting_edit_by_chair_bumps_sequence(client, group, chair):
    meeting = MeetingFactory(group=group)
    client.force_login(chair)
    response = client.post(
        reverse("familycentres:meeting_edit", args=[meeting.pk]), _meeting_post(title="Uusi nimi")
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Uusi nimi"
    assert meeting.sequence == 1


def test_agenda_item_add_numbers_items(client, group, chair, member):
    meeting = MeetingFactory(group=group)
    client.force_login(chair)
    url = reverse("familycentres:agenda_item_add", args=[meeting.pk])
    client.post(url, {"title": "Kokouksen avaus"})
    client.post(url, {"title": "Havainnot"})
    assert list(meeting.agenda_items.values_list("order", "title")) == [
        (1, "Kokouksen avaus"),
        (2, "Havainnot"),
    ]
    client.force_login(member)
    assert client.post(url, {"title": "Ei saa"}).status_code == 403


def test_agenda_item_add_empty_title_returns_form_error(client, group, chair):
    meeting = MeetingFactory(group=group)
    client.force_login(chair)
    response = client.post(
        reverse("familycentres:agenda_item_add", args=[meeting.pk]), {"title": "", "description": "Säilyy"}
    )
    assert response.status_code == 400
    assert "Säilyy" in response.content.decode()
    assert not meeting.agenda_items.exists()


def test_minutes_mark_meeting_held(client, group, chair, member):
    meeting = MeetingFactory(
        group=group,
        starts_at=timezone.now() - timedelta(hours=3),
        ends_at=timezone.now() - timedelta(hours=1),
    )
    client.force_login(member)
    assert (
        client.post(reverse("familycentres:meeting_minutes", args=[meeting.pk]), {"minutes": "x"}).status_code
        == 403
    )
    client.force_login(chair)
    response = client.post(
        reverse("familycentres:meeting_minutes", args=[meeting.pk]), {"minutes": "Päätettiin jatkaa."}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.minutes == "Päätettiin jatkaa."


def test_calendar_rotate_only_by_manager(client, group, chair, member):
    old = group.ical_token
    client.force_login(member)
    assert client.post(reverse("familycentres:group_calendar_rotate", args=[group.pk])).status_code == 403
    client.force_login(chair)
    assert client.post(reverse("familycentres:group_calendar_rotate", args=[group.pk])).status_code == 302
    group.refresh_from_db()
    assert group.ical_token != old


def test_centre_detail_lists_groups_and_municipalities(client, user):
    county = AreaFactory(name_fi="Pirkanmaa")
    nokia = MunicipalityFactory(name_fi="Nokia", parent=county)
    centre = FamilyCentreFactory(
        name_fi="Nokian perhekeskus", wellbeing_county=county, municipalities=[nokia]
    )
    GroupFactory(family_centre=centre, name="Nokian ohjausryhmä")
    client.force_login(user)
    body = client.get(centre.get_absolute_url()).content.decode()
    assert "Nokia" in body and "Nokian ohjausryhmä" in body
    assert client.get(reverse("familycentres:centre_detail", args=["ei-ole"])).status_code == 404


def test_inactive_group_not_listed(client, user):
    GroupFactory(name="Lakkautettu ryhmä", is_active=False)
    client.force_login(user)
    assert "Lakkautettu ryhmä" not in client.get(reverse("familycentres:group_list")).content.decode()


def test_membership_of_other_user_does_not_grant_management(client, group):
    outsider = UserFactory()
    MembershipFactory(group=GroupFactory(), user=outsider, role=Membership.Role.CHAIR)
    client.force_login(outsider)
    assert client.get(reverse("familycentres:meeting_create", args=[group.pk])).status_code == 403


def test_attendance_recorded_by_chair_and_audited(client, group, chair, member):
    meeting = MeetingFactory(group=group)
    meeting.attendances.create(user=chair)
    meeting.attendances.create(user=member)
    client.force_login(chair)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'name="attendance-{member.pk}"' in page
    response = client.post(
        reverse("familycentres:meeting_attendance", args=[meeting.pk]),
        {f"attendance-{chair.pk}": "present", f"attendance-{member.pk}": "excused"},
    )
    assert response.status_code == 302
    assert dict(meeting.attendances.values_list("user_id", "status")) == {
        chair.pk: "present",
        member.pk: "excused",
    }
    assert AuditEvent.objects.filter(action="attendance.set").count() == 2


def test_attendance_denied_for_member_and_unknown_status_rejected(client, group, chair, member):
    meeting = MeetingFactory(group=group)
    meeting.attendances.create(user=member)
    client.force_login(member)
    url = reverse("familycentres:meeting_attendance", args=[meeting.pk])
    assert client.post(url, {f"attendance-{member.pk}": "present"}).status_code == 403
    assert f'name="attendance-{member.pk}"' not in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(chair)
    client.post(url, {f"attendance-{member.pk}": "<script>"})
    assert meeting.attendances.get().status == "invited"


def test_attendance_of_cancelled_meeting_not_changed(client, group, chair):
    meeting = MeetingFactory(group=group, status=Meeting.Status.CANCELLED)
    meeting.attendances.create(user=chair)
    client.force_login(chair)
    client.post(
        reverse("familycentres:meeting_attendance", args=[meeting.pk]), {f"attendance-{chair.pk}": "present"}
    )
    assert meeting.attendances.get().status == "invited"


def test_minutes_form_waits_for_the_meeting_to_start(client, group, chair):
    meeting = MeetingFactory(group=group)
    client.force_login(chair)
    with translation.override("en"):
        page, url = meeting.get_absolute_url(), reverse("familycentres:meeting_minutes", args=[meeting.pk])
    body = client.get(page).content.decode()
    assert 'id="minutes-form"' not in body
    assert "once the meeting has started" in body
    response = client.post(url, {"minutes": "Etukäteen"})
    assert response.status_code == 409
    assert "has not started yet" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_minutes_form_asks_attendance_and_keeps_what_was_typed(client, group, chair, member):
    meeting = MeetingFactory(group=group, started=True)
    meeting.attendances.create(user=chair)
    meeting.attendances.create(user=member)
    client.force_login(chair)
    with translation.override("en"):
        url = reverse("familycentres:meeting_minutes", args=[meeting.pk])
    assert 'form="minutes-form"' in client.get(meeting.get_absolute_url()).content.decode()
    response = client.post(url, {"minutes": "Pöytäkirjan teksti", f"attendance-{chair.pk}": "present"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Pöytäkirjan teksti" in body and "present, absent or excused" in body
    assert '<option value="present" selected>' in body
    response = client.post(
        url,
        {
            "minutes": "Pöytäkirjan teksti",
            f"attendance-{chair.pk}": "present",
            f"attendance-{member.pk}": "absent",
        },
    )
    assert response.status_code == 302
    assert dict(meeting.attendances.values_list("user_id", "status")) == {
        chair.pk: "present",
        member.pk: "absent",
    }


def test_agenda_item_edit_and_move_pages(client, group, chair, member):
    meeting = MeetingFactory(group=group)
    first = AgendaItemFactory(meeting=meeting, order=1, title="Ensimmäinen")
    second = AgendaItemFactory(meeting=meeting, order=2, title="Toinen")
    edit = reverse("familycentres:agenda_item_edit", args=[meeting.pk, first.pk])
    move = reverse("familycentres:agenda_item_move", args=[meeting.pk, second.pk])
    client.force_login(member)
    assert client.get(edit).status_code == 403
    assert client.post(move, {"direction": "up"}).status_code == 403
    client.force_login(chair)
    assert edit in client.get(meeting.get_absolute_url()).content.decode()
    response = client.post(edit, {"title": "", "description": "Säilyy"})
    assert response.status_code == 400 and "Säilyy" in response.content.decode()
    assert client.post(edit, {"title": "Korjattu", "description": ""}).status_code == 302
    assert client.post(move, {"direction": "up"}).status_code == 302
    assert list(meeting.agenda_items.order_by("order").values_list("title", flat=True)) == [
        "Toinen",
        "Korjattu",
    ]
    other = MeetingFactory(group=group)
    assert client.get(reverse("familycentres:agenda_item_edit", args=[other.pk, first.pk])).status_code == 404
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    response = client.post(edit, {"title": "Myöhässä", "description": ""})
    assert response.status_code == 409


def test_agenda_item_pages_redirect_anonymous(client, group):
    meeting = MeetingFactory(group=group)
    item = AgendaItemFactory(meeting=meeting, order=1)
    for url in (
        reverse("familycentres:agenda_item_edit", args=[meeting.pk, item.pk]),
        reverse("familycentres:agenda_item_move", args=[meeting.pk, item.pk]),
    ):
        assert client.get(url).status_code in (302, 405)
        assert client.post(url).status_code == 302
