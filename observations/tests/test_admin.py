from __future__ import annotations

import pytest
from django.urls import reverse

from observations.tests.factories import ObservationFactory

pytestmark = pytest.mark.django_db

READ_ONLY = ["observation", "enrichmentnote", "familymessage", "teamreview"]


@pytest.mark.parametrize("model", READ_ONLY)
def test_admin_lists_but_offers_no_add_for_sensitive_records(admin_client, model):
    assert admin_client.get(reverse(f"admin:observations_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:observations_{model}_add")).status_code == 403


@pytest.mark.parametrize("model", [*READ_ONLY, "theme"])
def test_admin_denied_for_professionals(client, user, model):
    client.force_login(user)
    response = client.get(reverse(f"admin:observations_{model}_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_held_text_and_family_email_not_shown_and_not_editable(admin_client):
    held = ObservationFactory(text="Soita 040 1234567 Matille", held=True, contact_email="perhe@example.com")

    response = admin_client.get(reverse("admin:observations_observation_change", args=[held.pk]))
    body = response.content.decode()

    assert response.status_code == 200
    assert "040 1234567" not in body and "perhe@example.com" not in body
    assert 'name="text"' not in body
    response = admin_client.post(
        reverse("admin:observations_observation_change", args=[held.pk]), {"text": "x"}
    )
    assert response.status_code == 403
    held.refresh_from_db()
    assert held.text == "Soita 040 1234567 Matille"


def test_redacted_text_is_shown(admin_client):
    observation = ObservationFactory(text="Iltapäiväkerhon jonot ovat pitkät.", held=False)

    response = admin_client.get(reverse("admin:observations_observation_change", args=[observation.pk]))

    assert "Iltapäiväkerhon jonot" in response.content.decode()
