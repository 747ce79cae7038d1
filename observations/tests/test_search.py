"""Search by Finnish base form and compound part, beside the Finnish and Swedish stemmers."""

from __future__ import annotations

import pytest
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F
from django.urls import reverse

from core import finnish
from core.search import lemma_tsquery
from core.tests.relevance import DOCUMENTS, QUERIES, recall_at_10
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from observations.models import Observation
from observations.selectors import observation_filter
from observations.tests.factories import ObservationFactory, centre_with_municipality

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not finnish.available(), reason=finnish.unavailable_reason() or "no Voikko"),
]


@pytest.fixture
def corpus():
    centre, _municipality = centre_with_municipality()
    keys = {}
    for key, text in DOCUMENTS.items():
        keys[ObservationFactory(family_centre=centre, text=text).pk] = key
    return keys


def _new_search(keys):
    def search(query):
        qs = observation_filter(Observation.objects.all(), q=query)
        return [keys[pk] for pk in qs.values_list("pk", flat=True)[:10]]

    return search


def _snowball_search(keys):
    """What search was before base forms: the Finnish and Swedish stemmers only."""

    def search(query):
        vector = SearchVector("text", config="finnish") + SearchVector("text", config="swedish")
        q = SearchQuery(query, config="finnish", search_type="websearch") | SearchQuery(
            query, config="swedish", search_type="websearch"
        )
        qs = (
            Observation.objects.annotate(v=vector)
            .filter(v=q)
            .annotate(rank=SearchRank(F("v"), q))
            .order_by("-rank", "-id")
        )
        return [keys[pk] for pk in qs.values_list("pk", flat=True)[:10]]

    return search


def test_relevance_set_is_large_enough():
    assert len(QUERIES) >= 60
    assert all(key in DOCUMENTS for _q, expected in QUERIES for key in expected)


def test_every_query_of_the_relevance_set_finds_its_documents(corpus):
    recall, misses = recall_at_10(_new_search(corpus))
    assert misses == []
    assert recall == 1.0


def test_base_forms_find_more_than_the_stemmers(corpus):
    new, _ = recall_at_10(_new_search(corpus))
    old, _ = recall_at_10(_snowball_search(corpus))
    assert new > old


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("lapsi", "Lasten iltapäivät ovat pitkiä."),
        ("lapsi", "Lapsille ei ole kerhoa."),
        ("koulu", "Kouluissa on levotonta."),
        ("ilmoitus", "Koulu teki lastensuojeluilmoituksen."),
        ("äiti", "Äidit ovat väsyneitä."),
    ],
)
def test_queue_search_finds_inflected_and_compound_forms(client, query, text):
    centre, _municipality = centre_with_municipality()
    collector = MembershipFactory(
        group=GroupFactory(family_centre=centre), role=Membership.Role.COLLECTOR
    ).user
    ObservationFactory(family_centre=centre, text=text)
    ObservationFactory(family_centre=centre, text="Leikkipuiston liukumäki on rikki.")
    client.force_login(collector)
    body = client.get(reverse("observations:triage") + f"?q={query}").content.decode()
    assert text in body
    assert "liukumäki" not in body


def test_exact_forms_rank_before_other_forms():
    centre, _m = centre_with_municipality()
    other = ObservationFactory(family_centre=centre, text="Lapsille ei ole kerhoa.")
    exact = ObservationFactory(family_centre=centre, text="Lasten kerho on täynnä.")
    found = list(observation_filter(Observation.objects.all(), q="lasten"))
    assert found == [exact, other]


def test_a_compound_query_does_not_match_its_parts_alone():
    centre, _m = centre_with_municipality()
    ObservationFactory(family_centre=centre, text="Lapset tekivät ilmoituksen.")
    compound = ObservationFactory(family_centre=centre, text="Lastensuojeluilmoitus tehtiin.")
    assert list(observation_filter(Observation.objects.all(), q="lastensuojeluilmoitus")) == [compound]


def test_edited_text_is_indexed_again():
    centre, _m = centre_with_municipality()
    observation = ObservationFactory(family_centre=centre, text="Leikkipuisto on rikki.")
    observation.text = "Äidit ovat väsyneitä."
    observation.save(update_fields=["text"])
    observation.refresh_from_db()
    assert "äiti" in observation.lemmas.split()
    assert list(observation_filter(Observation.objects.all(), q="äiti")) == [observation]


@pytest.mark.parametrize(
    "query",
    ["'", "\\", "!", "&|", "-", "- -koulu", "lapsi or", "or", '"', "a:*", "koulu & !", "\x00", "x" * 5000],
)
def test_odd_queries_do_not_fail(query):
    centre, _m = centre_with_municipality()
    ObservationFactory(family_centre=centre, text="Koulussa on kiusaamista.")
    list(observation_filter(Observation.objects.all(), q=query))


def test_query_syntax_of_base_forms():
    assert lemma_tsquery("lapsi ja koulu") == "('lapsi') & ('koulu')"
    assert lemma_tsquery("koulu -kiusaaminen") == "('koulu') & !('kiusata')"
    assert lemma_tsquery("kiusaaminen or yksinäisyys") == "(('kiusata') | ('yksinäisyys'))"
    assert lemma_tsquery("-koulu") == ""
    assert lemma_tsquery("O'Brien") == "('o''brien')"


def test_search_reindex_fills_rows_written_without_base_forms():
    from io import StringIO

    from django.core.management import call_command

    centre, _m = centre_with_municipality()
    observation = ObservationFactory(family_centre=centre, text="Äidit ovat väsyneitä.")
    Observation.objects.filter(pk=observation.pk).update(lemmas="")  # as a bulk load leaves it
    assert not observation_filter(Observation.objects.all(), q="äiti").exists()
    out = StringIO()
    call_command("search_reindex", "--batch", "1", stdout=out)
    assert "observations.Observation: 1 rows" in out.getvalue()
    assert list(observation_filter(Observation.objects.all(), q="äiti")) == [observation]
