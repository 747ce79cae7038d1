"""Every URL of the apps has a test with a user who may use it and one with a user who may not
(tests/url_access.py), or is a known gap; the named tests exist and request that URL."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.urls import URLResolver, get_resolver

from tests.url_access import ACCESS_TESTS, KNOWN_GAPS

ROOT = Path(__file__).resolve().parents[1]
APPS = ("core", "accounts", "familycentres", "observations", "phenomena", "codevelopment")
# Only the apps' own views: Django's admin, allauth and the API schema pages are tested by their projects.
OTHERS = {"networkmeetings", "influencernet", "indicators"}


def _names(resolver=None, namespace: str = ""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _names(pattern, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
        elif pattern.name and pattern.lookup_str.split(".")[0] in (*APPS, *OTHERS):
            yield namespace + pattern.name


def _test_source(test_id: str) -> str | None:
    path, _, function = test_id.partition("::")
    source = (ROOT / path).read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return ast.get_source_segment(source, node)
    return None


def test_every_url_of_the_apps_has_allowed_and_denied_tests_or_is_a_known_gap():
    names = set(_names())

    missing = sorted(names - set(ACCESS_TESTS) - KNOWN_GAPS)

    assert not missing, f"add an allowed and a denied test to tests/url_access.py for: {missing}"


def test_registry_names_only_urls_that_exist_and_no_url_twice():
    names = set(_names())

    assert not (set(ACCESS_TESTS) - names), "tests/url_access.py names URLs that no longer exist"
    assert not (KNOWN_GAPS - names), "KNOWN_GAPS names URLs that no longer exist"
    assert not (set(ACCESS_TESTS) & KNOWN_GAPS), "a URL with tests is still listed as a gap"


def test_every_named_test_exists_and_requests_its_url():
    for name, test_ids in ACCESS_TESTS.items():
        short = name.rpartition(":")[2]
        for test_id in test_ids:
            source = _test_source(test_id)
            assert source is not None, f"{test_id} (for {name}) does not exist"
            assert re.search(rf"[\"']({re.escape(name)}|{re.escape(short)})[\"']", source), (
                f"{test_id} does not request {name}"
            )
