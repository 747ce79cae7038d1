"""The network map's list alternative written in Python: the same groups, organisations, people and
roles as the graph, escaped, and only the people the viewer may see."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from accounts.tests.factories import UserFactory
from familycentres.selectors import network_map
from familycentres.templatetags.network_map_list import network_group_items, network_organisation_items
from familycentres.tests.factories import GroupFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_groups_list_parent_organisations_and_people_with_roles():
    parent = GroupFactory(name="Ohjausryhmä")
    group = GroupFactory(name="Tiimi <1>", parent=parent)
    org = OrganisationFactory(name="Kela & co")
    chair = MembershipFactory(group=group, organisation=org, role="chair", user__full_name="Liisa <b>")
    MembershipFactory(group=parent, organisation=None, role="member")
    with translation.override("fi"):
        data = network_map(user=UserFactory())
        html = network_group_items(data)
        orgs = network_organisation_items(data)
    assert f'<a href="{group.get_absolute_url()}">Tiimi &lt;1&gt;</a>' in html
    assert "<li>Raportoi ryhmälle: Ohjausryhmä</li>" in html
    assert "<li>Organisaatiot: Kela &amp; co</li>" in html
    assert f"<li>Liisa &lt;b&gt; – {chair.get_role_display()} (Kela &amp; co)</li>" in html
    assert html.count("<li>\n      <a href=") == 2  # every group once
    assert 'Kela &amp; co <span class="muted">(' in orgs and f'<a href="{group.get_absolute_url()}">' in orgs


def test_public_list_has_groups_and_organisations_but_no_people():
    group = GroupFactory(name="Ohjausryhmä")
    membership = MembershipFactory(group=group, organisation=OrganisationFactory(name="Kela"))
    data = network_map(user=AnonymousUser())
    html = network_group_items(data)
    assert "Ohjausryhmä" in html and "Kela" in html
    assert membership.user.full_name not in html
