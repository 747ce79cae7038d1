"""The demo runner (core/demo.py): loaders in the order of DEMO_LOADERS, those of apps that are not
installed skipped, every loader idempotent."""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from core import demo

pytestmark = pytest.mark.django_db

CALLS: list[str] = []


def first(ctx):
    CALLS.append("first")
    ctx["shared"] = 1


def second(ctx):
    CALLS.append(f"second saw {ctx['shared']}")
    ctx.count("things")


def test_loaders_run_in_order_and_share_the_context():
    CALLS.clear()
    ctx = demo.DemoContext(stdout=StringIO())

    demo.run(ctx, ["core.tests.test_demo.first", "core.tests.test_demo.second"])

    assert CALLS == ["first", "second saw 1"]
    assert ctx.created == {"things": 1}


def test_loader_of_an_app_not_installed_is_skipped(settings):
    CALLS.clear()
    settings.DEMO_LOADERS = ["indicatorsnotinstalled.demo.load", "core.tests.test_demo.first"]

    loaders = demo.installed_loaders()

    assert [f.__name__ for f in loaders] == ["first"]


def test_every_configured_loader_belongs_to_an_installed_app_or_is_skipped(settings):
    for path in settings.DEMO_LOADERS:
        module = path.rpartition(".")[0]
        config = apps.get_containing_app_config(module)
        assert config is None or path.startswith(config.name + ".")


def test_report_without_anything_created_says_so():
    out = StringIO()
    demo.report(demo.DemoContext(stdout=out))

    assert "nothing to create" in out.getvalue()


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.label.startswith(("core.AuditEvent", "core.AccessLog", "sessions."))
    }


def test_every_loader_run_again_on_its_own_creates_no_row(settings):
    settings.DEMO_MODE = True
    call_command("seed_demo", stdout=StringIO())
    before = _row_counts()

    for load in demo.installed_loaders():
        ctx = demo.DemoContext(stdout=StringIO())
        load(ctx)
        assert ctx.created == {}, load.__module__

    assert _row_counts() == before
