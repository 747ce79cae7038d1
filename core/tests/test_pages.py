"""core.pages: KeysFirstPaginator gives the pages Django's Paginator gives, in fewer reads of the matches;
KeysPaginator pages a list of ids already in order."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import F, Value
from django.db.models.functions import Concat

from accounts.tests.factories import UserFactory
from core.models import AuditEvent
from core.pages import KeysFirstPaginator, KeysPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    kind = ContentType.objects.get_for_model(AuditEvent)
    actor = UserFactory()
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=actor, action=f"act {i % 4}", content_type=kind, object_id=str(i), object_repr=f"r{i}"
        )
        for i in range(53)
    )
    # An ordering on an annotation with ties, as a search's rank gives.
    return (
        AuditEvent.objects.select_related("actor")
        .annotate(label=Concat(F("action"), Value("!")))
        .order_by("-label", "object_repr", "-id")
    )


NUMBERS = [None, "", "1", "2", "3", "4", "99", "0", "-1", "x", "2.5", 3]


@pytest.mark.parametrize("number", NUMBERS)
def test_same_page_as_django_paginator(events, number):
    expected = Paginator(events, 20).get_page(number)
    page = KeysFirstPaginator(events, 20).get_page(number)
    assert [o.pk for o in page.object_list] == [o.pk for o in expected.object_list]
    assert page.number == expected.number
    assert page.paginator.count == expected.paginator.count == 53
    assert page.paginator.num_pages == 3
    assert (page.has_next(), page.has_previous()) == (expected.has_next(), expected.has_previous())
    assert [o.label for o in page.object_list] == [o.label for o in expected.object_list]


@pytest.mark.parametrize("number", [None, "1", "5"])
def test_empty_list_gives_an_empty_first_page(number):
    page = KeysFirstPaginator(AuditEvent.objects.none().order_by("id"), 20).get_page(number)
    assert list(page.object_list) == [] and page.number == 1 and page.paginator.count == 0


def test_a_page_is_two_queries_and_no_count(events, django_assert_num_queries):
    with django_assert_num_queries(2) as ctx:
        page = KeysFirstPaginator(events, 20).get_page("2")
        assert page.paginator.count == 53 and len(page.object_list) == 20
    assert not any("COUNT(*) AS" in q["sql"] for q in ctx.captured_queries)


def test_orphans_are_refused(events):
    with pytest.raises(ValueError):
        KeysFirstPaginator(events, 20, orphans=2)


def test_rows_are_read_from_the_given_queryset_by_id(events, django_assert_num_queries):
    """With `rows`, the page's rows come from it (by the ids the matches gave, in their order), so the
    conditions of the matches are not evaluated a second time."""
    matches = events.filter(action__in=["act 1", "act 2"])
    expected = Paginator(matches, 10).get_page("2")
    expected_rows = [(o.pk, o.actor.pk, o.label) for o in expected.object_list]
    with django_assert_num_queries(2) as ctx:
        page = KeysFirstPaginator(matches, 10, rows=events).get_page("2")
        assert [(o.pk, o.actor.pk, o.label) for o in page.object_list] == expected_rows
    assert page.paginator.count == expected.paginator.count
    assert "act 1" not in ctx.captured_queries[1]["sql"]


@pytest.mark.parametrize("number", NUMBERS)
def test_keys_paginator_pages_a_list_of_ids_in_its_order(events, number):
    ids = list(events.values_list("pk", flat=True))
    expected = Paginator(events, 20).get_page(number)
    page = KeysPaginator(ids, 20, rows=events).get_page(number)
    assert [o.pk for o in page.object_list] == [o.pk for o in expected.object_list]
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (expected.number, 53, 3)


def test_keys_paginator_reads_only_the_page(events, django_assert_num_queries):
    ids = list(events.values_list("pk", flat=True))
    with django_assert_num_queries(1):
        page = KeysPaginator(ids, 20, rows=events).get_page("3")
        assert len(page.object_list) == 13
    with django_assert_num_queries(0):
        assert list(KeysPaginator([], 20, rows=events).get_page("1").object_list) == []
