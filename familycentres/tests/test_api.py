"""The network REST API (/api/v1/): who may read and write what, visibility of limited accounts,
filters, query counts, the meeting services behind the API, and the OpenAPI schema."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.validation import validate_schema
from rest_framework.authtoken.models import Token

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from familycentres.models import Area, FamilyCentre, Group, Meeting, Membership, Organisation
from familycentres.tests.factories import (
    AgendaItemFactory,
    AreaFactory,
    FamilyCentreFactory,
    GroupFactory,
    MeetingFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

ENDPOINTS = ["area", "organisation", "familycentre", "group", "membership", "meeting"]
DELETABLE = ["area", "organisation", "familycentre", "group", "membership"]

MODELS = {
    "area": Area,
    "organisation": Organisation,
    "familycentre": FamilyCentre,
    "group": Group,
    "membership": Membership,
    "meeting": Meeting,
}
AUDIT_NAMES = {
    "area": "area",
    "organisation": "organisation",
    "familycentre": "family_centre",
    "group": "group",
    "membership": "membership",
    "meeting": "meeting",
}
# One field per endpoint that an administrator may change with PATCH, and its new value.
PATCHES = {
    "area": ("name_sv", "Nytt namn"),
    "organisation": ("business_id", "1234567-8"),
    "familycentre": ("description", "Palvelee koko aluetta."),
    "group": ("description", "Kokoontuu kuukausittain."),
    "membership": ("role", Membership.Role.SECRETARY),
    "meeting": ("title", "Siirretty kokous"),
}


def _make(kind: str):
    """One object of the endpoint's model with every relation the list shows filled in, so a missing
    select_related or prefetch shows up as extra queries."""
    if kind == "area":
        return MunicipalityFactory()
    if kind == "organisation":
        return OrganisationFactory(area=MunicipalityFactory())
    if kind == "familycentre":
        municipality = MunicipalityFactory()
        return FamilyCentreFactory(wellbeing_county=municipality.parent, municipalities=[municipality])
    if kind == "group":
        group = GroupFactory(area=MunicipalityFactory(), parent=GroupFactory(family_centre=None))
        MembershipFactory.create_batch(2, group=group)
        return group
    if kind == "membership":
        return MembershipFactory(organisation=OrganisationFactory())
    if kind == "meeting":
        meeting = MeetingFactory()
        AgendaItemFactory.create_batch(2, meeting=meeting)
        return meeting
    raise AssertionError(kind)


def _create_payload(kind: str) -> dict:
    if kind == "area":
        return {
            "kind": "municipality",
            "code": "999",
            "name_fi": "Uusikunta",
            "name_sv": "Nykommun",
            "parent": AreaFactory().pk,
        }
    if kind == "organisation":
        return {"name": "Uusi yhdistys ry", "kind": "ngo"}
    if kind == "familycentre":
        municipality = MunicipalityFactory()
        return {
            "name_fi": "Uusi perhekeskus",
            "slug": "uusi-perhekeskus",
            "wellbeing_county": municipality.parent.pk,
            "municipalities": [municipality.pk],
        }
    if kind == "group":
        return {
            "name": "Uusi tiimi",
            "kind": "local_team",
            "level": "local",
            "family_centre": FamilyCentreFactory().pk,
        }
    if kind == "membership":
        return {"group": GroupFactory().pk, "user": UserFactory().pk, "role": "chair"}
    if kind == "meeting":
        starts = timezone.now() + timedelta(days=3)
        return {
            "group": GroupFactory().pk,
            "title": "Ohjausryhmän kokous",
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=2)).isoformat(),
        }
    raise AssertionError(kind)


def _list_url(kind: str) -> str:
    return reverse(f"{kind}-list")


def _detail_url(kind: str, pk: int) -> str:
    return reverse(f"{kind}-detail", args=[pk])


def _ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def _local_noon(days_from_today: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days_from_today)
    return timezone.make_aware(datetime.combine(day, time(12)))


@pytest.fixture
def user_client(api_client, user):
    api_client.force_login(user)
    return api_client


@pytest.fixture
def staff_client(api_client, staff_user):
    api_client.force_login(staff_user)
    return api_client


@pytest.fixture
def limited():
    """A client representative in one group, next to a group they are not in."""
    own_group, other_group = GroupFactory(), GroupFactory()
    representative = UserFactory()
    own_membership = MembershipFactory(
        group=own_group, user=representative, role=Membership.Role.CLIENT_REPRESENTATIVE
    )
    return SimpleNamespace(
        user=representative,
        own_group=own_group,
        other_group=other_group,
        own_membership=own_membership,
        colleague_membership=MembershipFactory(group=own_group),
        other_membership=MembershipFactory(group=other_group),
        own_meeting=MeetingFactory(group=own_group),
        other_meeting=MeetingFactory(group=other_group),
    )


@pytest.fixture
def limited_client(api_client, limited):
    api_client.force_login(limited.user)
    return api_client


# --- reads ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ENDPOINTS)
def test_list_allowed_signed_in_user(user_client, kind):
    obj = _make(kind)

    response = user_client.get(_list_url(kind))

    assert response.status_code == 200
    assert obj.pk in _ids(response)


@pytest.mark.parametrize("kind", ENDPOINTS)
def test_detail_allowed_signed_in_user(user_client, kind):
    obj = _make(kind)

    response = user_client.get(_detail_url(kind, obj.pk))

    assert response.status_code == 200
    assert response.json()["id"] == obj.pk


@pytest.mark.parametrize("kind", ENDPOINTS)
def test_list_denied_anonymous(api_client, kind):
    _make(kind)

    response = api_client.get(_list_url(kind))

    assert response.status_code in (401, 403)


@pytest.mark.parametrize("kind", ENDPOINTS)
def test_detail_denied_anonymous(api_client, kind):
    obj = _make(kind)

    response = api_client.get(_detail_url(kind, obj.pk))

    assert response.status_code in (401, 403)
    assert "name" not in response.json()


@pytest.mark.parametrize("kind", ENDPOINTS)
def test_list_denied_inactive_user(api_client, kind):
    api_client.force_login(UserFactory(is_active=False))

    response = api_client.get(_list_url(kind))

    assert response.status_code in (401, 403)


@pytest.mark.parametrize("kind", ENDPOINTS)
def test_detail_returns_404_unknown_id(user_client, kind):
    _make(kind)

    response = user_client.get(_detail_url(kind, 987654321))

    assert response.status_code == 404


def test_area_name_localised_by_request_language(user_client):
    area = MunicipalityFactory(name_fi="Pori", name_sv="Björneborg")

    swedish = user_client.get(_detail_url("area", area.pk), HTTP_ACCEPT_LANGUAGE="sv")
    finnish = user_client.get(_detail_url("area", area.pk), HTTP_ACCEPT_LANGUAGE="fi")

    assert swedish.json()["name"] == "Björneborg"
    assert finnish.json()["name"] == "Pori"
    assert set(finnish.json()) == {
        "id",
        "name",
        "name_fi",
        "name_sv",
        "kind",
        "code",
        "parent",
        "sotkanet_region_id",
    }


def test_group_detail_hides_calendar_token(user_client):
    group = GroupFactory()

    response = user_client.get(_detail_url("group", group.pk))

    assert "ical_token" not in response.json()
    assert group.ical_token not in response.content.decode()


def test_meeting_detail_includes_status_and_agenda_in_order(user_client):
    meeting = MeetingFactory()
    second = AgendaItemFactory(meeting=meeting, order=2, title="Toinen")
    first = AgendaItemFactory(meeting=meeting, order=1, title="Ensimmäinen")

    body = user_client.get(_detail_url("meeting", meeting.pk)).json()

    assert body["status"] == "planned"
    assert [item["id"] for item in body["agenda_items"]] == [first.pk, second.pk]
    assert set(body["agenda_items"][0]) == {"id", "order", "title", "description", "outcome"}


def test_membership_shows_person_name_not_email(user_client):
    membership = MembershipFactory(user=UserFactory(full_name="Maija Meikäläinen"))

    body = user_client.get(_detail_url("membership", membership.pk)).json()

    assert body["user_name"] == "Maija Meikäläinen"
    assert membership.user.email not in json.dumps(body)


# --- writes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ENDPOINTS)
def test_create_allowed_staff(staff_client, kind):
    payload = _create_payload(kind)
    before = MODELS[kind].objects.count()

    response = staff_client.post(_list_url(kind), payload, format="json")

    assert response.status_code == 201, response.json()
    assert MODELS[kind].objects.count() == before + 1
    created_id = response.json()["id"]
    assert AuditEvent.objects.filter(action=f"{AUDIT_NAMES[kind]}.create", object_id=str(created_id)).exists()


@pytest.mark.parametrize("kind", ENDPOINTS)
def test_create_forbidden_non_staff(user_client, kind):
    payload = _create_payload(kind)
    before = MODELS[kind].objects.count()

    response = user_client.post(_list_url(kind), payload, format="json")

    assert response.status_code == 403
    assert MODELS[kind].objects.count() == before


@pytest.mark.parametrize("kind", ENDPOINTS)
def test_create_denied_anonymous(api_client, kind):
    payload = _create_payload(kind)

    response = api_client.post(_list_url(kind), payload, format="json")

    assert response.status_code in (401, 403)


@pytest.mark.parametrize("kind", ENDPOINTS)
def test_update_allowed_staff(staff_client, kind):
    obj = _make(kind)
    field, value = PATCHES[kind]

    response = staff_client.patch(_detail_url(kind, obj.pk), {field: value}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()[field] == value
    obj.refresh_from_db()
    assert getattr(obj, field) == value
    assert AuditEvent.objects.filter(action=f"{AUDIT_NAMES[kind]}.update", object_id=str(obj.pk)).exists()


@pytest.mark.parametrize("kind", ENDPOINTS)
def test_update_forbidden_non_staff(user_client, kind):
    obj = _make(kind)
    field, value = PATCHES[kind]

    response = user_client.patch(_detail_url(kind, obj.pk), {field: value}, format="json")

    assert response.status_code == 403
    obj.refresh_from_db()
    assert getattr(obj, field) != value


@pytest.mark.parametrize("kind", DELETABLE)
def test_delete_allowed_staff(staff_client, kind):
    obj = _make(kind)

    response = staff_client.delete(_detail_url(kind, obj.pk))

    assert response.status_code == 204
    assert not MODELS[kind].objects.filter(pk=obj.pk).exists()
    assert AuditEvent.objects.filter(action=f"{AUDIT_NAMES[kind]}.delete", object_id=str(obj.pk)).exists()


@pytest.mark.parametrize("kind", ENDPOINTS)
def test_delete_forbidden_non_staff(user_client, kind):
    obj = _make(kind)

    response = user_client.delete(_detail_url(kind, obj.pk))

    assert response.status_code == 403
    assert MODELS[kind].objects.filter(pk=obj.pk).exists()


def test_meeting_delete_not_allowed_staff(staff_client):
    meeting = MeetingFactory()

    response = staff_client.delete(_detail_url("meeting", meeting.pk))

    assert response.status_code == 405
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_delete_returns_409_when_still_referred_to(staff_client):
    county = MunicipalityFactory().parent

    response = staff_client.delete(_detail_url("area", county.pk))

    assert response.status_code == 409
    assert response.json()["code"] == "in_use"
    assert Area.objects.filter(pk=county.pk).exists()
    assert not AuditEvent.objects.filter(action="area.delete").exists()


def test_group_delete_returns_409_with_meetings(staff_client):
    meeting = MeetingFactory()

    response = staff_client.delete(_detail_url("group", meeting.group_id))

    assert response.status_code == 409
    assert Group.objects.filter(pk=meeting.group_id).exists()


def test_area_create_county_with_parent_returns_400(staff_client):
    payload = {"kind": "wellbeing_county", "code": "99", "name_fi": "Testi", "parent": AreaFactory().pk}

    response = staff_client.post(_list_url("area"), payload, format="json")

    assert response.status_code == 400
    assert "parent" in response.json()


def test_area_create_municipality_without_parent_returns_400(staff_client):
    payload = {"kind": "municipality", "code": "998", "name_fi": "Testi"}

    response = staff_client.post(_list_url("area"), payload, format="json")

    assert response.status_code == 400
    assert "parent" in response.json()


def test_area_create_duplicate_kind_and_code_returns_400(staff_client):
    existing = MunicipalityFactory()
    payload = {
        "kind": "municipality",
        "code": existing.code,
        "name_fi": "Toinen",
        "parent": existing.parent_id,
    }

    response = staff_client.post(_list_url("area"), payload, format="json")

    assert response.status_code == 400


def test_area_update_parent_inside_itself_returns_400(staff_client):
    region = AreaFactory(kind=Area.Kind.REGION)
    municipality = MunicipalityFactory(parent=region)

    response = staff_client.patch(_detail_url("area", region.pk), {"parent": municipality.pk}, format="json")

    assert response.status_code == 400
    region.refresh_from_db()
    assert region.parent_id != municipality.pk


def test_family_centre_create_with_municipality_as_county_returns_400(staff_client):
    municipality = MunicipalityFactory()
    payload = {
        "name_fi": "Väärä",
        "slug": "vaara",
        "wellbeing_county": municipality.pk,
        "municipalities": [municipality.pk],
    }

    response = staff_client.post(_list_url("familycentre"), payload, format="json")

    assert response.status_code == 400
    assert "wellbeing_county" in response.json()


def test_group_update_parent_below_itself_returns_400(staff_client):
    upper = GroupFactory(family_centre=None)
    lower = GroupFactory(parent=upper)

    response = staff_client.patch(_detail_url("group", upper.pk), {"parent": lower.pk}, format="json")

    assert response.status_code == 400
    upper.refresh_from_db()
    assert upper.parent_id is None


def test_group_create_ignores_calendar_token_in_input(staff_client):
    payload = {"name": "Tiimi", "kind": "local_team", "level": "local", "ical_token": "chosen-by-client"}

    response = staff_client.post(_list_url("group"), payload, format="json")

    assert response.status_code == 201
    assert Group.objects.get(pk=response.json()["id"]).ical_token != "chosen-by-client"


def test_membership_create_ending_before_start_returns_400(staff_client):
    payload = {
        "group": GroupFactory().pk,
        "user": UserFactory().pk,
        "role": "member",
        "started_on": "2025-03-01",
        "ended_on": "2025-02-01",
    }

    response = staff_client.post(_list_url("membership"), payload, format="json")

    assert response.status_code == 400
    assert "ended_on" in response.json()


def test_membership_create_duplicate_current_role_returns_409(staff_client):
    existing = MembershipFactory(role=Membership.Role.CHAIR)
    payload = {"group": existing.group_id, "user": existing.user_id, "role": "chair"}

    response = staff_client.post(_list_url("membership"), payload, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "membership_exists"
    assert Membership.objects.filter(group=existing.group, user=existing.user).count() == 1


def test_membership_update_role_to_existing_current_one_returns_409(staff_client):
    chair = MembershipFactory(role=Membership.Role.CHAIR)
    member = MembershipFactory(group=chair.group, user=chair.user, role=Membership.Role.MEMBER)

    response = staff_client.patch(_detail_url("membership", member.pk), {"role": "chair"}, format="json")

    assert response.status_code == 409
    member.refresh_from_db()
    assert member.role == Membership.Role.MEMBER


def test_membership_create_same_role_after_ended_one_allowed_staff(staff_client):
    ended = MembershipFactory(role=Membership.Role.CHAIR, started_on="2024-01-01", ended_on="2024-12-31")
    payload = {"group": ended.group_id, "user": ended.user_id, "role": "chair"}

    response = staff_client.post(_list_url("membership"), payload, format="json")

    assert response.status_code == 201, response.json()


# --- meetings through the services -----------------------------------------------------------------


def test_meeting_create_end_before_start_returns_400(staff_client):
    starts = timezone.now() + timedelta(days=2)
    payload = {
        "group": GroupFactory().pk,
        "title": "Väärinpäin",
        "starts_at": starts.isoformat(),
        "ends_at": (starts - timedelta(hours=1)).isoformat(),
    }

    response = staff_client.post(_list_url("meeting"), payload, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "meeting_times"
    assert not Meeting.objects.exists()


def test_meeting_create_invites_current_members_staff(staff_client):
    group = GroupFactory()
    members = MembershipFactory.create_batch(2, group=group)
    payload = _create_payload("meeting") | {"group": group.pk}

    response = staff_client.post(_list_url("meeting"), payload, format="json")

    assert response.status_code == 201
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert {a.user_id for a in meeting.attendances.all()} == {m.user_id for m in members}
    assert response.json()["status"] == "planned"
    assert response.json()["agenda_items"] == []


def test_meeting_create_ignores_status_in_input_staff(staff_client):
    payload = _create_payload("meeting") | {"status": "held", "minutes": "Kirjoitettu etukäteen"}

    response = staff_client.post(_list_url("meeting"), payload, format="json")

    assert response.status_code == 201
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert meeting.status == Meeting.Status.PLANNED
    assert meeting.minutes == ""


def test_meeting_update_partial_keeps_other_fields_and_bumps_sequence(staff_client):
    meeting = MeetingFactory(location="Kirjasto")

    response = staff_client.patch(_detail_url("meeting", meeting.pk), {"title": "Uusi"}, format="json")

    assert response.status_code == 200
    meeting.refresh_from_db()
    assert (meeting.title, meeting.location, meeting.sequence) == ("Uusi", "Kirjasto", 1)


def test_meeting_update_end_before_start_returns_400(staff_client):
    meeting = MeetingFactory()

    response = staff_client.patch(
        _detail_url("meeting", meeting.pk),
        {"ends_at": (meeting.starts_at - timedelta(minutes=5)).isoformat()},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "meeting_times"


def test_meeting_update_cancelled_returns_409(staff_client):
    meeting = MeetingFactory(status=Meeting.Status.CANCELLED)

    response = staff_client.patch(_detail_url("meeting", meeting.pk), {"title": "Uusi"}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "meeting_cancelled"


def test_meeting_update_to_other_group_returns_400(staff_client):
    meeting = MeetingFactory()
    other = GroupFactory()

    response = staff_client.patch(_detail_url("meeting", meeting.pk), {"group": other.pk}, format="json")

    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.group_id != other.pk


def test_meeting_cancel_allowed_staff(staff_client):
    meeting = MeetingFactory()

    response = staff_client.post(reverse("meeting-cancel", args=[meeting.pk]))

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert AuditEvent.objects.filter(action="meeting.cancel", object_id=str(meeting.pk)).exists()


def test_meeting_cancel_twice_returns_409(staff_client):
    meeting = MeetingFactory(status=Meeting.Status.CANCELLED)

    response = staff_client.post(reverse("meeting-cancel", args=[meeting.pk]))

    assert response.status_code == 409


def test_meeting_cancel_forbidden_non_staff(user_client):
    meeting = MeetingFactory()

    response = user_client.post(reverse("meeting-cancel", args=[meeting.pk]))

    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_meeting_cancel_forbidden_group_chair(api_client):
    # The API is for administrators' writes only, even where the pages let a chair manage meetings.
    chair = MembershipFactory(role=Membership.Role.CHAIR)
    meeting = MeetingFactory(group=chair.group)
    api_client.force_login(chair.user)

    response = api_client.post(reverse("meeting-cancel", args=[meeting.pk]))

    assert response.status_code == 403


# --- limited accounts (client representatives) ----------------------------------------------------


def test_limited_account_lists_only_own_groups(limited_client, limited):
    response = limited_client.get(_list_url("group"))

    assert _ids(response) == {limited.own_group.pk}


def test_limited_account_sees_full_member_count_of_own_group(limited_client, limited):
    response = limited_client.get(_detail_url("group", limited.own_group.pk))

    assert response.json()["member_count"] == 2


def test_limited_account_lists_only_memberships_of_own_groups(limited_client, limited):
    response = limited_client.get(_list_url("membership"))

    assert _ids(response) == {limited.own_membership.pk, limited.colleague_membership.pk}


def test_limited_account_lists_only_meetings_of_own_groups(limited_client, limited):
    response = limited_client.get(_list_url("meeting"))

    assert _ids(response) == {limited.own_meeting.pk}


@pytest.mark.parametrize(
    ("kind", "attr"),
    [("group", "other_group"), ("membership", "other_membership"), ("meeting", "other_meeting")],
)
def test_limited_account_gets_404_on_others(limited_client, limited, kind, attr):
    response = limited_client.get(_detail_url(kind, getattr(limited, attr).pk))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("kind", "attr"),
    [("group", "own_group"), ("membership", "own_membership"), ("meeting", "own_meeting")],
)
def test_limited_account_reads_own(limited_client, limited, kind, attr):
    response = limited_client.get(_detail_url(kind, getattr(limited, attr).pk))

    assert response.status_code == 200
    assert response.json()["id"] == getattr(limited, attr).pk


def test_limited_account_filter_by_other_group_returns_400(limited_client, limited):
    response = limited_client.get(_list_url("meeting"), {"group": limited.other_group.pk})

    assert response.status_code == 400
    assert str(limited.other_meeting.pk) not in json.dumps(response.json())


def test_former_client_representative_sees_no_other_groups(api_client, limited):
    former = UserFactory()
    MembershipFactory(
        group=limited.own_group,
        user=former,
        role=Membership.Role.CLIENT_REPRESENTATIVE,
        started_on="2024-01-01",
        ended_on="2024-06-30",
    )
    api_client.force_login(former)

    response = api_client.get(_list_url("group"))

    assert limited.other_group.pk not in _ids(response)


def test_regular_user_sees_all_groups(user_client, limited):
    response = user_client.get(_list_url("group"))

    assert _ids(response) == {limited.own_group.pk, limited.other_group.pk}


def test_limited_account_create_forbidden(limited_client, limited):
    payload = _create_payload("meeting") | {"group": limited.own_group.pk}

    response = limited_client.post(_list_url("meeting"), payload, format="json")

    assert response.status_code == 403


# --- token authentication -------------------------------------------------------------------------


def test_token_auth_lists_groups(api_client, user):
    group = GroupFactory()
    token = Token.objects.create(user=user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.get(_list_url("group"))

    assert response.status_code == 200
    assert group.pk in _ids(response)


def test_token_auth_staff_creates_organisation(api_client, staff_user):
    token = Token.objects.create(user=staff_user)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.post(_list_url("organisation"), {"name": "Kela", "kind": "kela"}, format="json")

    assert response.status_code == 201


def test_token_auth_unknown_token_denied(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    response = api_client.get(_list_url("group"))

    assert response.status_code in (401, 403)


def test_token_auth_inactive_user_denied(api_client):
    token = Token.objects.create(user=UserFactory(is_active=False))
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = api_client.get(_list_url("group"))

    assert response.status_code in (401, 403)


# --- filters, ordering, pagination ----------------------------------------------------------------


def test_area_filter_by_kind_and_parent(user_client):
    first, second = MunicipalityFactory(), MunicipalityFactory()

    by_kind = user_client.get(_list_url("area"), {"kind": "municipality"})
    by_parent = user_client.get(_list_url("area"), {"parent": first.parent_id})

    assert _ids(by_kind) == {first.pk, second.pk}
    assert _ids(by_parent) == {first.pk}


def test_organisation_filter_by_kind(user_client):
    kela = OrganisationFactory(kind=Organisation.Kind.KELA)
    OrganisationFactory(kind=Organisation.Kind.NGO)

    response = user_client.get(_list_url("organisation"), {"kind": "kela"})

    assert _ids(response) == {kela.pk}


def test_family_centre_filter_by_municipality(user_client):
    served = _make("familycentre")
    _make("familycentre")

    response = user_client.get(_list_url("familycentre"), {"municipality": served.municipalities.get().pk})

    assert _ids(response) == {served.pk}


def test_group_filter_by_kind_level_and_family_centre(user_client):
    team = GroupFactory(kind=Group.Kind.LOCAL_TEAM, level=Group.Level.LOCAL)
    county = GroupFactory(kind=Group.Kind.COUNTY_STEERING, level=Group.Level.COUNTY, family_centre=None)

    by_kind = user_client.get(_list_url("group"), {"kind": "local_team"})
    by_level = user_client.get(_list_url("group"), {"level": "county"})
    by_centre = user_client.get(_list_url("group"), {"family_centre": team.family_centre_id})

    assert _ids(by_kind) == {team.pk}
    assert _ids(by_level) == {county.pk}
    assert _ids(by_centre) == {team.pk}


def test_membership_filter_by_group_user_role_and_current(user_client):
    chair = MembershipFactory(role=Membership.Role.CHAIR)
    member = MembershipFactory(group=chair.group)
    ended = MembershipFactory(started_on="2024-01-01", ended_on="2024-02-01")

    by_group = user_client.get(_list_url("membership"), {"group": chair.group_id})
    by_user = user_client.get(_list_url("membership"), {"user": member.user_id})
    by_role = user_client.get(_list_url("membership"), {"role": "chair"})
    not_current = user_client.get(_list_url("membership"), {"current": "false"})

    assert _ids(by_group) == {chair.pk, member.pk}
    assert _ids(by_user) == {member.pk}
    assert _ids(by_role) == {chair.pk}
    assert _ids(not_current) == {ended.pk}


def test_meeting_filter_by_group_status_and_date_range(user_client):
    group = GroupFactory()
    soon = MeetingFactory(group=group, starts_at=_local_noon(3), ends_at=_local_noon(3) + timedelta(hours=1))
    later = MeetingFactory(
        group=group,
        status=Meeting.Status.CANCELLED,
        starts_at=_local_noon(10),
        ends_at=_local_noon(10) + timedelta(hours=1),
    )
    MeetingFactory(starts_at=_local_noon(30), ends_at=_local_noon(30) + timedelta(hours=1))
    today = timezone.localdate()

    by_group = user_client.get(_list_url("meeting"), {"group": group.pk})
    by_status = user_client.get(_list_url("meeting"), {"status": "cancelled"})
    by_dates = user_client.get(
        _list_url("meeting"),
        {
            "date_from": (today + timedelta(days=3)).isoformat(),
            "date_to": (today + timedelta(days=10)).isoformat(),
        },
    )

    assert _ids(by_group) == {soon.pk, later.pk}
    assert _ids(by_status) == {later.pk}
    assert _ids(by_dates) == {soon.pk, later.pk}


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("area", {"parent": "abc"}),
        ("area", {"kind": "volcano"}),
        ("organisation", {"area": "-"}),
        ("familycentre", {"wellbeing_county": "1e3"}),
        ("group", {"family_centre": "x"}),
        ("group", {"level": "galactic"}),
        ("membership", {"user": "abc"}),
        ("membership", {"group": "1.5"}),
        ("meeting", {"date_from": "tomorrow"}),
        ("meeting", {"group": "99999999999999999999"}),
        ("meeting", {"status": "postponed"}),
    ],
)
def test_list_filter_wrong_type_returns_400(user_client, kind, params):
    response = user_client.get(_list_url(kind), params)

    assert response.status_code == 400


def test_list_filter_unknown_id_returns_400(user_client):
    response = user_client.get(_list_url("group"), {"family_centre": 987654321})

    assert response.status_code == 400


def test_list_bad_page_returns_404(user_client):
    GroupFactory()

    response = user_client.get(_list_url("group"), {"page": "abc"})

    assert response.status_code == 404


def test_group_list_ordering_by_name_descending(user_client):
    alpha, beta = GroupFactory(name="Alfa"), GroupFactory(name="Beeta")

    response = user_client.get(_list_url("group"), {"ordering": "-name"})

    assert [row["id"] for row in response.json()["results"]] == [beta.pk, alpha.pk]


def test_group_list_unknown_ordering_ignored(user_client):
    GroupFactory()

    response = user_client.get(_list_url("group"), {"ordering": "ical_token"})

    assert response.status_code == 200


def test_group_list_search_by_name(user_client):
    match = GroupFactory(name="Porin perhekeskuksen tiimi")
    GroupFactory(name="Rauman ohjausryhmä")

    response = user_client.get(_list_url("group"), {"search": "porin"})

    assert _ids(response) == {match.pk}


# --- query counts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ENDPOINTS)
def test_list_query_count_constant_3_vs_30(user_client, django_assert_max_num_queries, kind):
    for _ in range(3):
        _make(kind)
    with django_assert_max_num_queries(12) as few:
        assert len(user_client.get(_list_url(kind)).json()["results"]) >= 3
    for _ in range(27):
        _make(kind)

    with django_assert_max_num_queries(len(few)):
        assert len(user_client.get(_list_url(kind)).json()["results"]) >= 30


@pytest.mark.parametrize("kind", ["group", "membership", "meeting"])
def test_list_query_count_constant_limited_account(
    limited_client, limited, django_assert_max_num_queries, kind
):
    with django_assert_max_num_queries(12) as few:
        limited_client.get(_list_url(kind))
    for _ in range(30):
        group = limited.own_group
        MembershipFactory(group=group)
        AgendaItemFactory(meeting=MeetingFactory(group=group))

    with django_assert_max_num_queries(len(few)):
        limited_client.get(_list_url(kind))


# --- schema and docs ------------------------------------------------------------------------------


def test_schema_returns_valid_openapi(api_client):
    response = api_client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    document = json.loads(response.content)
    validate_schema(document)
    assert "/api/v1/meetings/{id}/cancel/" in document["paths"]
    assert "ical_token" not in response.content.decode()


def test_docs_returns_200(api_client):
    response = api_client.get("/api/docs/")

    assert response.status_code == 200
