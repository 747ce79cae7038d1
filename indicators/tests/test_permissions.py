from __future__ import annotations

import pytest

from familycentres.tests.factories import FamilyCentreFactory
from indicators import permissions as p
from phenomena.tests.factories import PhenomenonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "view", "imports", "package"),
    [
        ("admin", True, True, True),
        ("collector", True, True, True),
        ("member", True, False, False),
        ("outsider", True, False, False),
        ("limited", False, False, False),
    ],
)
def test_roles(people, pirkanmaa, who, view, imports, package):
    user = getattr(people, who)
    assert p.can_view_indicators(user) is view
    assert p.can_run_imports(user) is imports
    assert p.can_view_import_runs(user) is imports
    assert p.can_edit_package(user, pirkanmaa.centre) is package


def test_anonymous_and_inactive(people, pirkanmaa):
    from django.contrib.auth.models import AnonymousUser

    assert not p.can_view_indicators(AnonymousUser())
    people.admin.is_active = False
    assert not p.can_run_imports(people.admin)


def test_collector_edits_only_own_centres_package(people, pirkanmaa):
    assert not p.can_edit_package(people.collector, FamilyCentreFactory())


def test_link_to_phenomenon_follows_phenomenon_editing(people, pirkanmaa):
    own = PhenomenonFactory(family_centre=pirkanmaa.centre)
    other = PhenomenonFactory(family_centre=FamilyCentreFactory())
    assert p.can_link_to_phenomenon(people.collector, own)
    assert not p.can_link_to_phenomenon(people.collector, other)
    assert not p.can_link_to_phenomenon(people.member, own)
    assert p.can_link_to_phenomenon(people.admin, other)
