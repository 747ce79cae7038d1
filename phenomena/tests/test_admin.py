from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MODELS = [
    "phenomenon",
    "initiative",
    "decision",
    "agendaentry",
    "referral",
    "referralanswer",
    "analysiscontributor",
    "phenomenoncomment",
]


@pytest.mark.parametrize("model", MODELS)
def test_admin_lists_read_only_for_administrators(admin_client, model):
    assert admin_client.get(reverse(f"admin:phenomena_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:phenomena_{model}_add")).status_code == 403


@pytest.mark.parametrize("model", MODELS)
def test_admin_denied_for_professionals(client, user, model):
    client.force_login(user)
    response = client.get(reverse(f"admin:phenomena_{model}_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]
