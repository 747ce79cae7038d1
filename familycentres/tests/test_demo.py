from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from core import demo
from familycentres.models import Area, Attendance, FamilyCentre, Group, Meeting, Membership
from familycentres.permissions import is_limited_account

pytestmark = pytest.mark.django_db

DEMO_LOGINS = [
    "admin@demo.ilmio.fi",
    "ammattilainen@demo.ilmio.fi",
    "kokoaja@demo.ilmio.fi",
    "puheenjohtaja@demo.ilmio.fi",
    "sihteeri@demo.ilmio.fi",
    "koordinaattori@demo.ilmio.fi",
    "kehittajaasiakas@demo.ilmio.fi",
]


def _seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def _snapshot() -> dict[str, list[dict]]:
    """Every row of every table of the network and accounts apps, through tables included."""
    snapshot = {}
    for label in ("familycentres", "accounts"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            snapshot[model._meta.db_table] = list(model.objects.order_by("pk").values())
    return snapshot


def test_areas_loaded_with_pirkanmaa_regions_after_run():
    _seed()

    assert Area.objects.filter(kind=Area.Kind.WELLBEING_COUNTY, parent__isnull=True).count() == 23
    assert Area.objects.filter(kind=Area.Kind.WELLBEING_COUNTY, code__in=["90", "91"]).count() == 2
    regions = Area.objects.filter(kind=Area.Kind.REGION, parent__code="08")
    assert sorted(r.children.filter(kind=Area.Kind.MUNICIPALITY).count() for r in regions) == [7, 8, 8]
    assert all(r.name_sv for r in regions)
    pirkanmaa = Area.objects.filter(kind=Area.Kind.MUNICIPALITY, parent__parent__code="08")
    assert pirkanmaa.count() == 23
    assert pirkanmaa.filter(parent__kind=Area.Kind.REGION).count() == 23
    pohjois_karjala = Area.objects.get(kind=Area.Kind.WELLBEING_COUNTY, code="14")
    assert pohjois_karjala.children.filter(kind=Area.Kind.MUNICIPALITY).count() == 13
    tampere = Area.objects.get(kind=Area.Kind.MUNICIPALITY, code="837")
    assert tampere.children.filter(kind=Area.Kind.LOCAL_AREA).count() == 3


def test_family_centre_per_region_after_run():
    _seed()

    assert FamilyCentre.objects.count() == 3
    for centre in FamilyCentre.objects.all():
        assert centre.wellbeing_county.code == "08"
        assert centre.name_sv
        parents = {m.parent for m in centre.municipalities.all()}
        assert len(parents) == 1
        region = parents.pop()
        assert region.kind == Area.Kind.REGION
        assert set(centre.municipalities.all()) == set(region.children.filter(kind=Area.Kind.MUNICIPALITY))
    assert FamilyCentre.objects.get(slug="tampereen-seutu").municipalities.count() == 8


def test_groups_exist_at_every_level_after_run():
    _seed()

    counts = {kind: Group.objects.filter(kind=kind).count() for kind in Group.Kind.values}
    assert counts[Group.Kind.WELFARE_BOARD] == 1
    assert counts[Group.Kind.COUNTY_STEERING] == 1
    assert counts[Group.Kind.REGIONAL_COORDINATION] == 3
    assert counts[Group.Kind.LOCAL_STEERING] == 3
    assert counts[Group.Kind.LOCAL_TEAM] == 6
    assert counts[Group.Kind.LP_COORDINATION] == 1
    assert set(Group.objects.values_list("level", flat=True)) == set(Group.Level.values)
    for centre in FamilyCentre.objects.all():
        assert centre.groups.filter(kind=Group.Kind.LOCAL_STEERING, level=Group.Level.LOCAL).count() == 1
        teams = centre.groups.filter(kind=Group.Kind.LOCAL_TEAM, level=Group.Level.LOCAL)
        assert teams.count() == 2
        assert all(team.area.kind == Area.Kind.MUNICIPALITY for team in teams)


def test_parent_chain_reaches_welfare_board_from_every_local_team():
    _seed()

    expected = [
        Group.Kind.LOCAL_TEAM,
        Group.Kind.LOCAL_STEERING,
        Group.Kind.REGIONAL_COORDINATION,
        Group.Kind.COUNTY_STEERING,
        Group.Kind.WELFARE_BOARD,
    ]
    for team in Group.objects.filter(kind=Group.Kind.LOCAL_TEAM):
        chain, group = [], team
        while group is not None:
            chain.append(group.kind)
            group = group.parent
        assert chain == expected


def test_every_role_used_after_run():
    _seed()

    assert set(Membership.objects.values_list("role", flat=True)) == set(Membership.Role.values)
    for centre in FamilyCentre.objects.all():
        assert Membership.objects.filter(group__family_centre=centre, role=Membership.Role.COLLECTOR).exists()


def test_demo_logins_have_their_roles_after_run():
    _seed()
    User = get_user_model()

    admin = User.objects.get(email="admin@demo.ilmio.fi")
    assert admin.is_staff and admin.is_superuser
    assert not User.objects.filter(is_staff=True).exclude(pk=admin.pk).exists()

    def roles(email: str) -> set[tuple[str, str]]:
        return set(Membership.objects.current().filter(user__email=email).values_list("group__kind", "role"))

    assert (Group.Kind.LOCAL_TEAM, Membership.Role.MEMBER) in roles("ammattilainen@demo.ilmio.fi")
    assert (Group.Kind.LOCAL_STEERING, Membership.Role.COLLECTOR) in roles("kokoaja@demo.ilmio.fi")
    assert (Group.Kind.COUNTY_STEERING, Membership.Role.CHAIR) in roles("puheenjohtaja@demo.ilmio.fi")
    assert (Group.Kind.LOCAL_STEERING, Membership.Role.SECRETARY) in roles("sihteeri@demo.ilmio.fi")
    assert any(role == Membership.Role.COORDINATOR for _kind, role in roles("koordinaattori@demo.ilmio.fi"))
    assert User.objects.filter(email__endswith="@demo.ilmio.fi").count() == User.objects.count()


def test_client_representative_is_limited_account_after_run():
    _seed()
    client_developer = get_user_model().objects.get(email="kehittajaasiakas@demo.ilmio.fi")

    assert set(client_developer.memberships.values_list("role", flat=True)) == {
        Membership.Role.CLIENT_REPRESENTATIVE
    }
    assert is_limited_account(client_developer)
    assert not is_limited_account(get_user_model().objects.get(email="ammattilainen@demo.ilmio.fi"))


def test_meetings_past_held_and_upcoming_planned_after_run(settings):
    # The network's own groups (apps above add groups that keep their meetings elsewhere).
    settings.DEMO_LOADERS = ["familycentres.demo.load"]
    _seed()

    # The network's groups; the demo developer group plans its own meetings in its workspace.
    for group in Group.objects.filter(development_processes__isnull=True):
        meetings = list(group.meetings.all())
        assert any(m.status == Meeting.Status.HELD for m in meetings)
        assert any(m.status == Meeting.Status.PLANNED for m in meetings)
    for meeting in Meeting.objects.all():
        assert meeting.agenda_items.exists()
        assert meeting.attendances.count() == len(
            set(Membership.objects.current().filter(group=meeting.group).values_list("user_id", flat=True))
        )
        assert meeting.starts_at.weekday() < 5
        if meeting.status == Meeting.Status.HELD:
            assert meeting.minutes
            assert meeting.attendances.filter(status=Attendance.Status.PRESENT).exists()
        else:
            assert not meeting.minutes
            assert set(meeting.attendances.values_list("status", flat=True)) == {Attendance.Status.INVITED}


def test_second_run_creates_and_changes_nothing_same_day():
    _seed()
    before = _snapshot()

    output = _seed()

    assert _snapshot() == before
    assert "nothing to create" in output


def test_second_run_creates_and_changes_nothing_on_later_day(monkeypatch):
    _seed()
    before = _snapshot()
    later = demo.clock() + timedelta(days=100)
    monkeypatch.setattr(demo, "clock", lambda: later)

    _seed()

    assert _snapshot() == before


def test_rerun_restores_missing_rows_only():
    _seed()
    team = Group.objects.filter(kind=Group.Kind.LOCAL_TEAM).first()
    meeting = team.meetings.order_by("starts_at").last()
    title = meeting.title
    meeting.delete()
    meetings_before = Meeting.objects.count()

    _seed()

    assert Meeting.objects.count() == meetings_before + 1
    assert team.meetings.filter(title=title).count() == 1


def test_rerun_keeps_changed_password():
    _seed()
    user = get_user_model().objects.get(email="sihteeri@demo.ilmio.fi")
    user.set_password("my-own-secret-passphrase")
    user.save()

    _seed()

    user.refresh_from_db()
    assert user.check_password("my-own-secret-passphrase")
    assert not user.check_password(demo.DEMO_PASSWORD)


@pytest.mark.parametrize("email", DEMO_LOGINS)
def test_demo_login_succeeds_in_demo_mode(client, settings, email):
    settings.DEMO_MODE = True
    _seed()

    assert client.login(email=email, password="ilmio-demo-2026")


def test_demo_login_through_sign_in_page_in_demo_mode(client, settings):
    settings.DEMO_MODE = True
    _seed()

    response = client.post(
        reverse("account_login"), {"login": "ammattilainen@demo.ilmio.fi", "password": "ilmio-demo-2026"}
    )

    assert response.status_code == 302
    assert response.wsgi_request.user.email == "ammattilainen@demo.ilmio.fi"


def test_output_lists_logins_and_password_in_demo_mode(settings):
    settings.DEMO_MODE = True

    output = _seed()

    for email in DEMO_LOGINS:
        assert email in output
    assert "ilmio-demo-2026" in output


def test_command_refused_without_no_passwords_when_demo_mode_off(settings):
    settings.DEMO_MODE = False

    with pytest.raises(CommandError, match="--no-passwords"):
        _seed()

    assert not Area.objects.exists()
    assert not get_user_model().objects.exists()


def test_no_passwords_gives_unusable_passwords_when_demo_mode_off(client, settings):
    settings.DEMO_MODE = False

    output = _seed("--no-passwords")

    users = get_user_model().objects.all()
    assert users.count() > len(DEMO_LOGINS)
    assert not any(user.has_usable_password() for user in users)
    assert "ilmio-demo-2026" not in output
    assert not client.login(email="admin@demo.ilmio.fi", password="ilmio-demo-2026")


def test_quiet_run_prints_nothing_at_verbosity_zero():
    out = StringIO()

    call_command("seed_demo", verbosity=0, stdout=out)

    assert out.getvalue() == ""
    assert Group.objects.exists()


def test_load_on_its_own_twice_after_seed_changes_nothing():
    from familycentres.demo import load

    _seed()
    before = _snapshot()

    for _run in range(2):
        ctx = demo.DemoContext(stdout=StringIO())
        load(ctx)
        assert ctx.created == {}

    assert _snapshot() == before
