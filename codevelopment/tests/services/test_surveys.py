"""Experience surveys: the developer group's rules and pages, the families' public answer page with its spam
protection (the observations' open-form protection, reused), the summary and the CSV export.

ALTCHA payloads come from really solving a challenge fetched from our own endpoint, as in the observations'
public-form tests; nothing is mocked."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.tests.factories import StaffUserFactory
from codevelopment import services
from codevelopment.models import Survey, SurveyResponse
from codevelopment.tests.factories import decided
from core.errors import ConflictError, DomainError
from familycentres.models import Membership
from familycentres.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    decision, chair = decided()
    made = services.process_open_from_decision(actor=chair, decision=decision)
    made.chair = chair
    return made


def _survey(process, **kwargs) -> Survey:
    kwargs.setdefault("title", "Kokemuksia iltapäivätoiminnasta")
    return services.survey_create(actor=process.chair, process=process, **kwargs)


def _questions(process, survey):
    scale = services.survey_question_add(
        actor=process.chair,
        survey=survey,
        kind="scale",
        text="Saitteko apua?",
        text_sv="Fick ni hjälp?",
        required=True,
    )
    choice = services.survey_question_add(
        actor=process.chair,
        survey=survey,
        kind="choice",
        text="Mistä kuulitte?",
        text_en="Where did you hear?",
        options="Neuvolasta\nKoulusta\nKaverilta",
        options_en="Clinic\nSchool\nFriend",
    )
    text = services.survey_question_add(
        actor=process.chair, survey=survey, kind="text", text="Mitä muuta haluatte kertoa?"
    )
    return scale, choice, text


@pytest.fixture
def open_survey(process):
    survey = _survey(process, title_sv="Erfarenheter")
    survey.q_scale, survey.q_choice, survey.q_text = _questions(process, survey)
    services.survey_open(actor=process.chair, survey=survey)
    survey.refresh_from_db()
    survey.q_scale, survey.q_choice, survey.q_text = _questions_of(survey)
    survey.process_obj = process
    return survey


def _questions_of(survey):
    return list(survey.questions.order_by("position", "id"))


def _member(process, role=Membership.Role.MEMBER):
    return MembershipFactory(group=process.group, role=role).user


def _client_rep(group):
    return MembershipFactory(group=group, role=Membership.Role.CLIENT_REPRESENTATIVE).user


# --- Service rules ---------------------------------------------------------------------------------------


def test_create_logs_and_audits(process):
    survey = _survey(process, intro="  Vastaa nimettömästi.\x00 ")
    assert survey.status == Survey.Status.DRAFT
    assert survey.intro == "Vastaa nimettömästi."
    assert process.log_entries.filter(text__contains="Kokemuksia").exists()


def test_create_rules(process):
    with pytest.raises(DomainError) as e:
        _survey(process, title="  ")
    assert e.value.code == "title_required"
    with pytest.raises(DomainError) as e:
        _survey(process, closes_at=timezone.now() - datetime.timedelta(hours=1))
    assert e.value.code == "closes_in_past"
    with pytest.raises(DomainError) as e:
        _survey(process, title="x" * 201)
    assert e.value.code == "too_long"


def test_only_editors_write(process):
    with pytest.raises(PermissionDenied):
        services.survey_create(actor=_member(process), process=process, title="x")
    with pytest.raises(PermissionDenied):
        services.survey_create(actor=_client_rep(process.group), process=process, title="x")
    facilitator = _member(process, Membership.Role.FACILITATOR)
    assert services.survey_create(actor=facilitator, process=process, title="x").pk
    assert services.survey_create(actor=StaffUserFactory(), process=process, title="y").pk


def test_choice_question_rules(process):
    survey = _survey(process)

    def add(**kwargs):
        return services.survey_question_add(
            actor=process.chair, survey=survey, kind="choice", text="?", **kwargs
        )

    with pytest.raises(DomainError) as e:
        add(options="Vain yksi")
    assert e.value.code == "options_required"
    with pytest.raises(DomainError) as e:
        add(options="A\nB", options_sv="A")
    assert e.value.code == "options_sv_mismatch"
    with pytest.raises(DomainError) as e:
        add(options="A\nB", options_en="A\nB\nC")
    assert e.value.code == "options_en_mismatch"
    with pytest.raises(DomainError) as e:
        add(options="\n".join(str(i) for i in range(21)))
    assert e.value.code == "too_many_options"
    question = add(options=" A \n\n B \n", options_sv="Ä\nÖ")
    assert question.options == "A\nB" and question.options_sv == "Ä\nÖ"
    with pytest.raises(DomainError) as e:
        services.survey_question_add(actor=process.chair, survey=survey, kind="nope", text="?")
    assert e.value.code == "invalid_kind"
    with pytest.raises(DomainError) as e:
        services.survey_question_add(actor=process.chair, survey=survey, kind="text", text="")
    assert e.value.code == "text_required"
    # Options of a non-choice question are not kept.
    scale = services.survey_question_add(
        actor=process.chair, survey=survey, kind="scale", text="?", options="A\nB"
    )
    assert scale.options == ""


def test_transitions_and_draft_only_editing(process):
    survey = _survey(process)
    with pytest.raises(DomainError) as e:
        services.survey_open(actor=process.chair, survey=survey)
    assert e.value.code == "no_questions"
    with pytest.raises(ConflictError):
        services.survey_close(actor=process.chair, survey=survey)
    scale, choice, text = _questions(process, survey)
    services.survey_open(actor=process.chair, survey=survey)
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    with pytest.raises(ConflictError) as e:
        services.survey_open(actor=process.chair, survey=survey)
    assert e.value.code == "not_draft"
    for call in (
        lambda: services.survey_question_add(actor=process.chair, survey=survey, kind="text", text="?"),
        lambda: services.survey_question_move(actor=process.chair, question=text, direction="up"),
        lambda: services.survey_question_delete(actor=process.chair, question=text),
    ):
        with pytest.raises(ConflictError) as e:
            call()
        assert e.value.code == "not_draft"
    services.survey_close(actor=process.chair, survey=survey)
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED
    with pytest.raises(ConflictError):
        services.survey_close(actor=process.chair, survey=survey)
    with pytest.raises(ConflictError):
        services.survey_open(actor=process.chair, survey=survey)


def test_open_refuses_a_passed_closing_time(process):
    survey = _survey(process, closes_at=timezone.now() + datetime.timedelta(hours=1))
    _questions(process, survey)
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(DomainError) as e:
        services.survey_open(actor=process.chair, survey=survey)
    assert e.value.code == "closes_in_past"


def test_move_and_delete(process):
    survey = _survey(process)
    a, b, c = _questions(process, survey)
    services.survey_question_move(actor=process.chair, question=c, direction="up")
    assert [q.pk for q in _questions_of(survey)] == [a.pk, c.pk, b.pk]
    services.survey_question_move(actor=process.chair, question=a, direction="down")
    assert [q.pk for q in _questions_of(survey)] == [c.pk, a.pk, b.pk]
    with pytest.raises(ConflictError) as e:
        services.survey_question_move(actor=process.chair, question=c, direction="up")
    assert e.value.code == "at_edge"
    with pytest.raises(DomainError):
        services.survey_question_move(actor=process.chair, question=c, direction="sideways")
    services.survey_question_delete(actor=process.chair, question=a)
    assert [q.pk for q in _questions_of(survey)] == [c.pk, b.pk]
    with pytest.raises(PermissionDenied):
        services.survey_question_delete(actor=_member(process), question=b)


def test_submit_rules(open_survey):
    s, q_scale, q_choice, q_text = open_survey, open_survey.q_scale, open_survey.q_choice, open_survey.q_text

    def submit(answers):
        return services.survey_submit_answers(survey=s, answers=answers, language="sv")

    for answers, code in [
        ({q_choice.pk: 0}, "required"),
        ({q_scale.pk: 6}, "invalid_scale"),
        ({q_scale.pk: True}, "invalid_scale"),
        ({q_scale.pk: 3, q_choice.pk: 3}, "invalid_choice"),
        ({q_scale.pk: 3, q_choice.pk: "0"}, "invalid_choice"),
        ({q_scale.pk: 3, q_text.pk: "Soittakaa 040 123 4567"}, "personal_data"),
        ({q_scale.pk: 3, q_text.pk: "x" * 5001}, "text_too_long"),
    ]:
        with pytest.raises(services.AnswerError) as e:
            submit(answers)
        assert e.value.code == code
    assert not SurveyResponse.objects.exists()
    response = submit({q_scale.pk: 5, q_choice.pk: 2, q_text.pk: "  Hyvä\x00 "})
    assert response.language == "sv"
    assert {(a.question_id, a.scale_value, a.choice_index, a.text) for a in response.answers.all()} == {
        (q_scale.pk, 5, None, ""),
        (q_choice.pk, None, 2, ""),
        (q_text.pk, None, None, "Hyvä"),
    }
    services.survey_close(actor=s.process_obj.chair, survey=s)
    with pytest.raises(ConflictError) as e:
        submit({q_scale.pk: 5})
    assert e.value.code == "closed"


# --- Developer group's pages: who may -------------------------------------------------------------------


# --- The public answer page ------------------------------------------------------------------------------
