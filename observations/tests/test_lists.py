"""The growing lists: "my observations" and the collector's queue with search (text and themes), filters,
sorting and pages; cards titled by the text's first words; merge candidates by similarity; query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from observations import selectors
from observations.models import Observation
from observations.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def net(network):
    return network


def _mine(net, **kw):
    kw.setdefault("family_centre", net.centre)
    kw.setdefault("area", net.municipality)
    kw.setdefault("author", net.professional)
    return ObservationFactory(**kw)


def _body(response) -> str:
    return response.content.decode()


# Card titles ----------------------------------------------------------------------------------------


def test_title_is_the_first_words_of_the_text():
    obs = Observation(
        text="Koululaiset jäävät iltapäivisin yksin kotiin eikä heillä ole harrastuksia lähellä"
    )
    assert obs.title == "Koululaiset jäävät iltapäivisin yksin kotiin eikä heillä ole…"
    assert Observation(text="Lyhyt teksti").title == "Lyhyt teksti"


def test_title_of_held_text_is_masked():
    obs = Observation(text="Soittakaa 040 123 4567 heti", held=True, held_reasons=["phone"])
    assert "040" not in obs.title and "[" in obs.title


def test_mine_cards_are_titled_by_the_text(client, net):
    obs = _mine(net, text="Vanhemmat toivovat iltaisin avointa kohtaamispaikkaa koko perheelle")
    client.force_login(net.professional)
    body = _body(client.get(url("observations:mine")))
    assert obs.title in body
    assert f"Observation {obs.pk}<" not in body


def test_queue_cards_are_titled_by_the_text(client, net):
    obs = _mine(net, text="Nuoret kokoontuvat kauppakeskukseen koska muuta paikkaa ei ole")
    client.force_login(net.collector)
    body = _body(client.get(url("observations:triage")))
    assert f'">{obs.title}</a>' in body
    assert f"Observation {obs.pk}<" not in body


# My observations: search, filters, sort, pages -------------------------------------------------------


def test_mine_search_finds_text_and_themes(client, net):
    by_text = _mine(net, text="Ruutuaika venyy iltaisin pitkäksi")
    by_theme = _mine(net, text="Lapset valvovat myöhään", themes=["ruutuaika"])
    other = _mine(net, text="Leikkipuisto on hyvässä kunnossa")
    client.force_login(net.professional)
    body = _body(client.get(url("observations:mine"), {"q": "ruutuaika"}))
    assert by_text.title in body and by_theme.title in body
    assert other.title not in body


def test_mine_filters_by_status_kind_theme_and_held(client, net):
    read = _mine(net, text="Luettu havainto koulusta", status=Observation.Status.READ)
    new = _mine(net, text="Uusi havainto koulusta", kind=Observation.Kind.POSITIVE, themes=["koulu"])
    held = _mine(net, text="Soittakaa 040 123 4567", held=True, held_reasons=["phone"])
    client.force_login(net.professional)
    body = _body(client.get(url("observations:mine"), {"status": "read"}))
    assert read.title in body and new.title not in body
    body = _body(client.get(url("observations:mine"), {"kind": "positive"}))
    assert new.title in body and read.title not in body
    body = _body(client.get(url("observations:mine"), {"theme": "koulu"}))
    assert new.title in body and read.title not in body
    body = _body(client.get(url("observations:mine"), {"status": "held"}))
    assert held.title in body and new.title not in body and "040 123 4567" not in body


def test_mine_sorts_oldest_first_and_by_date_observed(client, net):
    old = _mine(net, text="Vanhin kirjattu", observed_on=timezone.localdate())
    old.created_at = timezone.now() - timedelta(days=5)
    old.save(update_fields=["created_at"])
    new = _mine(net, text="Uusin kirjattu", observed_on=timezone.localdate() - timedelta(days=10))
    client.force_login(net.professional)
    body = _body(client.get(url("observations:mine"), {"sort": "oldest"}))
    assert body.index(old.title) < body.index(new.title)
    body = _body(client.get(url("observations:mine"), {"sort": "newest"}))
    assert body.index(new.title) < body.index(old.title)
    body = _body(client.get(url("observations:mine"), {"sort": "observed"}))
    assert body.index(old.title) < body.index(new.title)


def test_mine_unknown_filter_values_are_ignored_not_500(client, net):
    obs = _mine(net, text="Toimiva havainto")
    client.force_login(net.professional)
    response = client.get(url("observations:mine"), {"status": "xyz", "sort": "<b>", "kind": "1"})
    assert response.status_code == 200
    assert obs.title in _body(response)


def test_mine_filtered_empty_state(client, net):
    _mine(net, text="Jotain aivan muuta")
    client.force_login(net.professional)
    body = _body(client.get(url("observations:mine"), {"q": "kirahvi"}))
    assert "None of your observations match" in body


def test_mine_htmx_returns_only_results(client, net):
    _mine(net, text="Osittainen vastaus")
    client.force_login(net.professional)
    body = _body(client.get(url("observations:mine"), {"q": "vastaus"}, HTTP_HX_REQUEST="true"))
    assert body.lstrip().startswith('<div id="results"') and "<html" not in body


def test_mine_pages(client, net):
    for n in range(30):
        _mine(net, text=f"Sivutettu havainto numero {n}")
    client.force_login(net.professional)
    first = _body(client.get(url("observations:mine")))
    second = _body(client.get(url("observations:mine"), {"page": 2}))
    assert "Page 1 of 2" in first and "Page 2 of 2" in second


def test_mine_queries_do_not_grow_with_rows(client, net, django_assert_max_num_queries):
    _mine(net, themes=["a-teema"])
    client.force_login(net.professional)
    with CaptureQueriesContext(connection) as few:
        client.get(url("observations:mine"), {"q": "lapset", "sort": "newest"})
    few_count = len(few)
    for n in range(20):
        _mine(net, themes=[f"teema {n}", "a-teema"], held=n % 4 == 0, held_reasons=["phone"])
    with django_assert_max_num_queries(few_count):
        client.get(url("observations:mine"), {"q": "lapset", "sort": "newest"})


# The queue: search covers themes, query counts --------------------------------------------------------


def test_queue_search_finds_themes(client, net):
    tagged = _mine(net, text="Iltapäivät ovat pitkiä", themes=["yksinäisyys"])
    untagged = _mine(net, text="Leikkipuisto on hyvä")
    client.force_login(net.collector)
    body = _body(client.get(url("observations:triage"), {"q": "yksinäisyys"}))
    assert tagged.title in body and untagged.title not in body


def test_queue_queries_do_not_grow_with_rows(client, net, django_assert_max_num_queries):
    _mine(net, themes=["a"])
    client.force_login(net.collector)
    with CaptureQueriesContext(connection) as few:
        client.get(url("observations:triage"), {"status": "all", "q": "lapset"})
    few_count = len(few)
    for n in range(20):
        _mine(net, themes=[f"t{n}"], held=n % 3 == 0, held_reasons=["phone"])
    with django_assert_max_num_queries(few_count):
        client.get(url("observations:triage"), {"status": "all", "q": "lapset"})


# Merge candidates by similarity ----------------------------------------------------------------------


def test_merge_candidates_most_similar_first_not_newest(net):
    obs = _mine(
        net, text="Koulukuljetus myöhästelee aamuisin ja lapset odottavat pakkasessa", themes=["koulumatkat"]
    )
    similar = _mine(
        net, text="Koulukuljetus myöhästelee usein, lapset odottavat pakkasessa", themes=["koulumatkat"]
    )
    similar.created_at = timezone.now() - timedelta(days=30)
    similar.save(update_fields=["created_at"])
    shared_theme = _mine(net, text="Reitti on pitkä", themes=["koulumatkat"])
    shared_theme.created_at = timezone.now() - timedelta(days=20)
    shared_theme.save(update_fields=["created_at"])
    newest_unrelated = _mine(net, text="Leikkipuiston keinut ovat rikki")
    candidates = selectors.merge_candidates(user=net.collector, observation=obs)
    assert candidates[0] == similar
    assert candidates.index(shared_theme) < candidates.index(newest_unrelated)
    assert obs not in candidates


def test_merge_page_lists_similar_first(client, net):
    obs = _mine(net, text="Neuvolan jonot ovat pitkät vauvaperheille")
    similar = _mine(net, text="Neuvolan jonot pitkät, vauvaperheet odottavat")
    similar.created_at = timezone.now() - timedelta(days=10)
    similar.save(update_fields=["created_at"])
    newer = _mine(net, text="Uimahallin vuorot ovat hyviä")
    client.force_login(net.collector)
    body = _body(client.get(url("observations:merge", obs.pk)))
    assert body.index(similar.title) < body.index(newer.title)
