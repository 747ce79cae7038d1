"""Professionals' observation pages: log one (defaults, bad input, nothing lost on errors or an expired
session), my observations, an observation, editing until triage, theme suggestions; who may and who may
not; query counts on the list."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from core.models import AuditEvent
from familycentres.models import Area, Membership
from familycentres.tests.factories import AreaFactory, GroupFactory, MembershipFactory
from observations.models import Observation
from observations.tests.factories import (
    FamilyObservationFactory,
    ObservationFactory,
    ThemeFactory,
)
from observations.views.professional import KEPT_KEY

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    # English pages, so the assertions can read the English source texts.
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def net(network):
    """The shared network of the root conftest."""
    return network


def _post(net, **overrides) -> dict:
    data = {
        "text": "Koululaiset jäävät iltapäivisin yksin kotiin.",
        "kind": "concern",
        "environment": "school",
        "age_group": "7-12",
        "area": str(net.municipality.pk),
        "themes": "Yksinäisyys, iltapäivät",
        "observed_on": timezone.localdate().isoformat(),
        "source": "own_work",
    }
    data.update(overrides)
    return data


def _content(response) -> str:
    return response.content.decode()


# --- log an observation ---------------------------------------------------------------------------


def test_create_redirects_anonymous_to_login(client):
    response = client.get(url("observations:create"))

    assert response.status_code == 302
    assert response["Location"].startswith(url("account_login"))


def test_create_form_has_defaults_from_memberships(client, net):
    client.force_login(net.professional)

    response = client.get(url("observations:create"))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["observed_on"] == timezone.localdate()
    assert form.initial["source"] == "own_work"
    # The local team's own area is the default.
    assert form.initial["area"] == str(net.local.pk)
    page = _content(response)
    assert f'<option value="{net.local.pk}" selected>' in page
    assert "<optgroup" in page and html.escape(net.centre.name) in page
    assert "<legend" in page  # positive/concern as radio buttons in a fieldset


def test_create_area_default_falls_back_to_centre_municipality(client, net):
    steering = GroupFactory(family_centre=net.centre, area=None)
    user = MembershipFactory(group=steering).user
    client.force_login(user)

    response = client.get(url("observations:create"))

    assert response.context["form"].initial["area"] == str(net.municipality.pk)


def test_create_area_without_memberships_has_no_default(client, net):
    client.force_login(net.outsider)

    response = client.get(url("observations:create"))

    assert response.status_code == 200
    assert "area" not in response.context["form"].initial


def test_create_saves_and_redirects_to_observation(client, net):
    client.force_login(net.professional)

    response = client.post(url("observations:create"), _post(net))

    observation = Observation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == observation.get_absolute_url()
    assert observation.author == net.professional
    assert observation.family_centre == net.centre
    assert sorted(observation.themes.values_list("name", flat=True)) == ["iltapäivät", "yksinäisyys"]
    assert AuditEvent.objects.filter(action="observation.submit", object_id=str(observation.pk)).exists()


def test_create_in_local_area_finds_centre_through_municipality(client, net):
    client.force_login(net.professional)

    client.post(url("observations:create"), _post(net, area=str(net.local.pk)))

    assert Observation.objects.get().family_centre == net.centre


def test_create_denied_to_client_representative(client, net):
    client.force_login(net.client_rep)

    assert client.get(url("observations:create")).status_code == 403
    assert client.post(url("observations:create"), _post(net)).status_code == 403
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "\x00\x00"}, "text"),
        ({"text": "\u202e\u202d"}, "text"),
        ({"text": "a" * 50_000}, "text"),
        ({"area": "999999"}, "area"),
        ({"area": "not-a-number"}, "area"),
        ({"kind": "maybe"}, "kind"),
        ({"kind": ""}, "kind"),
        ({"environment": ""}, "environment"),
        ({"source": "family_form"}, "source"),
        ({"observed_on": (timezone.localdate() + timedelta(days=3)).isoformat()}, "observed_on"),
        ({"observed_on": "31.02.2025"}, "observed_on"),
        ({"themes": ", ".join(f"teema {n}" for n in range(11))}, "themes"),
    ],
)
def test_create_bad_input_gives_field_error_and_stores_nothing(client, net, overrides, field):
    client.force_login(net.professional)

    response = client.post(url("observations:create"), _post(net, **overrides))

    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors, form.errors
    assert 'role="alert"' in _content(response)
    assert 'aria-invalid="true"' in _content(response)
    assert not Observation.objects.exists()


def test_create_unserved_area_is_a_form_error(client, net):
    county = net.municipality.parent
    unserved = AreaFactory(kind=Area.Kind.MUNICIPALITY, parent=county, code="999")
    client.force_login(net.professional)

    for area in (county, unserved):
        response = client.post(url("observations:create"), _post(net, area=str(area.pk)))
        assert response.status_code == 400
        assert "area" in response.context["form"].errors
    assert not Observation.objects.exists()


def test_create_error_keeps_everything_typed(client, net):
    client.force_login(net.professional)
    long_text = "Pitkä havainto. " * 700  # over the limit

    response = client.post(
        url("observations:create"),
        _post(net, text=long_text, themes="ruutuaika, uni", environment="digital", age_group="13-17"),
    )

    page = _content(response)
    assert response.status_code == 400
    assert "too long" in str(response.context["form"].errors["text"])
    assert long_text.strip() in html.unescape(page)
    assert 'value="ruutuaika, uni"' in page
    assert '<option value="digital" selected>' in page
    assert '<option value="13-17" selected>' in page
    assert f'<option value="{net.municipality.pk}" selected>' in page
    assert 'value="concern" class="choice-input" required id="id_kind_1" checked' in page


def test_create_html_is_stored_as_text_and_shown_escaped(client, net):
    client.force_login(net.professional)
    text = '<script>alert("x")</script> <b>lihavoitu</b> 😀'

    client.post(url("observations:create"), _post(net, text=text))
    observation = Observation.objects.get()
    response = client.get(url("observations:detail", observation.pk))

    assert observation.text == text
    page = _content(response)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "😀" in page


def test_create_strips_nul_and_direction_overrides(client, net):
    client.force_login(net.professional)

    client.post(url("observations:create"), _post(net, text="Ilta\x00päivä \u202ekerho\u202c 👨‍👩‍👧"))

    assert Observation.objects.get().text == "Iltapäivä kerho 👨‍👩‍👧"


def test_create_with_personal_data_is_held_and_says_so(client, net):
    client.force_login(net.professional)

    response = client.post(
        url("observations:create"), _post(net, text="Soita äidille 040 123 4567."), follow=True
    )

    observation = Observation.objects.get()
    assert observation.held
    page = _content(response)
    assert "held until the collector has reviewed it" in page
    assert "Held for review" in page
    assert "phone number" in page


def test_create_after_session_expired_keeps_text_through_sign_in(client, net):
    """The session ran out while typing: the POST arrives anonymous. Nothing is stored, the text is kept
    and comes back in the form after signing in again."""
    data = _post(net, text="Tämä teksti ei saa kadota.", themes="kerhot")

    response = client.post(url("observations:create"), data)

    assert response.status_code == 302
    login = url("account_login")
    assert response["Location"].startswith(login)
    assert "next=" in response["Location"]
    assert not Observation.objects.exists()
    assert client.session[KEPT_KEY]["text"] == "Tämä teksti ei saa kadota."

    signed_in = client.post(
        response["Location"], {"login": net.professional.email, "password": DEFAULT_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert signed_in["Location"] == url("observations:create")

    form_page = client.get(signed_in["Location"])
    page = _content(form_page)
    assert "Tämä teksti ei saa kadota." in page
    assert 'value="kerhot"' in page
    assert "Your text was kept" in page
    # Restored once only.
    assert KEPT_KEY not in client.session
    assert "Tämä teksti ei saa kadota." not in _content(client.get(url("observations:create")))


def test_create_after_session_expired_keeps_only_form_fields_and_bounded(client, net):
    data = _post(net, text="x" * 60_000)
    data["is_staff"] = "1"

    client.post(url("observations:create"), data)

    kept = client.session[KEPT_KEY]
    assert "is_staff" not in kept
    assert len(kept["text"]) == 20_000


def test_create_absolute_session_lifetime_post_is_kept(client, net, settings):
    from accounts.middleware import SESSION_STARTED_KEY

    client.force_login(net.professional)
    session = client.session
    session[SESSION_STARTED_KEY] = 1  # long ago
    session.save()

    response = client.post(url("observations:create"), _post(net, text="Kesken jäänyt."))

    assert response.status_code == 302
    assert response["Location"].startswith(url("account_login"))
    assert client.session[KEPT_KEY]["text"] == "Kesken jäänyt."
    assert not Observation.objects.exists()


# --- my observations ------------------------------------------------------------------------------


def test_mine_redirects_anonymous_to_login(client):
    response = client.get(url("observations:mine"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_mine_denied_to_client_representative(client, net):
    client.force_login(net.client_rep)

    assert client.get(url("observations:mine")).status_code == 403


def test_mine_empty_state(client, net):
    client.force_login(net.professional)

    response = client.get(url("observations:mine"))

    assert response.status_code == 200
    assert "You have not logged any observations yet" in _content(response)


def test_mine_lists_own_newest_first_with_edit_links_while_editable(client, net):
    old = ObservationFactory(family_centre=net.centre, author=net.professional, text="Vanha havainto")
    Observation.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    triaged = ObservationFactory(
        family_centre=net.centre,
        author=net.professional,
        text="Luettu havainto",
        status=Observation.Status.READ,
        triaged_at=timezone.now(),
        themes=["uni"],
    )
    ObservationFactory(family_centre=net.centre, author=net.colleague, text="Kollegan havainto")
    client.force_login(net.professional)

    response = client.get(url("observations:mine"))

    page = _content(response)
    assert [o.pk for o in response.context["page"].object_list] == [triaged.pk, old.pk]
    assert "Kollegan havainto" not in page
    assert url("observations:edit", old.pk) in page
    assert url("observations:edit", triaged.pk) not in page
    assert "uni" in page and "Read" in page


def test_mine_is_paginated_by_25(client, net):
    for _ in range(27):
        ObservationFactory(family_centre=net.centre, author=net.professional)
    client.force_login(net.professional)

    first = client.get(url("observations:mine"))
    second = client.get(url("observations:mine"), {"page": 2})

    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 2
    assert client.get(url("observations:mine"), {"page": "x"}).status_code == 200


def test_mine_query_count_is_fixed(client, net, django_assert_max_num_queries):
    client.force_login(net.professional)
    ObservationFactory(family_centre=net.centre, author=net.professional, themes=["a", "b"])
    with django_assert_max_num_queries(20) as few:
        client.get(url("observations:mine"))
    for n in range(24):
        ObservationFactory(family_centre=net.centre, author=net.professional, themes=[f"t{n}", "b"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("observations:mine"))
    assert len(response.context["page"].object_list) == 25


# --- an observation -------------------------------------------------------------------------------


@pytest.fixture
def observation(net):
    return ObservationFactory(family_centre=net.centre, area=net.municipality, author=net.professional)


def test_detail_redirects_anonymous_to_login(client, observation):
    response = client.get(url("observations:detail", observation.pk))

    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(
    ("who", "status", "can_edit", "can_triage"),
    [
        ("professional", 200, True, False),  # the author
        ("colleague", 200, False, False),  # a member of the family centre's groups
        ("collector", 200, False, True),
        ("outsider", 404, None, None),
        ("client_rep", 404, None, None),
    ],
)
def test_detail_access(client, net, observation, who, status, can_edit, can_triage):
    client.force_login(getattr(net, who))

    response = client.get(url("observations:detail", observation.pk))

    assert response.status_code == status
    if status == 200:
        assert response.context["can_edit"] is can_edit
        assert response.context["can_triage"] is can_triage
        assert observation.text in _content(response)
        assert "no-store" in response["Cache-Control"]


def test_detail_unknown_id_is_404(client, net):
    client.force_login(net.professional)

    assert client.get(url("observations:detail", 999999)).status_code == 404


def test_detail_held_text_only_for_author_and_collector(client, net):
    held = ObservationFactory(
        family_centre=net.centre,
        author=net.professional,
        text="Soita 040 123 4567",
        held=True,
        held_reasons=["phone"],
    )
    for user, status in [(net.professional, 200), (net.collector, 200), (net.colleague, 404)]:
        client.force_login(user)
        response = client.get(url("observations:detail", held.pk))
        assert response.status_code == status
        if status == 200:
            assert "Held for review" in _content(response)


def test_detail_family_observation_shows_no_contact_or_code(client, net):
    family = FamilyObservationFactory(family_centre=net.centre, contact_email="perhe@example.test")
    client.force_login(net.collector)

    page = _content(client.get(url("observations:detail", family.pk)))

    assert "perhe@example.test" not in page
    assert family.followup_code not in page
    assert "from a family" in page


def test_detail_merged_links_to_kept_one(client, net):
    keep = ObservationFactory(family_centre=net.centre, author=net.professional)
    dup = ObservationFactory(
        family_centre=net.centre,
        author=net.professional,
        status=Observation.Status.MERGED,
        merged_into=keep,
        triaged_at=timezone.now(),
    )
    client.force_login(net.professional)

    page = _content(client.get(url("observations:detail", dup.pk)))

    assert url("observations:detail", keep.pk) in page


def test_nav_shows_triage_to_collectors_only(client, net):
    client.force_login(net.collector)
    assert url("observations:triage") in _content(client.get(url("observations:mine")))

    client.force_login(net.professional)
    page = _content(client.get(url("observations:mine")))
    assert url("observations:triage") not in page
    assert url("observations:mine") in page


def test_nav_hides_observations_from_client_representative(client, net):
    client.force_login(net.client_rep)

    page = _content(client.get(url("familycentres:group_list")))

    assert url("observations:mine") not in page


def test_nav_flags_agree_with_permissions(net):
    from observations.context_processors import ObservationNav
    from observations.permissions import can_log_observation, is_collector

    former_rep = MembershipFactory(
        group=net.team, role=Membership.Role.CLIENT_REPRESENTATIVE, ended_on=timezone.localdate()
    ).user
    former_collector = MembershipFactory(
        group=net.team, role=Membership.Role.COLLECTOR, ended_on=timezone.localdate()
    ).user
    users = [
        net.professional,
        net.collector,
        net.client_rep,
        net.outsider,
        former_rep,
        former_collector,
        UserFactory(staff=True),
        UserFactory(is_active=False),
    ]
    for user in users:
        nav = ObservationNav(user)
        fresh = type(user).objects.get(pk=user.pk)  # no cached permission state
        assert nav.can_log is can_log_observation(fresh), user
        assert nav.can_triage is is_collector(fresh), user
    from django.contrib.auth.models import AnonymousUser

    assert ObservationNav(AnonymousUser()).can_log is False
    assert ObservationNav(AnonymousUser()).can_triage is False


def test_home_has_log_button_for_professionals_only(client, net):
    client.force_login(net.professional)
    assert url("observations:create") in _content(client.get(url("home")))

    client.force_login(net.client_rep)
    assert url("observations:create") not in _content(client.get(url("home")))


# --- editing --------------------------------------------------------------------------------------


def test_edit_redirects_anonymous_to_login(client, observation):
    response = client.get(url("observations:edit", observation.pk))

    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(("who", "status"), [("colleague", 403), ("collector", 403), ("outsider", 404)])
def test_edit_denied_to_others(client, net, observation, who, status):
    client.force_login(getattr(net, who))

    assert client.get(url("observations:edit", observation.pk)).status_code == status
    assert (
        client.post(url("observations:edit", observation.pk), _post(net, text="Muutettu")).status_code
        == status
    )
    observation.refresh_from_db()
    assert observation.text != "Muutettu"


def test_edit_form_is_filled_with_current_values(client, net):
    observation = ObservationFactory(
        family_centre=net.centre, area=net.local, author=net.professional, themes=["uni", "kerhot"]
    )
    client.force_login(net.professional)

    response = client.get(url("observations:edit", observation.pk))

    page = _content(response)
    assert response.status_code == 200
    assert html.escape(observation.text) in page
    assert 'value="kerhot, uni"' in page
    assert f'<option value="{net.local.pk}" selected>' in page


def test_edit_saves_through_service(client, net, observation):
    client.force_login(net.professional)

    response = client.post(
        url("observations:edit", observation.pk), _post(net, text="Korjattu teksti", themes="uusi teema")
    )

    observation.refresh_from_db()
    assert response.status_code == 302
    assert observation.text == "Korjattu teksti"
    assert list(observation.themes.values_list("name", flat=True)) == ["uusi teema"]
    assert AuditEvent.objects.filter(action="observation.update", object_id=str(observation.pk)).exists()


def test_edit_bad_input_keeps_text_and_changes_nothing(client, net, observation):
    before = observation.text
    client.force_login(net.professional)

    response = client.post(url("observations:edit", observation.pk), _post(net, text="\u202e", area="999999"))

    observation.refresh_from_db()
    assert response.status_code == 400
    assert observation.text == before
    assert "area" in response.context["form"].errors


def test_edit_after_triage_redirects_with_message(client, net, observation):
    Observation.objects.filter(pk=observation.pk).update(status="read", triaged_at=timezone.now())
    client.force_login(net.professional)

    response = client.get(url("observations:edit", observation.pk), follow=True)

    assert response.redirect_chain[-1][0] == url("observations:detail", observation.pk)
    assert "can no longer be edited" in _content(response)


def test_edit_post_after_triage_is_409_and_keeps_text(client, net, observation):
    Observation.objects.filter(pk=observation.pk).update(status="read", triaged_at=timezone.now())
    client.force_login(net.professional)

    response = client.post(url("observations:edit", observation.pk), _post(net, text="Myöhästynyt korjaus"))

    observation.refresh_from_db()
    assert response.status_code == 409
    assert "Myöhästynyt korjaus" in _content(response)
    assert "can no longer be edited" in _content(response)
    assert observation.text != "Myöhästynyt korjaus"


def test_edit_after_session_expired_keeps_text_through_sign_in(client, net, observation):
    edit_url = url("observations:edit", observation.pk)

    response = client.post(edit_url, _post(net, text="Korjaus joka ei katoa"))

    assert response["Location"].startswith(url("account_login"))
    signed_in = client.post(
        response["Location"], {"login": net.professional.email, "password": DEFAULT_PASSWORD}
    )
    assert signed_in["Location"] == edit_url
    page = _content(client.get(edit_url))
    assert "Korjaus joka ei katoa" in page
    observation.refresh_from_db()
    assert observation.text != "Korjaus joka ei katoa"


# --- theme suggestions ----------------------------------------------------------------------------


def test_theme_suggest_redirects_anonymous_to_login(client):
    response = client.get(url("observations:theme_suggest"), {"q": "yks"})

    assert response.status_code == 302


def test_theme_suggest_anonymous_htmx_swaps_nothing(client):
    response = client.get(url("observations:theme_suggest"), {"themes": "yks"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 204


def test_theme_suggest_returns_matching_themes_as_datalist(client, net):
    for name in ["yksinäisyys", "yksinhuoltajat", "koulun yksinäiset", "uni"]:
        ThemeFactory(name=name)
    client.force_login(net.professional)

    response = client.get(url("observations:theme_suggest"), {"q": "YKS"})

    page = _content(response)
    assert response.status_code == 200
    assert page.startswith('<datalist id="theme-suggestions">')
    assert page.index("yksinhuoltajat") < page.index("koulun yksinäiset")  # starts-with first
    assert "uni" not in page


def test_theme_suggest_completes_last_theme_and_keeps_earlier(client, net):
    ThemeFactory(name="yksinäisyys")
    ThemeFactory(name="uni")
    client.force_login(net.professional)

    # htmx sends the field itself (`themes`); the earlier themes stay in each option's value.
    page = _content(client.get(url("observations:theme_suggest"), {"themes": "uni, yksi"}))

    assert 'value="uni, yksinäisyys"' in page
    assert 'value="uni, uni"' not in page


def test_theme_suggest_at_most_ten(client, net):
    for n in range(15):
        ThemeFactory(name=f"perhe {n:02d}")
    client.force_login(net.professional)

    page = _content(client.get(url("observations:theme_suggest"), {"q": "perhe"}))

    assert page.count("<option") == 10


def test_theme_suggest_empty_query_is_empty_list(client, net):
    ThemeFactory(name="uni")
    client.force_login(net.professional)

    page = _content(client.get(url("observations:theme_suggest")))

    assert page.count("<option") == 0


def test_theme_suggest_escapes_names(client, net):
    ThemeFactory(name='<img src=x onerror="a">')
    client.force_login(net.professional)

    page = _content(client.get(url("observations:theme_suggest"), {"q": "<img"}))

    assert "<img" not in page


def test_theme_suggest_limited_account_does_not_list_the_network_themes(client, net):
    ThemeFactory(name="arvoisa teema")
    client.force_login(net.client_rep)

    page = _content(client.get(url("observations:theme_suggest"), {"q": "a"}))

    assert page.count("<option") == 0
    client.force_login(net.professional)
    assert "arvoisa teema" in _content(client.get(url("observations:theme_suggest"), {"q": "a"}))
