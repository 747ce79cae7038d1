"""Saved dashboards of a family centre or a group: a named selection that reopens the same link."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.models import AuditEvent
from indicators.models import Indicator, SavedDashboard

pytestmark = pytest.mark.django_db


def _save(client, owner_key, name="Lastensuojelu Pirkanmaalla", query=None, indicator=None):
    query = query if query is not None else f"indicator={indicator.pk}&area=837&format=csv&page=2"
    return client.post(
        reverse("indicators:dashboard_save"), {"name": name, "owner": owner_key, "query": query}
    )


def test_member_saves_for_the_group_and_colleagues_reopen_it(client, people, sotkanet_ready):
    indicator = Indicator.objects.get(source_id="1086")
    client.force_login(people.member)
    response = _save(client, f"group:{people.group.pk}", indicator=indicator)
    saved = SavedDashboard.objects.get()
    assert saved.group == people.group and saved.query == f"indicator={indicator.pk}&area=837"
    assert response.url == saved.get_absolute_url()
    assert AuditEvent.objects.filter(action="indicators.dashboard_save").exists()
    client.force_login(people.collector)
    page = client.get(reverse("indicators:dashboard"))
    assert page.context["saved"] == [saved]
    client.force_login(people.outsider)
    assert client.get(reverse("indicators:dashboard")).context["saved"] == []


def test_cannot_save_for_someone_elses_group_or_without_a_name(client, people, sotkanet_ready):
    from familycentres.tests.factories import GroupFactory

    indicator = Indicator.objects.get(source_id="1086")
    client.force_login(people.member)
    _save(client, f"group:{GroupFactory().pk}", indicator=indicator)
    _save(client, f"group:{people.group.pk}", name="  \x00 ", indicator=indicator)
    _save(client, f"group:{people.group.pk}", query="area=837")
    _save(client, f"group:{people.group.pk}", name="x" * 500, indicator=indicator)
    assert not SavedDashboard.objects.exists()


def test_delete_asks_first_and_only_the_allowed(client, people, sotkanet_ready):
    indicator = Indicator.objects.get(source_id="1086")
    client.force_login(people.member)
    _save(client, f"group:{people.group.pk}", indicator=indicator)
    saved = SavedDashboard.objects.get()
    url = reverse("indicators:dashboard_delete", args=[saved.pk])
    assert client.get(url).status_code == 200
    client.force_login(people.outsider)
    assert client.post(url).status_code == 404
    client.force_login(people.member)
    client.post(url)
    assert not SavedDashboard.objects.exists()
