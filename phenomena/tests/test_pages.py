"""Phenomenon pages: who may and who may not, opening from observations, the counts and their query cost,
adding and removing observations, suggestions on an observation, and the state actions legal and illegal."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import UserFactory
from core.search import search_query
from familycentres.models import Area, Group
from familycentres.tests.factories import GroupFactory
from observations.models import Observation
from observations.tests.factories import ObservationFactory
from phenomena import selectors
from phenomena.models import Initiative, Phenomenon, PhenomenonObservation
from phenomena.tests.factories import InitiativeFactory, PhenomenonFactory

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"phenomena:{name}", args=args)


@pytest.fixture
def net(network):
    """The shared network of the root conftest; the outsider here collects for the other family centre and
    the client representative is `rep`."""
    network.outsider, network.rep = network.other_collector, network.client_rep
    network.phenomenon = PhenomenonFactory(
        family_centre=network.centre, status=Phenomenon.Status.DRAFT, title="Nuorten yksinäisyys iltaisin"
    )
    return network


def _obs(net, **kwargs):
    kwargs.setdefault("family_centre", net.centre)
    kwargs.setdefault("area", net.municipality)
    return ObservationFactory(**kwargs)


def _link(phenomenon, *observations):
    PhenomenonObservation.objects.bulk_create(
        [PhenomenonObservation(phenomenon=phenomenon, observation=o) for o in observations]
    )


# The list ------------------------------------------------------------------------------------------


def test_list_shows_visible_phenomena_for_professional(client, net):
    hidden = PhenomenonFactory(family_centre=net.other_centre, title="Orivesi only")
    client.force_login(net.professional)
    response = client.get(url("list"))
    assert response.status_code == 200
    assert net.phenomenon.title in response.text
    assert hidden.title not in response.text


def test_list_redirects_anonymous_to_login(client, net):
    response = client.get(url("list"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_list_forbidden_for_limited_account(client, net):
    client.force_login(net.rep)
    assert client.get(url("list")).status_code == 403


def test_list_filters_by_status_centre_and_search(client, net):
    # Its own description: the factory's default speaks of loneliness, which base-form search now finds.
    PhenomenonFactory(
        family_centre=net.centre,
        title="Liikunta lisääntyy",
        description="Lapset liikkuvat enemmän.",
        status="closed",
        close_reason="x",
    )
    client.force_login(net.collector)
    response = client.get(url("list"), {"status": "closed"})
    assert "Liikunta lisääntyy" in response.text and net.phenomenon.title not in response.text
    response = client.get(url("list"), {"q": "yksinäisyys"})
    assert net.phenomenon.title in response.text and "Liikunta lisääntyy" not in response.text
    response = client.get(url("list"), {"centre": net.centre.pk, "sort": "title"})
    assert net.phenomenon.title in response.text and "Liikunta lisääntyy" in response.text
    assert response.text.index("Liikunta lisääntyy") < response.text.index(net.phenomenon.title)


def test_list_counts_and_pages_as_a_join_and_count_would(client, net):
    """The list's observation counts (a subquery per row) and its pages (ids with their total, then the
    rows) are those of counting the links with a join and Django's Paginator."""
    for i in range(30):
        p = PhenomenonFactory(family_centre=net.centre, title=f"Ilmiö {i:02d}", status="draft")
        _link(p, *[_obs(net) for _ in range(i % 4)])
    client.force_login(net.collector)
    for query in ({}, {"page": "2"}, {"sort": "title"}, {"q": "Ilmiö", "page": "2"}, {"page": "9"}):
        response = client.get(url("list"), query)
        old = (
            Phenomenon.objects.visible_to(net.collector)
            .annotate(n=Count("links", distinct=True))
            .order_by(*(("title", "id") if query.get("sort") else ("-created_at", "-id")))
        )
        if query.get("q"):
            old = old.filter(Q(search=search_query(query["q"])) | Q(title__icontains=query["q"]))
        expected = Paginator(old, 25).get_page(query.get("page"))
        page = response.context["page"]
        assert [(p.pk, p.observation_count) for p in page.object_list] == [
            (p.pk, p.n) for p in expected.object_list
        ]
        assert (page.number, page.paginator.count) == (expected.number, expected.paginator.count)


def test_list_ignores_bad_filters(client, net):
    client.force_login(net.collector)
    response = client.get(url("list"), {"status": "nope", "centre": "x", "page": "zz"})
    assert response.status_code == 200 and net.phenomenon.title in response.text


def test_list_htmx_renders_results_partial(client, net):
    client.force_login(net.collector)
    response = client.get(url("list"), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in response.text and 'id="results"' in response.text


def test_list_query_count_fixed_few_vs_many(client, net, django_assert_max_num_queries):
    client.force_login(net.collector)
    with CaptureQueriesContext(connection) as few:
        client.get(url("list"))
    for i in range(30):
        PhenomenonFactory(family_centre=net.centre, created_by=net.collector, title=f"Ilmiö {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url("list")).status_code == 200


# Opening -------------------------------------------------------------------------------------------


def _form_data(**overrides):
    data = {
        "title": "Ruutuaika illoin",
        "description": "Lapset valvovat ruutujen ääressä.",
        "kind": "concern",
        "scale": "family_centre_area",
        "analyser_kind": "other_network",
        "analyser_other": "Koulun oppilashuolto",
        "further_information": "",
        "observations": "",
    }
    data.update(overrides)
    return data


def test_create_prefills_only_visible_observations(client, net):
    mine = _obs(net)
    foreign = ObservationFactory()
    client.force_login(net.collector)
    response = client.get(url("create"), {"observations": f"{mine.pk},{foreign.pk},abc"})
    assert response.status_code == 200
    assert f'value="{mine.pk}"' in response.text
    assert str(foreign.pk) not in response.text.split('name="observations"')[1].split(">")[0]


def test_create_opens_phenomenon_with_observations(client, net):
    a, b = _obs(net), _obs(net)
    client.force_login(net.professional)
    response = client.post(url("create"), _form_data(observations=f"{a.pk}, {b.pk}"))
    ph = Phenomenon.objects.get(title="Ruutuaika illoin")
    assert response.status_code == 302 and response["Location"] == ph.get_absolute_url()
    assert set(ph.observations.values_list("pk", flat=True)) == {a.pk, b.pk}
    assert ph.family_centre == net.centre and ph.analyser_other == "Koulun oppilashuolto"


def test_create_keeps_input_on_unknown_observation(client, net):
    foreign = ObservationFactory()
    client.force_login(net.professional)
    response = client.post(url("create"), _form_data(observations=str(foreign.pk)))
    assert response.status_code == 400
    assert "not found" in response.text and "Ruutuaika illoin" in response.text
    assert not Phenomenon.objects.filter(title="Ruutuaika illoin").exists()


def test_create_requires_analyser_matching_kind(client, net):
    client.force_login(net.professional)
    response = client.post(url("create"), _form_data(analyser_kind="person", analyser_other=""))
    assert response.status_code == 400 and "Choose the professional" in response.text


def test_create_forbidden_for_limited_account(client, net):
    client.force_login(net.rep)
    assert client.get(url("create")).status_code == 403
    assert client.post(url("create"), _form_data()).status_code == 403


# The phenomenon ------------------------------------------------------------------------------------


def test_detail_shows_counts_and_observations(client, net):
    a = _obs(net, environment=Observation.Environment.SCHOOL)
    b = _obs(net, environment=Observation.Environment.HOME)
    _link(net.phenomenon, a, b)
    client.force_login(net.professional)
    response = client.get(url("detail", net.phenomenon.pk))
    assert response.status_code == 200
    assert "Observations by everyday environment" in response.text
    assert "Observations by month" in response.text
    assert a.title in response.text
    counts = selectors.phenomenon_counts(net.phenomenon, net.professional)
    assert sum(r["count"] for r in counts["environment"]) == 2
    assert counts["area"][0]["count"] == 2


def _straight_counts(phenomenon, user) -> dict:
    """The counts the page shows, counted the plain way: one GROUP BY per table over what the user sees,
    as {label: count}, and the total."""
    qs = Observation.objects.visible_to(user).filter(phenomenon_links__phenomenon=phenomenon)
    environments, age_groups = dict(Observation.Environment.choices), dict(Observation.AgeGroup.choices)
    names = {a.pk: a.name for a in Area.objects.all()}
    per = {
        "environment": ("environment", lambda k: environments.get(k, k) or "–"),
        "age_group": ("age_group", lambda k: age_groups.get(k, k) or "–"),
        "area": ("area_id", lambda k: names.get(k, "–")),
        "month": (TruncMonth("observed_on"), lambda k: k),
    }
    counts = {}
    for table, (field, label) in per.items():
        rows = (
            qs.annotate(key=F(field) if isinstance(field, str) else field)
            .values("key")
            .annotate(n=Count("pk"))
            .order_by()
        )
        counts[table] = {label(row["key"]): row["n"] for row in rows}
    counts["total"] = qs.count()
    return counts


def test_counts_match_a_plain_count_per_table_for_every_kind_of_user(net):
    """The four tables and the total (one GROUPING SETS statement) are the same as four plain GROUP BYs
    and a COUNT over what each user may see: held text and merged observations only for collectors and
    their authors, the other centre's only for its collector and the author, nothing for someone of no centre."""
    other_area = net.other_municipality
    envs, ages = Observation.Environment.values, Observation.AgeGroup.values
    days = [date(2024, 12, 31), date(2025, 1, 1), date(2025, 1, 31), date(2025, 2, 1), date(2025, 3, 15)]
    linked = []
    for i in range(40):
        linked.append(
            _obs(
                net,
                environment=envs[i % len(envs)],
                age_group=ages[(i * 5) % len(ages)],
                area=[net.municipality, net.local, None][i % 3],
                observed_on=days[(i * 3) % len(days)],
                held=i % 7 == 0,
                author=net.professional if i % 11 == 0 else None,
            )
        )
    target = _obs(net, environment="home")
    linked.append(target)
    for i in range(4):
        linked.append(_obs(net, status="merged", merged_into=target, environment="digital", held=i == 0))
    linked.append(_obs(net, status="archived", archive_reason="Käsitelty", age_group="family"))
    linked.append(_obs(net, family_centre=net.other_centre, area=other_area, environment="leisure"))
    linked.append(
        _obs(net, family_centre=net.other_centre, area=other_area, held=True, author=net.professional)
    )
    _link(net.phenomenon, *linked)
    _link(PhenomenonFactory(family_centre=net.centre), _obs(net, environment="other"))  # not this one's
    _obs(net, environment="services")  # linked nowhere
    net.nobody = UserFactory()  # of no centre (the `outsider` here is the other centre's collector)

    totals = {}
    for who in (
        "collector",
        "professional",
        "colleague",
        "client_rep",
        "other_collector",
        "nobody",
        "staff",
    ):
        user = getattr(net, who)
        counts = selectors.phenomenon_counts(net.phenomenon, user)
        expected = _straight_counts(net.phenomenon, user)
        assert counts["total"] == expected["total"], who
        for table in ("environment", "age_group", "area", "month"):
            got = {row["label"]: row["count"] for row in counts[table]}
            assert got == expected[table], (who, table)
            assert len(got) == len(counts[table]), (who, table)
            assert sum(got.values()) == counts["total"], (who, table)
        for table in ("environment", "age_group", "area"):
            numbers = [row["count"] for row in counts[table]]
            assert numbers == sorted(numbers, reverse=True), (who, table)
        assert [row["label"] for row in counts["month"]] == sorted(expected["month"]), who
        totals[who] = counts["total"]
    assert totals["staff"] == len(linked)
    assert totals["staff"] > totals["collector"] > totals["professional"] > totals["colleague"] > 0
    assert totals["other_collector"] == 2 and totals["client_rep"] == totals["nobody"] == 0
    with CaptureQueriesContext(connection) as ctx:
        counts = selectors.phenomenon_counts(net.phenomenon, AnonymousUser())
    assert counts["total"] == 0 and not any(counts[t] for t in ("environment", "age_group", "area", "month"))
    assert not ctx.captured_queries


def test_detail_404_when_not_visible(client, net):
    client.force_login(net.outsider)
    assert client.get(url("detail", net.phenomenon.pk)).status_code == 404


def test_detail_hides_editing_for_reader(client, net):
    client.force_login(net.professional)
    response = client.get(url("detail", net.phenomenon.pk))
    assert url("edit", net.phenomenon.pk) not in response.text
    assert url("close", net.phenomenon.pk) not in response.text


def test_detail_queries_fixed_for_5000_observations(client, net):
    user = net.collector
    client.force_login(user)
    small = PhenomenonFactory(family_centre=net.centre, status="draft")
    big = PhenomenonFactory(family_centre=net.centre, status="draft")
    template = dict(
        text="Havainto",
        kind="concern",
        environment="school",
        age_group="7-12",
        area=net.municipality,
        family_centre=net.centre,
        source="own_work",
        status="new",
        observed_on=timezone.localdate(),
    )
    obs = Observation.objects.bulk_create([Observation(**template) for _ in range(5005)])
    _link(small, *obs[:5])
    _link(big, *obs[5:])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("detail", small.pk)).status_code == 200
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("detail", big.pk))
    assert response.status_code == 200 and "5000 observations" in response.text
    assert len(many.captured_queries) == len(few.captured_queries)


def _observation_columns(sql: str) -> set[str]:
    return set(re.findall(r'"observations_observation"\."(\w+)"', sql))


@pytest.mark.parametrize("who", ["collector", "professional"])
def test_counts_and_page_ids_read_only_columns_of_the_facts_index(net, who):
    """The counts and the page's ids of a phenomenon read observations through `observation_facts_idx`
    alone (an index-only scan per link): every observation column they name, the visibility rule's
    included, must be in that index, or PostgreSQL goes back to reading a heap page per observation."""
    index = next(i for i in Observation._meta.indexes if i.name == "observation_facts_idx")
    covered = {Observation._meta.get_field(f).column for f in (*index.fields, *index.include)}
    user = getattr(net, who)
    _link(net.phenomenon, _obs(net), _obs(net))
    with CaptureQueriesContext(connection) as ctx:
        selectors.phenomenon_counts(net.phenomenon, user)
        counts = selectors.phenomenon_counts(net.phenomenon, user, page=(0, 25))
        qs = selectors.phenomenon_observations(net.phenomenon, user)
        ids = list(qs.values_list("pk", flat=True)[:25])
    assert len(ids) == 2 and counts["page_ids"] == ids
    reads = [q["sql"] for q in ctx.captured_queries if '"observations_observation"' in q["sql"]]
    assert len(reads) == 3
    # The counts' statement groups the visible rows (a subquery that names only covered columns) by each
    # table's column: the four tables and the total come from that one read, and with a page, that page's
    # ids from the same read.
    for sql in reads[:2]:
        assert "GROUPING SETS" in sql and sql.count('FROM "observations_observation"') == 1
    for sql in reads:
        assert _observation_columns(sql) <= covered, _observation_columns(sql) - covered


@pytest.mark.parametrize("who", ["collector", "professional", "colleague", "staff"])
def test_page_ids_read_with_the_counts_are_the_lists_pages(net, who):
    """The ids of a page read in the counts' statement are the page of the list as the user sees it,
    newest first (ties of created_at by id), for every page and past the end."""
    user = getattr(net, who)
    observations = [_obs(net, held=i % 4 == 0) for i in range(12)]
    same_time = timezone.now()
    Observation.objects.filter(pk__in=[o.pk for o in observations[:5]]).update(created_at=same_time)
    _link(net.phenomenon, *observations)
    qs = selectors.phenomenon_observations(net.phenomenon, user)
    every = list(qs.values_list("pk", flat=True))
    assert every
    for offset in (0, 5, 10, 15):
        counts = selectors.phenomenon_counts(net.phenomenon, user, page=(offset, 5))
        assert counts["page_ids"] == every[offset : offset + 5], (who, offset)
        assert counts["total"] == len(every)
        rows = selectors.phenomenon_observation_page(qs, offset, 5, ids=counts["page_ids"])
        assert [o.pk for o in rows] == every[offset : offset + 5]


def test_detail_pages_as_the_paginator_does(client, net):
    """A page past the end gives the last page, one below 1 too, anything that is not a whole number the
    first: the page read with the counts is used only when it is the page shown."""
    observations = [_obs(net) for _ in range(30)]
    _link(net.phenomenon, *observations)
    newest_first = sorted(observations, key=lambda o: (o.created_at, o.pk), reverse=True)
    client.force_login(net.collector)
    for asked, shown in (
        ("2", 2),
        ("3", 2),
        ("0", 2),
        ("-1", 2),
        ("x", 1),
        ("1.5", 1),
        ("", 1),
        ("9" * 30, 2),
    ):
        response = client.get(url("detail", net.phenomenon.pk), {"page": asked})
        assert response.status_code == 200, asked
        listed = [o.pk for o in response.context["page"].object_list]
        start = (shown - 1) * 25
        assert listed == [o.pk for o in newest_first[start : start + 25]], asked


def test_edit_saves_analysis_for_editor(client, net):
    client.force_login(net.collector)
    assert client.get(url("edit", net.phenomenon.pk)).status_code == 200
    data = _form_data(analysis_understanding="Ymmärrys", analysis_root_causes="Syyt")
    data.pop("observations")
    response = client.post(url("edit", net.phenomenon.pk), data)
    assert response.status_code == 302
    net.phenomenon.refresh_from_db()
    assert net.phenomenon.analysis_understanding == "Ymmärrys" and net.phenomenon.title == "Ruutuaika illoin"


def test_edit_forbidden_for_reader(client, net):
    client.force_login(net.professional)
    assert client.get(url("edit", net.phenomenon.pk)).status_code == 403
    assert client.post(url("edit", net.phenomenon.pk), _form_data()).status_code == 403


def test_edit_closed_phenomenon_shows_error_and_keeps_input(client, net):
    net.phenomenon.status, net.phenomenon.close_reason = "closed", "ei jatketa"
    net.phenomenon.save()
    client.force_login(net.collector)
    response = client.post(url("edit", net.phenomenon.pk), _form_data(title="Uusi otsikko"))
    assert response.status_code == 409 and "Uusi otsikko" in response.text


def test_observations_add_and_remove_by_editor(client, net):
    a, b = _obs(net), _obs(net)
    client.force_login(net.collector)
    response = client.post(url("observations", net.phenomenon.pk), {"observations": f"{a.pk}, {b.pk}"})
    assert response.status_code == 302
    assert net.phenomenon.observations.count() == 2
    response = client.post(url("observations", net.phenomenon.pk), {"remove": str(a.pk)})
    assert response.status_code == 302
    assert list(net.phenomenon.observations.values_list("pk", flat=True)) == [b.pk]


def test_observations_add_bad_input_shows_form_error(client, net):
    client.force_login(net.collector)
    response = client.post(url("observations", net.phenomenon.pk), {"observations": "12; drop"})
    assert response.status_code == 400 and "separated by commas" in response.text
    foreign = ObservationFactory()
    response = client.post(url("observations", net.phenomenon.pk), {"observations": str(foreign.pk)})
    assert response.status_code == 400 and "not found" in response.text


def test_observations_forbidden_for_reader(client, net):
    a = _obs(net)
    client.force_login(net.professional)
    response = client.post(url("observations", net.phenomenon.pk), {"observations": str(a.pk)})
    assert response.status_code == 403


def test_link_from_observation_by_editor(client, net):
    a = _obs(net)
    client.force_login(net.collector)
    response = client.post(url("link", net.phenomenon.pk, a.pk))
    assert response.status_code == 302 and response["Location"] == a.get_absolute_url()
    assert net.phenomenon.observations.filter(pk=a.pk).exists()


def test_link_denied_for_reader_and_404_for_invisible_observation(client, net):
    a = _obs(net)
    client.force_login(net.professional)
    assert client.post(url("link", net.phenomenon.pk, a.pk)).status_code == 403
    client.force_login(net.collector)
    foreign = ObservationFactory()
    assert client.post(url("link", net.phenomenon.pk, foreign.pk)).status_code == 404
    assert client.get(url("link", net.phenomenon.pk, a.pk)).status_code == 405


# State actions -------------------------------------------------------------------------------------


def test_start_analysis_legal_then_illegal(client, net):
    client.force_login(net.collector)
    assert client.post(url("start_analysis", net.phenomenon.pk)).status_code == 302
    net.phenomenon.refresh_from_db()
    assert net.phenomenon.status == "under_analysis"
    response = client.post(url("start_analysis", net.phenomenon.pk))
    assert response.status_code == 302
    assert "Only a draft" in " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_start_analysis_forbidden_for_reader(client, net):
    client.force_login(net.professional)
    assert client.post(url("start_analysis", net.phenomenon.pk)).status_code == 403


def test_close_confirms_and_requires_reason(client, net):
    client.force_login(net.collector)
    assert client.get(url("close", net.phenomenon.pk)).status_code == 200
    response = client.post(url("close", net.phenomenon.pk), {"reason": ""})
    assert response.status_code == 400
    response = client.post(url("close", net.phenomenon.pk), {"reason": "Ei toistu"})
    assert response.status_code == 302
    net.phenomenon.refresh_from_db()
    assert net.phenomenon.status == "closed" and net.phenomenon.close_reason == "Ei toistu"
    response = client.post(url("close", net.phenomenon.pk), {"reason": "Uudestaan"})
    assert response.status_code == 409 and "Uudestaan" in response.text


def test_close_forbidden_for_reader(client, net):
    client.force_login(net.professional)
    assert client.get(url("close", net.phenomenon.pk)).status_code == 403


def test_initiative_form_lists_steering_groups_only(client, net):
    county = GroupFactory(name="Maakunnan ohjausryhmä", kind=Group.Kind.COUNTY_STEERING, family_centre=None)
    GroupFactory(name="Tiimi X", kind=Group.Kind.LOCAL_TEAM, family_centre=net.centre)
    client.force_login(net.collector)
    response = client.get(url("initiative_create", net.phenomenon.pk))
    assert response.status_code == 200
    assert county.name in response.text and "Tiimi X" not in response.text


def test_initiative_create_to_group(client, net):
    county = GroupFactory(kind=Group.Kind.COUNTY_STEERING, family_centre=None)
    client.force_login(net.collector)
    response = client.post(
        url("initiative_create", net.phenomenon.pk),
        {"proposal": "codevelopment", "rationale": "Koskee koko aluetta", "group": county.pk},
    )
    initiative = Initiative.objects.get(phenomenon=net.phenomenon)
    assert response.status_code == 302 and response["Location"] == initiative.get_absolute_url()
    assert initiative.group == county
    net.phenomenon.refresh_from_db()
    assert net.phenomenon.status == "initiative_made"


def test_initiative_create_to_other_body(client, net):
    client.force_login(net.collector)
    response = client.post(
        url("initiative_create", net.phenomenon.pk),
        {"proposal": "local_action", "rationale": "Koulun asia", "other_body": "Rehtori"},
    )
    assert response.status_code == 302
    assert Initiative.objects.get(phenomenon=net.phenomenon).other_body == "Rehtori"


def test_initiative_create_without_recipient_keeps_input(client, net):
    client.force_login(net.collector)
    response = client.post(
        url("initiative_create", net.phenomenon.pk), {"proposal": "information", "rationale": "Perustelu"}
    )
    assert response.status_code == 400 and "Perustelu" in response.text
    assert not Initiative.objects.exists()


def test_initiative_create_on_closed_is_conflict(client, net):
    net.phenomenon.status, net.phenomenon.close_reason = "closed", "x"
    net.phenomenon.save()
    client.force_login(net.collector)
    response = client.post(
        url("initiative_create", net.phenomenon.pk),
        {"proposal": "information", "rationale": "Perustelu", "other_body": "Rehtori"},
    )
    assert response.status_code == 409 and "Perustelu" in response.text


def test_initiative_create_forbidden_for_reader(client, net):
    client.force_login(net.professional)
    assert client.get(url("initiative_create", net.phenomenon.pk)).status_code == 403


def test_detail_lists_initiatives(client, net):
    initiative = InitiativeFactory(phenomenon=net.phenomenon)
    client.force_login(net.professional)
    response = client.get(url("detail", net.phenomenon.pk))
    assert url("initiative_detail", initiative.pk) in response.text


# Suggestions on an observation ---------------------------------------------------------------------


def test_suggestions_rank_by_words_and_themes_and_exclude_linked(net):
    target = PhenomenonFactory(
        family_centre=net.centre, status="under_analysis", title="Ruutuaika ja univaikeudet"
    )
    closed = PhenomenonFactory(
        family_centre=net.centre, status="closed", close_reason="x", title="Ruutuaika suljettu"
    )
    linked = PhenomenonFactory(family_centre=net.centre, status="draft", title="Ruutuaika jo mukana")
    themed = PhenomenonFactory(family_centre=net.centre, status="draft", title="Aivan muuta")
    obs = _obs(net, text="Lapset kertovat ruutuaika venyy ja univaikeudet lisääntyvät.", themes=["uni"])
    other = _obs(net, themes=["uni"])
    _link(linked, obs)
    _link(themed, other)
    result = selectors.suggestions_for(obs, net.collector)
    assert target in result and themed in result
    assert closed not in result and linked not in result
    assert len(result) <= 5


def test_observation_page_shows_suggestions_and_link_button_for_editor(client, net):
    obs = _obs(net, text="Ruutuaika venyy iltaisin ja nuorten yksinäisyys näkyy.", author=net.collector)
    client.force_login(net.collector)
    with translation.override("en"):
        response = client.get(reverse("observations:detail", args=[obs.pk]))
    assert response.status_code == 200
    assert url("link", net.phenomenon.pk, obs.pk) in response.text
    assert f"{url('create')}?observations={obs.pk}" in response.text


def test_observation_page_hides_suggestions_for_limited_account(client, net):
    obs = _obs(net, author=net.rep)
    client.force_login(net.rep)
    with translation.override("en"):
        response = client.get(reverse("observations:detail", args=[obs.pk]))
    assert response.status_code == 200
    assert url("create") not in response.text


def test_nav_shows_phenomena_link_for_professional_only(client, net):
    client.force_login(net.professional)
    assert url("list") in client.get(url("list")).text
    client.force_login(UserFactory())
    # A signed-in account with no memberships is not limited: it sees the link too.
    with translation.override("en"):
        response = client.get(reverse("home"))
    assert url("list") in response.text
