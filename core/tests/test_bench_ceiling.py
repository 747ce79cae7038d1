"""The load test's bare page: only there when BENCH_CEILING is on, the asked size, no database query."""

from __future__ import annotations

import importlib

import pytest
from django.test import Client
from django.urls import NoReverseMatch, clear_url_caches, reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def ceiling_urls(settings):
    import config.urls

    settings.BENCH_CEILING = True
    clear_url_caches()
    importlib.reload(config.urls)
    yield
    settings.BENCH_CEILING = False
    clear_url_caches()
    importlib.reload(config.urls)


def test_no_ceiling_page_in_normal_use(client):
    with pytest.raises(NoReverseMatch):
        reverse("bench_ceiling")
    assert client.get("/fi/bench/ceiling/").status_code == 404


def test_ceiling_page_has_the_asked_size_and_no_queries(ceiling_urls, django_assert_num_queries):
    client = Client()
    with django_assert_num_queries(0):
        small = client.get("/fi/bench/ceiling/?kb=10")
    large = client.get("/fi/bench/ceiling/?kb=100")
    assert small.status_code == large.status_code == 200
    assert 10 * 1024 <= len(small.content) < 20 * 1024
    assert 100 * 1024 <= len(large.content) < 120 * 1024
    # Odd input gets the default size, not an error.
    assert client.get("/fi/bench/ceiling/?kb=many").status_code == 200
