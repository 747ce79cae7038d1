from __future__ import annotations

import pytest
from django.urls import reverse

from indicators.tests.factories import ValueFactory

pytestmark = pytest.mark.django_db


def test_admin_lists_indicators_regions_and_values(admin_client):
    value = ValueFactory()
    for name in ("indicator", "region", "value"):
        assert admin_client.get(reverse(f"admin:indicators_{name}_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:indicators_indicator_add")).status_code == 200
    assert admin_client.get(reverse("admin:indicators_value_change", args=[value.pk])).status_code == 200
    assert admin_client.get(reverse("admin:indicators_value_add")).status_code == 403


def test_admin_denied_for_professionals(client, user):
    client.force_login(user)
    assert client.get(reverse("admin:indicators_indicator_changelist")).status_code == 302
