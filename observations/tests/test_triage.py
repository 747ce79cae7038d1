"""The collector's triage queue, the CSV export and the actions on one observation: who may and who may
not, filters and search through the page, bad input, query counts, and every action legal and illegal."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core import search
from core.models import AuditEvent
from observations import selectors
from observations.models import EnrichmentNote, Observation
from observations.tests.factories import (
    FamilyObservationFactory,
    ObservationFactory,
)
from observations.triage_forms import sorted_observations

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    """Pages in English, so the assertions read the source strings whatever the translations say."""
    with translation.override("en"):
        return reverse(f"observations:{name}", args=args)


@pytest.fixture
def net(network):
    """The shared network of the root conftest: the team is the collector's and professional's group."""
    return network


def _obs(net, **kw):
    kw.setdefault("family_centre", net.centre)
    return ObservationFactory(**kw)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# The queue: who may -----------------------------------------------------------------------------------


def test_queue_redirects_anonymous_to_login(client):
    response = client.get(url("triage"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_queue_denied_to_professional_of_centre(client, net):
    client.force_login(net.professional)
    assert client.get(url("triage")).status_code == 403


def test_queue_shows_only_own_centres_to_collector(client, net):
    mine = _obs(net, text="Oman keskuksen havainto")
    other = ObservationFactory(family_centre=net.other_centre, text="Toisen keskuksen havainto")
    client.force_login(net.collector)
    body = client.get(url("triage")).content.decode()
    assert mine.text in body
    assert other.text not in body


def test_queue_of_other_centre_collector_hides_this_centre(client, net):
    _obs(net, text="Oman keskuksen havainto")
    client.force_login(net.other_collector)
    response = client.get(url("triage"))
    assert response.status_code == 200
    assert "Oman keskuksen havainto" not in response.content.decode()


def test_queue_shows_all_centres_to_staff(client, net):
    _obs(net, text="Ensimmäinen keskus")
    ObservationFactory(family_centre=net.other_centre, text="Toinen keskus")
    client.force_login(net.staff)
    body = client.get(url("triage")).content.decode()
    assert "Ensimmäinen keskus" in body and "Toinen keskus" in body


# The queue: what it shows -----------------------------------------------------------------------------


def test_queue_newest_first_and_new_only_by_default(client, net):
    old = _obs(net, text="Vanhempi havainto")
    old.created_at = timezone.now() - timedelta(days=3)
    old.save(update_fields=["created_at"])
    _obs(net, text="Uudempi havainto")
    _obs(net, text="Luettu havainto", status=Observation.Status.READ)
    client.force_login(net.collector)
    body = client.get(url("triage")).content.decode()
    assert body.index("Uudempi havainto") < body.index("Vanhempi havainto")
    assert "Luettu havainto" not in body


def test_queue_show_all_includes_read_and_archived_but_not_merged(client, net):
    keep = _obs(net, text="Säilytettävä")
    _obs(net, text="Luettu havainto", status=Observation.Status.READ)
    _obs(net, text="Arkistoitu havainto", status=Observation.Status.ARCHIVED, archive_reason="Kaksoiskappale")
    _obs(net, text="Yhdistetty havainto", status=Observation.Status.MERGED, merged_into=keep)
    client.force_login(net.collector)
    body = client.get(url("triage") + "?status=all").content.decode()
    assert "Luettu havainto" in body and "Arkistoitu havainto" in body
    assert "Yhdistetty havainto" not in body


def test_queue_oldest_first_when_sorted(client, net):
    old = _obs(net, text="Vanhempi havainto")
    old.created_at = timezone.now() - timedelta(days=3)
    old.save(update_fields=["created_at"])
    _obs(net, text="Uudempi havainto")
    client.force_login(net.collector)
    body = client.get(url("triage") + "?sort=oldest").content.decode()
    assert body.index("Vanhempi havainto") < body.index("Uudempi havainto")


def test_queue_marks_held_observation_with_reason(client, net):
    FamilyObservationFactory(
        family_centre=net.centre, text="Soittakaa 040 123 4567", held=True, held_reasons=["phone"]
    )
    client.force_login(net.collector)
    body = client.get(url("triage")).content.decode()
    assert "Held for review" in body
    assert "phone number" in body


def test_queue_held_filter_shows_only_held(client, net):
    FamilyObservationFactory(
        family_centre=net.centre, text="Pidätetty teksti 040 123 4567", held=True, held_reasons=["phone"]
    )
    _obs(net, text="Tavallinen teksti")
    client.force_login(net.collector)
    body = client.get(url("triage") + "?status=held").content.decode()
    assert "Pidätetty teksti [phone number]" in body and "Tavallinen teksti" not in body
    assert "040 123 4567" not in body


def test_queue_empty_state_when_nothing_new(client, net):
    client.force_login(net.collector)
    body = client.get(url("triage")).content.decode()
    assert "No new observations" in body


def test_queue_empty_state_when_filters_match_nothing(client, net):
    _obs(net)
    client.force_login(net.collector)
    body = client.get(url("triage") + "?q=zzzzzzzz").content.decode()
    assert "No observations match the filters." in body


def test_queue_counts_by_status(client, net):
    _obs(net)
    _obs(net)
    _obs(net, status=Observation.Status.READ)
    client.force_login(net.collector)
    body = client.get(url("triage")).content.decode()
    assert "2 new" in body and "1 read" in body


def test_queue_paginates_25_a_page(client, net):
    for i in range(27):
        _obs(net, text=f"Sivutettava havainto numero {i:02d}")
    client.force_login(net.collector)
    first = client.get(url("triage")).content.decode()
    second = client.get(url("triage") + "?page=2").content.decode()
    assert first.count("Sivutettava havainto") == 25
    assert second.count("Sivutettava havainto") == 2
    assert "27 observations" in first


def test_queue_htmx_request_gets_results_partial(client, net):
    _obs(net, text="Osittain päivitettävä")
    client.force_login(net.collector)
    response = client.get(url("triage") + "?q=päivitettävä", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="results"' in body and "<html" not in body
    assert "Osittain päivitettävä" in body


@pytest.mark.parametrize(
    ("param", "value", "match", "other"),
    [
        ("environment", "home", {"environment": "home"}, {"environment": "school"}),
        ("age_group", "0-2", {"age_group": "0-2"}, {"age_group": "13-17"}),
        ("source", "media", {"source": "media"}, {"source": "own_work"}),
        ("kind", "positive", {"kind": "positive"}, {"kind": "concern"}),
    ],
)
def test_queue_filter_by_choice(client, net, param, value, match, other):
    _obs(net, text="Osuva havainto", **match)
    _obs(net, text="Ohitettava havainto", **other)
    client.force_login(net.collector)
    body = client.get(url("triage") + f"?{param}={value}").content.decode()
    assert "Osuva havainto" in body and "Ohitettava havainto" not in body


def test_queue_filter_by_area_includes_local_areas(client, net):
    from familycentres.models import Area
    from familycentres.tests.factories import AreaFactory, MunicipalityFactory

    second = MunicipalityFactory(name_fi="Pirkkala", parent=net.municipality.parent)
    net.centre.municipalities.add(second)
    local = AreaFactory(kind=Area.Kind.LOCAL_AREA, parent=net.municipality, name_fi="Kankaantaka")
    _obs(net, text="Kunnan havainto", area=net.municipality)
    _obs(net, text="Paikallisalueen havainto", area=local)
    _obs(net, text="Toisen kunnan havainto", area=second)
    client.force_login(net.collector)
    body = client.get(url("triage") + f"?area={net.municipality.pk}").content.decode()
    assert "Kunnan havainto" in body and "Paikallisalueen havainto" in body
    assert "Toisen kunnan havainto" not in body


def test_queue_filter_by_theme(client, net):
    _obs(net, text="Teemallinen havainto", themes=["yksinäisyys"])
    _obs(net, text="Toinen teema", themes=["ruutuaika"])
    client.force_login(net.collector)
    body = client.get(url("triage") + "?theme=yksinäisyys").content.decode()
    assert "Teemallinen havainto" in body and "Toinen teema" not in body


def test_queue_filter_by_observed_dates(client, net):
    today = timezone.localdate()
    _obs(net, text="Viime viikolla", observed_on=today - timedelta(days=7))
    _obs(net, text="Viime kuussa", observed_on=today - timedelta(days=40))
    client.force_login(net.collector)
    since = (today - timedelta(days=10)).isoformat()
    body = client.get(url("triage") + f"?date_from={since}&date_to={today.isoformat()}").content.decode()
    assert "Viime viikolla" in body and "Viime kuussa" not in body


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("kännykkä", "Lapset pelaavat kännykällä myöhään yöllä."),
        ("perheet", "Monien perheiden arki on kiireistä."),
        ("mobiltelefon", "Barnen spelar på mobiltelefonerna sent på natten."),
        ("ensamhet", "Föräldrarna berättar om ensamheten på kvällarna."),
    ],
)
def test_queue_search_finnish_and_swedish(client, net, query, text):
    _obs(net, text=text)
    _obs(net, text="Aivan muuta: leikkipuiston liukumäki on rikki.")
    client.force_login(net.collector)
    body = client.get(url("triage") + f"?q={query}").content.decode()
    assert text in body
    assert "liukumäki" not in body


@pytest.mark.parametrize(
    "query",
    [
        "environment=nowhere",
        "age_group=999",
        "area=abc",
        "area=99999999",
        "area=-1",
        "theme=no-such-theme",
        "kind=both",
        "date_from=2024-13-45",
        "date_to=yesterday",
        "date_from=99999-01-01",
        "sort=random",
        "status=deleted",
        "page=abc",
        "page=-5",
        "page=99999",
        "q=" + "a" * 500,
        "q=%22%27%3Cscript%3E",
        "q=%E2%80%AE",
        "q=%F0%9F%98%80",
        "q=&&&|||!!!",
    ],
)
def test_queue_bad_filter_values_never_fail(client, net, query):
    _obs(net)
    client.force_login(net.collector)
    response = client.get(url("triage") + "?" + query)
    assert response.status_code == 200
    # The page still lists only the collector's own centre's queue, whatever the filters said.
    assert all(o.family_centre_id == net.centre.pk for o in response.context["page"].object_list)


def test_queue_nul_in_query_is_bad_request_not_error(client, net):
    client.force_login(net.collector)
    assert client.get(url("triage") + "?q=%00%00").status_code == 400


def test_queue_bad_filter_gives_form_error_and_other_filters_still_apply(client, net):
    _obs(net, text="Kotona huomattu", environment="home")
    _obs(net, text="Koulussa huomattu", environment="school")
    client.force_login(net.collector)
    body = client.get(url("triage") + "?environment=home&date_from=2024-13-45").content.decode()
    assert "Some filters were not understood" in body
    assert "Kotona huomattu" in body and "Koulussa huomattu" not in body


def _query_count(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_queue_query_count_does_not_grow_with_rows(client, net, django_assert_max_num_queries):
    client.force_login(net.collector)
    for _ in range(2):
        _obs(net, themes=["yksinäisyys", "ruutuaika"])
    FamilyObservationFactory(family_centre=net.centre, held=True, held_reasons=["phone"])
    few = _query_count(client, url("triage") + "?status=all")
    for i in range(30):
        _obs(net, themes=[f"teema {i}", "ruutuaika"], status=Observation.Status.READ if i % 2 else "new")
    with django_assert_max_num_queries(few):
        client.get(url("triage") + "?status=all")


def _page_ids(response) -> list[int]:
    return [o.pk for o in response.context["page"].object_list]


@pytest.mark.parametrize(
    "query",
    [
        "q=kiusaaminen",
        "q=kiusaaminen&sort=oldest",
        "q=kiusaaminen&page=2",
        "q=kiusaaminen&page=9",
        "kind=concern",
    ],
)
def test_queue_search_pages_are_the_selectors_order_with_its_total(client, net, query):
    """The queue reads the page's ids with the total of matches beside them, then those rows: the same
    observations in the same order as the filtered queryset itself, and the same total."""
    for i in range(30):
        _obs(
            net,
            text=f"Kiusaaminen välitunnilla {i}" + (" ja kiusaaminen taas" if i % 3 == 0 else ""),
            kind=Observation.Kind.CONCERN if i % 2 else Observation.Kind.POSITIVE,
            themes=["kiusaaminen"] if i % 5 == 0 else [],
        )
    _obs(net, text="Aivan muuta: leikkipuiston liukumäki on rikki.", kind=Observation.Kind.CONCERN)
    client.force_login(net.collector)
    response = client.get(url("triage") + "?" + query)
    params = dict(p.split("=") for p in query.split("&"))
    qs = selectors.observation_filter(
        selectors.triage_queue(user=net.collector, centre_ids={net.centre.pk}),
        q=params.get("q", ""),
        kind=params.get("kind", ""),
        status=Observation.Status.NEW,
    )
    order = params.get("sort") or ("relevance" if "q" in params else "newest")
    expected = Paginator(sorted_observations(qs, order), 25).get_page(params.get("page"))
    assert _page_ids(response) == [o.pk for o in expected.object_list]
    assert response.context["page"].number == expected.number
    assert response.context["page"].paginator.count == expected.paginator.count


@pytest.mark.parametrize("word", ["kiusaaminen", "ruutuaika", "mobbning", "lapsi"])
def test_search_union_finds_what_text_or_theme_finds(net, word):
    """The search's matches (the union of the text's and the themes') are the rows of the queue whose
    text matches or that carry a matching theme, and the rank still adds the theme's weight."""
    _obs(net, text="Kiusaaminen välitunnilla on lisääntynyt.", themes=["kiusaaminen"])
    _obs(net, text="Välitunnilla riideltiin.", themes=["kiusaaminen", "ruutuaika"])
    _obs(net, text="Lapset pelaavat iltaisin.", themes=["ruutuaika"])
    _obs(net, text="Mobbning på rasten.")
    _obs(net, text="Lapsille on kerho.", status=Observation.Status.READ)
    _obs(net, text="Aivan muuta: liukumäki on rikki.")
    queue = selectors.triage_queue(user=net.collector, centre_ids={net.centre.pk}).filter(
        status=Observation.Status.NEW
    )
    found = list(selectors.observation_filter(queue, q=word))
    tagged = selectors.theme_links(word).values("observation_id")
    expected = queue.filter(Q(search=selectors.search_query(word)) | Q(pk__in=tagged))
    assert found and {o.pk for o in found} == set(expected.values_list("pk", flat=True))
    themed = set(tagged.values_list("observation_id", flat=True))
    assert all(o.rank >= selectors.THEME_RANK for o in found if o.pk in themed)


def test_queue_search_counts_its_matches_once(client, net, django_assert_max_num_queries):
    """A search costs no more queries than the plain queue, and no separate COUNT of the matches."""
    for i in range(30):
        _obs(net, text=f"Kiusaaminen välitunnilla {i}", themes=["kiusaaminen", f"teema {i}"])
    client.force_login(net.collector)
    plain = _query_count(client, url("triage"))
    # Whether a word is common is read once per process (core.search.query_frequency).
    client.get(url("triage") + "?q=kiusaaminen")
    with django_assert_max_num_queries(plain) as ctx:
        response = client.get(url("triage") + "?q=kiusaaminen")
    assert response.context["page"].paginator.count == 30
    assert not any('COUNT(*) AS "__count"' in q["sql"] for q in ctx.captured_queries)


# A search for a word in most texts ----------------------------------------------------------------------


@pytest.fixture
def word_stats():
    """PostgreSQL's statistics of the observations as they are in the test (ANALYZE, inside the test's
    transaction), read afresh: the process keeps them for minutes."""

    def analyze():
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Observation._meta.db_table}")
        search.clear_frequency_cache()

    search.clear_frequency_cache()
    yield analyze
    search.clear_frequency_cache()


def test_common_word_is_judged_from_postgresql_statistics(net, word_stats, django_assert_max_num_queries):
    for i in range(40):
        _obs(net, text=f"Vanhemmat kertoivat arjesta numero {i}.")
    _obs(net, text="Kirahvi nähtiin pihalla.")
    assert selectors.common_search_candidates("vanhemmat") is None  # no statistics yet: ranked in full
    word_stats()
    assert selectors.common_search_candidates("vanhemmat") == selectors.SEARCH_CANDIDATES
    assert selectors.common_search_candidates("kirahvi") is None
    # Both words must be common for the query to be; either side of an "or" is enough.
    assert selectors.common_search_candidates("vanhemmat kirahvi") is None
    assert selectors.common_search_candidates("kirahvi or vanhemmat") == selectors.SEARCH_CANDIDATES
    assert selectors.common_search_candidates("vanhemmat -arjesta") is None
    with django_assert_max_num_queries(0):  # kept per process
        selectors.common_search_candidates("vanhemmat")


def test_tsquery_frequency_reads_and_or_not_and_phrases():
    freqs = {"a": 0.5, "b": 0.4, "c": 0.01}
    assert search.tsquery_frequency("'a'", freqs) == 0.5
    assert search.tsquery_frequency("'a' & 'b'", freqs) == pytest.approx(0.2)
    assert search.tsquery_frequency("'c' | 'a' & 'b'", freqs) == pytest.approx(0.2)
    assert search.tsquery_frequency("( 'c' | 'a' ) & 'b'", freqs) == pytest.approx(0.2)
    assert search.tsquery_frequency("'a' & !'b'", freqs) == 0
    assert search.tsquery_frequency("'a' <-> 'b'", freqs) == 0
    assert search.tsquery_frequency("'a':* & 'x'", freqs) == 0
    assert search.tsquery_frequency("", freqs) == 0


def test_common_word_ranks_only_its_newest_matches(client, net, settings, word_stats):
    settings.OBSERVATION_SEARCH_CANDIDATES = 4
    old_strong = _obs(net, text="Vanhemmat, vanhemmat ja vanhemmat: vanhemmat väsyvät.")
    matches = [_obs(net, text=f"Vanhemmat kertoivat arjesta {i}.") for i in range(6)]
    strong = _obs(net, text="Vanhemmat ja vanhemmat: vanhemmat jaksavat.")
    _obs(net, text="Kirahvi nähtiin pihalla.")
    word_stats()
    client.force_login(net.collector)
    response = client.get(url("triage") + "?q=vanhemmat")
    page = response.context["page"]
    newest = {strong.pk, *(o.pk for o in matches[-3:])}
    assert page.paginator.count == 4
    assert set(_page_ids(response)) == newest
    assert _page_ids(response)[0] == strong.pk  # ranked within the set
    assert old_strong.pk not in _page_ids(response)
    assert response.context["candidates"] == 4
    assert "only the newest 4 are ranked" in response.content.decode()


@pytest.mark.parametrize("sort", ["", "newest", "oldest", "observed"])
def test_common_word_orders_its_newest_matches_as_a_full_search_of_them(
    client, net, settings, word_stats, sort
):
    """The bounded set (ranked from the walk, ordered in Python) comes in the order the full search gives
    the same matches, ties included."""
    settings.OBSERVATION_SEARCH_CANDIDATES = 6
    today = timezone.localdate()
    texts = ["Vanhemmat väsyvät.", "Vanhemmat ja vanhemmat jaksavat.", "Vanhemmat kertoivat arjesta."]
    for i in range(9):
        _obs(net, text=texts[i % 3], observed_on=today - timedelta(days=i % 2))
    _obs(net, text="Kirahvi nähtiin pihalla.", themes=["vanhemmat ja lapset"])
    word_stats()
    client.force_login(net.collector)
    response = client.get(url("triage") + f"?q=vanhemmat&sort={sort}")
    assert response.context["candidates"] == 6
    queue = selectors.triage_queue(user=net.collector, centre_ids={net.centre.pk}).filter(
        status=Observation.Status.NEW
    )
    newest = list(
        selectors.observation_filter(queue, q="vanhemmat")
        .order_by("-created_at", "-id")
        .values_list("pk", flat=True)[:6]
    )
    expected = sorted_observations(
        selectors.observation_filter(queue.filter(pk__in=newest), q="vanhemmat"), sort
    )
    assert _page_ids(response) == [o.pk for o in expected]


def test_common_word_with_few_matches_and_rare_word_are_ranked_in_full(client, net, settings, word_stats):
    settings.OBSERVATION_SEARCH_CANDIDATES = 10
    for i in range(6):
        _obs(net, text=f"Vanhemmat kertoivat arjesta {i}.", themes=["kirahvit"] if i == 0 else [])
    _obs(net, text="Kirahvi nähtiin pihalla.")
    word_stats()
    client.force_login(net.collector)
    queue = selectors.triage_queue(user=net.collector, centre_ids={net.centre.pk}).filter(
        status=Observation.Status.NEW
    )
    for word, total in (("vanhemmat", 6), ("kirahvi", 2)):
        response = client.get(url("triage") + f"?q={word}")
        expected = [o.pk for o in selectors.observation_filter(queue, q=word)]
        assert _page_ids(response) == expected
        assert response.context["page"].paginator.count == total
        assert response.context["candidates"] is None
        assert "only the newest" not in response.content.decode()


def test_common_word_search_query_count(client, net, settings, word_stats, django_assert_max_num_queries):
    settings.OBSERVATION_SEARCH_CANDIDATES = 5
    for i in range(8):
        _obs(net, text=f"Vanhemmat kertoivat arjesta {i}.", themes=["vanhemmuus"])
    word_stats()
    client.force_login(net.collector)
    plain = _query_count(client, url("triage"))
    client.get(url("triage") + "?q=vanhemmat")  # the statistics, once per process
    for i in range(30):
        _obs(net, text=f"Vanhemmat kysyivät {i}.", themes=["vanhemmuus", f"teema {i}"])
    with django_assert_max_num_queries(plain):
        response = client.get(url("triage") + "?q=vanhemmat")
    assert response.context["page"].paginator.count == 5


# The CSV export ---------------------------------------------------------------------------------------


def _csv(response) -> tuple[str, list[list[str]]]:
    raw = b"".join(response.streaming_content).decode("utf-8")
    return raw, list(csv.reader(io.StringIO(raw.lstrip("\ufeff")), delimiter=";"))


def test_export_redirects_anonymous_to_login(client):
    response = client.get(url("export"))
    assert response.status_code == 302


def test_export_denied_to_professional(client, net):
    client.force_login(net.professional)
    assert client.get(url("export")).status_code == 403


def test_export_is_streamed_utf8_with_bom_and_semicolons(client, net):
    _obs(net, text="Ääkköset: äiti, öljy, Åland", themes=["yksinäisyys", "ruutuaika"])
    client.force_login(net.collector)
    response = client.get(url("export"))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw, rows = _csv(response)
    assert raw.startswith("\ufeff")
    assert rows[0][0] == "id" and len(rows[0]) == 13
    assert rows[1][11] == "Ääkköset: äiti, öljy, Åland"
    assert rows[1][10] == "ruutuaika, yksinäisyys"


def test_export_replaces_held_text(client, net):
    FamilyObservationFactory(
        family_centre=net.centre, text="Soittakaa 040 123 4567", held=True, held_reasons=["phone"]
    )
    client.force_login(net.collector)
    raw, rows = _csv(client.get(url("export")))
    assert "040 123 4567" not in raw
    assert rows[1][11] == "Soittakaa [phone number]"


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+2", "-2+3", "@SUM(A1)"])
def test_export_neutralises_formulas(client, net, text):
    _obs(net, text=text)
    client.force_login(net.collector)
    _raw, rows = _csv(client.get(url("export")))
    assert rows[1][11] == "'" + text


def test_export_applies_filters_and_centres(client, net):
    _obs(net, text="Kotona huomattu", environment="home")
    _obs(net, text="Koulussa huomattu", environment="school")
    ObservationFactory(family_centre=net.other_centre, text="Toisen keskuksen", environment="home")
    client.force_login(net.collector)
    raw, rows = _csv(client.get(url("export") + "?environment=home"))
    assert "Kotona huomattu" in raw
    assert "Koulussa huomattu" not in raw and "Toisen keskuksen" not in raw
    assert len(rows) == 2


def test_export_archived_row_has_reason(client, net):
    _obs(net, text="Arkistoitu", status=Observation.Status.ARCHIVED, archive_reason="Ei koske perhekeskusta")
    client.force_login(net.collector)
    _raw, rows = _csv(client.get(url("export") + "?status=archived"))
    assert rows[1][12] == "Ei koske perhekeskusta"


def test_export_bad_filters_never_fail(client, net):
    _obs(net)
    client.force_login(net.collector)
    response = client.get(url("export") + "?area=abc&date_from=nope&environment=%3Cb%3E")
    assert response.status_code == 200
    _raw, rows = _csv(response)
    assert len(rows) == 2


def test_export_query_count_does_not_grow_with_rows(client, net, django_assert_max_num_queries):
    client.force_login(net.collector)
    _obs(net, themes=["yksinäisyys"])

    def run():
        response = client.get(url("export") + "?status=all")
        b"".join(response.streaming_content)

    with CaptureQueriesContext(connection) as ctx:
        run()
    few = len(ctx.captured_queries)
    for i in range(40):
        _obs(net, themes=[f"teema {i}"])
    with django_assert_max_num_queries(few):
        run()


# Actions: who may -------------------------------------------------------------------------------------

ACTIONS = [
    ("mark_read", {}),
    ("note_add", {"text": "Muistiinpano"}),
    ("themes_set", {"themes": "yksinäisyys"}),
    ("merge", {"keep": "1"}),
    ("archive", {"reason": "Syy", "confirm": "1"}),
    ("redact", {"text": "Siistitty teksti"}),
]


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_action_redirects_anonymous_to_login(client, net, name, data):
    obs = _obs(net)
    response = client.post(url(name, obs.pk), data)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_action_denied_to_professional_of_centre(client, net, name, data):
    obs = _obs(net)
    client.force_login(net.professional)
    assert client.post(url(name, obs.pk), data).status_code == 403
    obs.refresh_from_db()
    assert obs.status == Observation.Status.NEW


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_action_hidden_from_collector_of_other_centre(client, net, name, data):
    obs = _obs(net)
    client.force_login(net.other_collector)
    assert client.post(url(name, obs.pk), data).status_code == 404


@pytest.mark.parametrize(("name", "data"), ACTIONS)
def test_action_unknown_observation_is_404(client, net, name, data):
    client.force_login(net.collector)
    assert client.post(url(name, 999_999), data).status_code == 404


@pytest.mark.parametrize("name", ["mark_read", "note_add", "themes_set"])
def test_post_only_action_refuses_get(client, net, name):
    obs = _obs(net)
    client.force_login(net.collector)
    assert client.get(url(name, obs.pk)).status_code == 405


def test_staff_may_act_on_any_centre(client, net):
    obs = _obs(net)
    client.force_login(net.staff)
    response = client.post(url("mark_read", obs.pk))
    assert response.status_code == 302
    obs.refresh_from_db()
    assert obs.status == Observation.Status.READ


# Mark as read, notes, themes --------------------------------------------------------------------------


def test_mark_read_by_collector_then_twice_gives_message(client, net):
    obs = _obs(net)
    client.force_login(net.collector)
    response = client.post(url("mark_read", obs.pk))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/observations/{obs.pk}/")
    obs.refresh_from_db()
    assert obs.status == Observation.Status.READ
    assert AuditEvent.objects.filter(action="observation.mark_read", object_id=str(obs.pk)).count() == 1

    again = client.post(url("mark_read", obs.pk))
    assert again.status_code == 302
    assert any("already been read" in m for m in _messages(again))


def test_note_add_by_collector(client, net):
    obs = _obs(net)
    client.force_login(net.collector)
    response = client.post(url("note_add", obs.pk), {"text": "Sama ilmiö näkyy myös koululla."})
    assert response.status_code == 302
    note = EnrichmentNote.objects.get(observation=obs)
    assert note.text == "Sama ilmiö näkyy myös koululla." and note.created_by == net.collector


@pytest.mark.parametrize("text", ["", "   ", "\x00"])
def test_note_add_empty_gives_form_error(client, net, text):
    obs = _obs(net)
    client.force_login(net.collector)
    response = client.post(url("note_add", obs.pk), {"text": text})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert not EnrichmentNote.objects.exists()


def test_note_add_too_long_keeps_text(client, net):
    obs = _obs(net)
    client.force_login(net.collector)
    text = "pitkä " * 2000
    response = client.post(url("note_add", obs.pk), {"text": text})
    assert response.status_code == 400
    assert "pitkä pitkä" in response.content.decode()
    assert not EnrichmentNote.objects.exists()


def test_notes_shown_to_collector_on_detail(client, net):
    obs = _obs(net)
    client.force_login(net.collector)
    client.post(url("note_add", obs.pk), {"text": "Sisäinen huomio"})
    body = client.get(url("detail", obs.pk)).content.decode()
    assert "Sisäinen huomio" in body
    assert url("mark_read", obs.pk) in body


def test_notes_and_actions_hidden_from_professional_on_detail(client, net):
    obs = _obs(net)
    client.force_login(net.collector)
    client.post(url("note_add", obs.pk), {"text": "Sisäinen huomio"})
    client.force_login(net.professional)
    response = client.get(url("detail", obs.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sisäinen huomio" not in body
    assert url("mark_read", obs.pk) not in body


def test_themes_set_by_collector(client, net):
    obs = _obs(net, themes=["vanha"])
    client.force_login(net.collector)
    response = client.post(url("themes_set", obs.pk), {"themes": "Yksinäisyys, iltapäivät ,, yksinäisyys"})
    assert response.status_code == 302
    assert sorted(obs.themes.values_list("name", flat=True)) == ["iltapäivät", "yksinäisyys"]


def test_themes_set_empty_clears(client, net):
    obs = _obs(net, themes=["vanha"])
    client.force_login(net.collector)
    client.post(url("themes_set", obs.pk), {"themes": ""})
    assert not obs.themes.exists()


def test_themes_set_too_many_gives_error_and_keeps_input(client, net):
    obs = _obs(net, themes=["vanha"])
    client.force_login(net.collector)
    typed = ", ".join(f"teema{i}" for i in range(12))
    response = client.post(url("themes_set", obs.pk), {"themes": typed})
    assert response.status_code == 400
    assert "teema11" in response.content.decode()
    assert list(obs.themes.values_list("name", flat=True)) == ["vanha"]


# Merge ------------------------------------------------------------------------------------------------


def test_merge_page_lists_candidates_of_same_centre_only(client, net):
    dup = _obs(net, text="Kaksoiskappale")
    same = _obs(net, text="Saman keskuksen ehdokas")
    ObservationFactory(family_centre=net.other_centre, text="Toisen keskuksen ehdokas")
    _obs(net, text="Arkistoitu ehdokas", status=Observation.Status.ARCHIVED, archive_reason="Syy")
    client.force_login(net.collector)
    body = client.get(url("merge", dup.pk)).content.decode()
    assert "Saman keskuksen ehdokas" in body and f'value="{same.pk}"' in body
    assert "Toisen keskuksen ehdokas" not in body
    assert "Arkistoitu ehdokas" not in body
    assert f'value="{dup.pk}"' not in body


def test_merge_page_search_by_text_and_number(client, net):
    dup = _obs(net, text="Kaksoiskappale")
    wanted = _obs(net, text="Iltapäiväkerhon jonot ovat pitkät")
    _obs(net, text="Leikkipuisto on rikki")
    client.force_login(net.collector)
    body = client.get(url("merge", dup.pk) + "?q=jonot").content.decode()
    assert "Iltapäiväkerhon jonot" in body and "Leikkipuisto" not in body
    body = client.get(url("merge", dup.pk) + f"?q=%23{wanted.pk}").content.decode()
    assert "Iltapäiväkerhon jonot" in body and "Leikkipuisto" not in body


def test_merge_asks_confirmation_before_merging(client, net):
    dup = _obs(net, text="Kaksoiskappale")
    keep = _obs(net, text="Säilytettävä")
    client.force_login(net.collector)
    response = client.post(url("merge", dup.pk), {"keep": keep.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Confirm the merge" in body and 'name="confirm" value="1"' in body
    dup.refresh_from_db()
    assert dup.status == Observation.Status.NEW


def test_merge_confirmed_merges_and_redirects_to_kept(client, net):
    dup = _obs(net, text="Kaksoiskappale", themes=["yksinäisyys"])
    keep = _obs(net, text="Säilytettävä")
    client.force_login(net.collector)
    response = client.post(url("merge", dup.pk), {"keep": keep.pk, "confirm": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/observations/{keep.pk}/")
    dup.refresh_from_db()
    assert dup.status == Observation.Status.MERGED and dup.merged_into == keep
    assert list(keep.themes.values_list("name", flat=True)) == ["yksinäisyys"]


def test_merge_twice_gives_message(client, net):
    dup = _obs(net)
    keep = _obs(net)
    client.force_login(net.collector)
    client.post(url("merge", dup.pk), {"keep": keep.pk, "confirm": "1"})
    response = client.post(url("merge", dup.pk), {"keep": keep.pk, "confirm": "1"})
    assert response.status_code == 302
    assert any("already been closed" in m for m in _messages(response))


@pytest.mark.parametrize("keep", ["self", "other_centre", "unknown", "archived", "abc", "", "-3"])
def test_merge_bad_target_gives_form_error(client, net, keep):
    dup = _obs(net)
    targets = {
        "self": dup.pk,
        "other_centre": ObservationFactory(family_centre=net.other_centre).pk,
        "unknown": 999_999,
        "archived": _obs(net, status=Observation.Status.ARCHIVED, archive_reason="Syy").pk,
    }
    client.force_login(net.collector)
    response = client.post(url("merge", dup.pk), {"keep": targets.get(keep, keep), "confirm": "1"})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    dup.refresh_from_db()
    assert dup.status == Observation.Status.NEW


def test_merge_of_archived_redirects_with_message(client, net):
    dup = _obs(net, status=Observation.Status.ARCHIVED, archive_reason="Syy")
    client.force_login(net.collector)
    response = client.get(url("merge", dup.pk))
    assert response.status_code == 302
    assert any("already been closed" in m for m in _messages(response))


def test_merged_family_code_follows_kept(client, net):
    dup = FamilyObservationFactory(family_centre=net.centre)
    keep = _obs(net)
    client.force_login(net.collector)
    client.post(url("merge", dup.pk), {"keep": keep.pk, "confirm": "1"})
    client.post(url("mark_read", keep.pk))
    from observations.selectors import public_status

    dup.refresh_from_db()
    assert public_status(dup)["step"] == "read"


# Archive ----------------------------------------------------------------------------------------------


def test_archive_page_renders(client, net):
    obs = _obs(net)
    client.force_login(net.collector)
    response = client.get(url("archive", obs.pk))
    assert response.status_code == 200
    assert 'name="reason"' in response.content.decode()


def test_archive_asks_confirmation_first(client, net):
    obs = _obs(net)
    client.force_login(net.collector)
    response = client.post(url("archive", obs.pk), {"reason": "Ei perhekeskuksen asia"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Confirm archiving" in body and "Ei perhekeskuksen asia" in body
    obs.refresh_from_db()
    assert obs.status == Observation.Status.NEW


def test_archive_confirmed_archives(client, net):
    obs = _obs(net)
    client.force_login(net.collector)
    response = client.post(url("archive", obs.pk), {"reason": "Ei perhekeskuksen asia", "confirm": "1"})
    assert response.status_code == 302
    obs.refresh_from_db()
    assert obs.status == Observation.Status.ARCHIVED and obs.archive_reason == "Ei perhekeskuksen asia"


@pytest.mark.parametrize("reason", ["", "   ", "\x00", "x" * 501])
def test_archive_bad_reason_gives_form_error(client, net, reason):
    obs = _obs(net)
    client.force_login(net.collector)
    response = client.post(url("archive", obs.pk), {"reason": reason, "confirm": "1"})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    obs.refresh_from_db()
    assert obs.status == Observation.Status.NEW


def test_archive_twice_gives_message(client, net):
    obs = _obs(net)
    client.force_login(net.collector)
    client.post(url("archive", obs.pk), {"reason": "Syy", "confirm": "1"})
    response = client.post(url("archive", obs.pk), {"reason": "Syy", "confirm": "1"})
    assert response.status_code == 302
    assert any("already been closed" in m for m in _messages(response))


# Redact -----------------------------------------------------------------------------------------------


def test_redact_page_prefills_suggestion(client, net):
    obs = FamilyObservationFactory(
        family_centre=net.centre,
        text="Soittakaa meille 040 123 4567 iltaisin",
        held=True,
        held_reasons=["phone"],
    )
    client.force_login(net.collector)
    body = client.get(url("redact", obs.pk)).content.decode()
    assert "Soittakaa meille […] iltaisin</textarea>" in body
    assert '<mark class="pii-mark"' in body


def test_detail_prefills_redaction_for_held(client, net):
    obs = FamilyObservationFactory(
        family_centre=net.centre,
        text="Soittakaa meille 040 123 4567 iltaisin",
        held=True,
        held_reasons=["phone"],
    )
    client.force_login(net.collector)
    body = client.get(url("detail", obs.pk)).content.decode()
    assert "Soittakaa meille […] iltaisin</textarea>" in body


def test_redact_still_personal_keeps_input_and_original(client, net):
    obs = FamilyObservationFactory(
        family_centre=net.centre, text="Soittakaa 040 123 4567", held=True, held_reasons=["phone"]
    )
    client.force_login(net.collector)
    response = client.post(url("redact", obs.pk), {"text": "Soittakaa 040 765 4321"})
    assert response.status_code == 400
    assert "040 765 4321" in response.content.decode()
    obs.refresh_from_db()
    assert obs.held and obs.text == "Soittakaa 040 123 4567"


def test_redact_clean_text_releases_and_deletes_original(client, net):
    obs = FamilyObservationFactory(
        family_centre=net.centre, text="Soittakaa 040 123 4567", held=True, held_reasons=["phone"]
    )
    client.force_login(net.collector)
    response = client.post(url("redact", obs.pk), {"text": "Soittakaa […]"})
    assert response.status_code == 302
    obs.refresh_from_db()
    assert not obs.held and obs.text == "Soittakaa […]"
    assert not any("040 123 4567" in str(e.before) + str(e.after) for e in AuditEvent.objects.all())


def test_redact_empty_text_gives_form_error(client, net):
    obs = FamilyObservationFactory(family_centre=net.centre, text="Soittakaa 040 123 4567", held=True)
    client.force_login(net.collector)
    response = client.post(url("redact", obs.pk), {"text": "   "})
    assert response.status_code == 400
    obs.refresh_from_db()
    assert obs.held


@pytest.mark.parametrize("name", ["triage", "merge", "archive", "redact", "export"])
def test_collector_pages_are_not_cached(client, net, name):
    obs = _obs(net)
    client.force_login(net.collector)
    response = client.get(url(name) if name in ("triage", "export") else url(name, obs.pk))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
