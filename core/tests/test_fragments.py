"""Versioned page fragments: rendered once per version and key, again after the version is raised, and
uncached without a version row."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db.models import F

from core.fragments import current_version, versioned_fragment
from core.models import CacheVersion

pytestmark = pytest.mark.django_db


def _counting():
    calls = []

    def render() -> str:
        calls.append(1)
        return f"<p>{len(calls)}</p>"

    return render, calls


def test_fragment_is_rendered_once_per_version_and_key():
    cache.clear()
    CacheVersion.objects.update_or_create(name="test_fragment", defaults={"version": 1})
    render, calls = _counting()
    assert versioned_fragment("test_fragment", "a", render) == "<p>1</p>"
    assert versioned_fragment("test_fragment", "a", render) == "<p>1</p>"
    assert len(calls) == 1
    assert versioned_fragment("test_fragment", "b", render) == "<p>2</p>"  # another key
    CacheVersion.objects.filter(name="test_fragment").update(version=F("version") + 1)
    assert current_version("test_fragment") == 2
    assert versioned_fragment("test_fragment", "a", render) == "<p>3</p>"  # rendered again
    assert len(calls) == 3


def test_fragment_without_a_version_row_is_not_cached():
    cache.clear()
    render, calls = _counting()
    assert current_version("no_such_fragment") is None
    versioned_fragment("no_such_fragment", "a", render)
    versioned_fragment("no_such_fragment", "a", render)
    assert len(calls) == 2


def test_any_value_is_cached_under_its_version_and_key():
    from core.fragments import versioned

    cache.clear()
    CacheVersion.objects.update_or_create(name="test_rows", defaults={"version": 7})
    calls = []

    def rows():
        calls.append(1)
        return [("c", 1, 2)]

    assert versioned("test_rows", "statements", rows) == [("c", 1, 2)]
    assert versioned("test_rows", "statements", rows) == [("c", 1, 2)]
    assert len(calls) == 1


@pytest.mark.django_db(transaction=True)
def test_the_apps_version_rows_come_back_after_a_flush():
    """A flush (as between transactional tests) empties the versions with every table; post_migrate puts the
    apps' rows back, so the values stay cached in the tests that follow."""
    from django.core.management import call_command

    CacheVersion.objects.all().delete()
    call_command("flush", verbosity=0, interactive=False)
    assert current_version("service_map") is not None
    assert current_version("team_decisions") is not None
