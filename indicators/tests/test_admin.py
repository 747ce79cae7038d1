from __future__ import annotations

import pytest
from django.urls import reverse

from indicators.tests.factories import ValueFactory

pytestmark = pytest.mark.django_db


def test_admin_lists_indicators_regions_and_values(client, people):
    value = ValueFactory()
    people.admin.is_superuser = True
    people.admin.save()
    client.force_login(people.admin)
    for name in ("indicator", "region", "value"):
        assert client.get(reverse(f"admin:indicators_{name}_changelist")).status_code == 200
    assert client.get(reverse("admin:indicators_value_change", args=[value.pk])).status_code == 200
    assert client.get(reverse("admin:indicators_value_add")).status_code == 403
