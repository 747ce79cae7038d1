"""The admin lets support staff read co-development without a shell, and changes no sensitive content."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from codevelopment.models import Document, Invitation, SurveyResponse
from codevelopment.tests.factories import SurveyFactory
from codevelopment.tests.reach_data import opened_process

pytestmark = pytest.mark.django_db

MODELS = [
    "developmentprocess",
    "milestone",
    "hypothesis",
    "rootcause",
    "processupdate",
    "dialoguerecord",
    "document",
    "invitation",
    "consultationround",
    "survey",
    "surveyresponse",
    "proposal",
    "followupmetric",
    "subteamevaluation",
    "reminder",
]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_lists_rows(admin_client, model):
    response = admin_client.get(reverse(f"admin:codevelopment_{model}_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].model._meta.model_name == model


def test_process_listed_by_its_group(admin_client):
    process = opened_process()
    response = admin_client.get(reverse("admin:codevelopment_developmentprocess_changelist"))
    assert process.group.name in response.content.decode()


@pytest.mark.parametrize("model", [Document, Invitation, SurveyResponse])
def test_sensitive_content_is_read_only(admin_client, model):
    model_admin = (
        admin_client.get(reverse(f"admin:codevelopment_{model._meta.model_name}_changelist"))
        .context["cl"]
        .model_admin
    )
    assert not model_admin.has_add_permission(None)
    assert not model_admin.has_change_permission(None)
    assert not model_admin.has_delete_permission(None)


def test_survey_stage_cannot_be_changed_in_admin(admin_client):
    process = opened_process()
    survey = SurveyFactory(process=process, title="Kysely")
    url = reverse("admin:codevelopment_survey_change", args=[survey.pk])
    page = admin_client.get(url)
    assert "status" not in page.context["adminform"].form.fields
    assert "title" in page.context["adminform"].form.fields


def test_non_staff_cannot_open_admin(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:codevelopment_surveyresponse_changelist"))
    assert response.status_code == 302
    assert "login" in response["Location"]
