"""The pages of the loop's rules and results: the reason for going on without root causes, whom a survey or
dialogue reached, the follow-up report (PDF), the sub-teams' evaluations and the public summary."""

from __future__ import annotations

import datetime
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from codevelopment import services
from codevelopment.models import DevelopmentProcess, SubteamEvaluation, Survey
from codevelopment.tests import lifecycle_data as h
from codevelopment.tests.factories import DialogueRecordFactory, SurveyFactory
from core.tests.pdfcheck import pdf_accessibility
from familycentres.models import Group, Membership
from familycentres.tests.factories import FamilyCentreFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _member(process):
    return MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user


def _outsider():
    return MembershipFactory(role=Membership.Role.CLIENT_REPRESENTATIVE).user


# Root causes ---------------------------------------------------------------------------------------------


def test_root_causes_skip_saves_the_reason_for_the_coordinator(client):
    process = h.opened()
    url = reverse("codevelopment:root_causes_skip", args=[process.pk])
    client.force_login(process.chair)
    workspace = client.get(process.get_absolute_url()).content.decode()
    assert "Juurisyyt ensin" in workspace
    assert reverse("codevelopment:advance", args=[process.pk]) not in workspace
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    response = client.post(url, {"reason": "Juurisyyt on selvitetty aiemmin."})
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.no_root_causes_reason == "Juurisyyt on selvitetty aiemmin."
    workspace = client.get(process.get_absolute_url()).content.decode()
    assert reverse("codevelopment:advance", args=[process.pk]) in workspace


def test_root_causes_skip_denied(client):
    process = h.opened()
    url = reverse("codevelopment:root_causes_skip", args=[process.pk])
    assert "login" in client.post(url, {"reason": "x"})["Location"]
    client.force_login(_outsider())
    assert client.post(url, {"reason": "x"}).status_code == 404
    client.force_login(_member(process))
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(process.chair)
    assert client.get(url).status_code == 405
    process.refresh_from_db()
    assert process.no_root_causes_reason == ""


def test_advance_without_root_causes_says_what_to_do(client):
    process = h.opened()
    client.force_login(process.chair)
    with translation.override("en"):
        url = reverse("codevelopment:advance", args=[process.pk])
    response = client.post(url, {"stage": "designing"}, follow=True)
    assert "Record the root causes of the phenomenon first" in response.content.decode()
    process.refresh_from_db()
    assert process.stage == "understanding"


# Reach ---------------------------------------------------------------------------------------------------


def test_reach_page_records_and_keeps_typed_input_on_error(client):
    process = h.understood()
    dialogue = DialogueRecordFactory(process=process)
    url = reverse("codevelopment:reach", args=[process.pk, "dialogue", dialogue.pk])
    client.force_login(process.chair)
    assert client.get(url).status_code == 200
    response = client.post(url, {**h.REACH, "vulnerable_how": ""})
    assert response.status_code == 400
    assert "Ekaluokkalaisten vanhemmat" in response.content.decode()
    response = client.post(url + "?next=proposal", {**h.REACH, "target_group": "<b>Vanhemmat</b>\x00"})
    assert response.status_code == 302
    assert response["Location"] == reverse("codevelopment:proposal", args=[process.pk])
    dialogue.refresh_from_db()
    assert dialogue.reach_recorded and dialogue.target_group == "<b>Vanhemmat</b>"
    page = client.get(reverse("codevelopment:proposal", args=[process.pk])).content.decode()
    assert "&lt;b&gt;Vanhemmat&lt;/b&gt;" in page
    survey = SurveyFactory(process=process, status=Survey.Status.OPEN)
    survey_url = reverse("codevelopment:reach", args=[process.pk, "survey", survey.pk])
    assert client.post(survey_url, h.REACH)["Location"] == reverse(
        "codevelopment:survey_detail", args=[process.pk, survey.pk]
    )


def test_reach_page_denied(client):
    process = h.understood()
    dialogue = DialogueRecordFactory(process=process)
    url = reverse("codevelopment:reach", args=[process.pk, "dialogue", dialogue.pk])
    assert "login" in client.get(url)["Location"]
    client.force_login(_outsider())
    assert client.get(url).status_code == 404
    client.force_login(_member(process))
    assert client.get(url).status_code == 403
    assert client.post(url, h.REACH).status_code == 403
    client.force_login(process.chair)
    assert (
        client.get(reverse("codevelopment:reach", args=[process.pk, "meeting", dialogue.pk])).status_code
        == 404
    )
    other = DialogueRecordFactory()
    assert (
        client.get(reverse("codevelopment:reach", args=[process.pk, "dialogue", other.pk])).status_code == 404
    )
    dialogue.refresh_from_db()
    assert not dialogue.reach_recorded


def test_dialogue_form_records_reach_with_the_dialogue(client):
    process = h.understood()
    client.force_login(process.chair)
    data = {
        "method": "eratauko",
        "held_on": "2026-09-01",
        "question": "Mikä auttaa?",
        "participants": "kuusi vanhempaa",
        "heard": "Kerhoja.",
        **h.REACH,
    }
    assert client.post(reverse("codevelopment:dialogues", args=[process.pk]), data).status_code == 302
    dialogue = process.dialogues.get()
    assert dialogue.reach_recorded and dialogue.channel == "in_person"


def test_proposal_page_shows_reach_and_send_refusal_points_to_it(client):
    process = h.drafted()
    client.force_login(process.chair)
    with translation.override("en"):
        url = reverse("codevelopment:proposal_send", args=[process.pk])
    response = client.post(url, follow=True)
    text = response.content.decode()
    assert "vulnerable children, young people and families" in text
    process.refresh_from_db()
    assert process.stage == "designing"
    h.reached(process)
    page = client.get(reverse("codevelopment:proposal", args=[process.pk])).content.decode()
    assert "Koulukuraattori kutsui" in page and "Ekaluokkalaisten vanhemmat" in page


# Follow-up report, evaluations, public summary -------------------------------------------------------------


def _followed_up():
    process = h.implementing()
    metric = services.metric_add(
        actor=process.chair,
        process=process,
        name="Iltapäiväkerhon paikat",
        unit="paikkaa",
        baseline="20",
        target="40",
        method="Kunnan tilasto.",
    )
    point = services.point_schedule(actor=process.chair, metric=metric, due_on=datetime.date(2026, 3, 1))
    services.point_record(
        actor=process.owner,
        point=point,
        value="26",
        evaluation_families="Perheet kokevat jonojen lyhentyneen.",
        more_development_needed=False,
    )
    process.refresh_from_db()
    process.metric = metric
    return process


def _pdf_text(content, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; the PDF's text was not checked")
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_follow_up_report_is_a_tagged_pdf_with_the_metric_against_its_target(client, tmp_path):
    process = _followed_up()
    DevelopmentProcess.objects.filter(pk=process.pk).update(is_learning_network=True)
    SubteamEvaluation.objects.create(
        process=process, organisation="Seurakunnan perhetyö", text="Toimii hyvin."
    )
    client.force_login(_member(process))
    with translation.override("en"):
        url = reverse("codevelopment:follow_up_report", args=[process.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    info = pdf_accessibility(response.content)
    assert info.tagged and info.lang == "en"
    assert {"H1", "H2", "Table", "TH", "TD"} <= info.elements
    text = _pdf_text(response.content, tmp_path)
    assert "Follow-up report" in text and "Iltapäiväkerhon paikat" in text
    assert "target 40 paikkaa" in text and "26.00" in text
    assert "Perheet kokevat jonojen lyhentyneen." in text
    assert "Seurakunnan perhetyö" in text and "Toimii hyvin." in text
    assert process.decision.group.name in text


def test_follow_up_report_in_finnish(client, tmp_path):
    process = _followed_up()
    client.force_login(process.chair)
    with translation.override("fi"):
        url = reverse("codevelopment:follow_up_report", args=[process.pk])
    response = client.get(url)
    assert pdf_accessibility(response.content).lang == "fi"
    assert "Iltapäiväkerhon paikat" in _pdf_text(response.content, tmp_path)


def test_follow_up_report_denied(client):
    process = _followed_up()
    url = reverse("codevelopment:follow_up_report", args=[process.pk])
    assert "login" in client.get(url)["Location"]
    client.force_login(_outsider())
    assert client.get(url).status_code == 404
    client.force_login(process.chair)
    assert client.post(url).status_code == 405


def _network():
    process = h.implementing()
    DevelopmentProcess.objects.filter(pk=process.pk).update(is_learning_network=True)
    process.refresh_from_db()
    subteam = services.subteam_add(
        actor=process.decision.group.memberships.filter(role="chair").first().user,
        process=process,
        name="Kuopion alatiimi",
        family_centre=FamilyCentreFactory(),
    )
    return process, subteam


def test_subteam_member_adds_an_evaluation_shown_on_the_follow_up_page(client):
    process, subteam = _network()
    member = MembershipFactory(group=subteam, role=Membership.Role.MEMBER).user
    client.force_login(member)
    page = client.get(reverse("codevelopment:follow_up", args=[process.pk]))
    assert page.context["evaluation_form"] is not None
    url = reverse("codevelopment:subteam_evaluation_add", args=[process.pk])
    response = client.post(url, {"subteam": "", "organisation": "", "text": "Hyvä kerho."})
    assert response.status_code == 400 and "Hyvä kerho." in response.content.decode()
    response = client.post(url, {"subteam": subteam.pk, "text": "Kerho toimii.", "value": "3"})
    assert response.status_code == 302
    page = client.get(reverse("codevelopment:follow_up", args=[process.pk])).content.decode()
    assert "Kuopion alatiimi" in page and "Kerho toimii." in page


def test_subteam_evaluation_denied(client):
    process, subteam = _network()
    url = reverse("codevelopment:subteam_evaluation_add", args=[process.pk])
    data = {"subteam": subteam.pk, "text": "x"}
    assert "login" in client.post(url, data)["Location"]
    client.force_login(_outsider())
    assert client.post(url, data).status_code == 404
    # A professional of the network reads the workspace but is no member of the group or its sub-teams.
    reader = MembershipFactory(
        group=Group.objects.exclude(pk__in=[process.group_id, subteam.pk]).first()
    ).user
    client.force_login(reader)
    assert client.post(url, data).status_code == 403
    assert not SubteamEvaluation.objects.exists()


def test_public_page_shows_the_results_against_the_target(client):
    process = _followed_up()
    centre = FamilyCentreFactory(slug="tampere")
    Group.objects.filter(pk=process.group_id).update(family_centre=centre)
    implementing = h.implementing()
    Group.objects.filter(pk=implementing.group_id).update(family_centre=centre)
    with translation.override("en"):
        url = reverse("codevelopment:public", args=[centre.slug])
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    text = response.content.decode()
    assert "Results of the follow-up" in text and "Iltapäiväkerhon paikat" in text
    assert 'class="follow-up-chart"' in text and "26.00" in text
    assert "Perheet kokevat" not in text  # evaluations stay in the workspace
    assert process.owner.full_name not in text
    for _ in range(3):
        more = _followed_up()
        Group.objects.filter(pk=more.group_id).update(family_centre=centre)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert text.count('class="follow-up-chart"') == 1
    assert response.content.decode().count('class="follow-up-chart"') == 4
    assert len(many) == len(few)
