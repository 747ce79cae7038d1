from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

MODELS = ["area", "organisation", "familycentre", "group", "membership", "meeting"]


@pytest.mark.parametrize("model", MODELS)
def test_admin_lists_and_add_forms_for_administrators(admin_client, model):
    assert admin_client.get(reverse(f"admin:familycentres_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:familycentres_{model}_add")).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_admin_denied_for_professionals(client, user, model):
    client.force_login(user)
    response = client.get(reverse(f"admin:familycentres_{model}_changelist"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_admin_user_management(admin_client):
    assert admin_client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "uusi.tyontekija@example.test",
            "full_name": "Uusi Työntekijä",
            "password1": "Pitka-salasana-2026",
            "password2": "Pitka-salasana-2026",
            "usable_password": "true",
        },
    )
    from accounts.models import User

    assert response.status_code == 302
    assert User.objects.filter(email="uusi.tyontekija@example.test").exists()
