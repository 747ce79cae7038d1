"""Experience surveys: the developer group's rules and pages, the families' public answer page with its spam
protection (the observations' open-form protection, reused), the summary and the CSV export.

ALTCHA payloads come from really solving a challenge fetched from our own endpoint, as in the observations'
public-form tests; nothing is mocked."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.models import Survey, SurveyAnswer, SurveyResponse
from codevelopment.tests.factories import decided
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory
from observations import spam
from observations.tests.test_public import old_stamp, solve_altcha

pytestmark = pytest.mark.django_db

TEXT = "Iltapäiväkerhoon oli helppo tulla, mutta jonot olivat pitkiä."


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    settings.PUBLIC_FORM_ALTCHA_MAX_NUMBER = 5_000
    cache.clear()
    yield
    cache.clear()


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


def _answer(survey, scale=4, choice=1, text=""):
    q_scale, q_choice, q_text = _questions_of(survey)
    return services.survey_submit_answers(
        survey=survey, answers={q_scale.pk: scale, q_choice.pk: choice, q_text.pk: text}, language="fi"
    )


# --- Developer group's pages: who may -------------------------------------------------------------------


def _reader_urls(process, survey):
    return [
        reverse("codevelopment:survey_list", args=[process.pk]),
        reverse("codevelopment:survey_detail", args=[process.pk, survey.pk]),
        reverse("codevelopment:survey_qr", args=[process.pk, survey.pk]),
        reverse("codevelopment:survey_poster", args=[process.pk, survey.pk]),
        reverse("codevelopment:survey_results", args=[process.pk, survey.pk]),
        reverse("codevelopment:survey_results_csv", args=[process.pk, survey.pk]),
    ]


def _edit_posts(process, survey, question):
    args = [process.pk, survey.pk]
    return [
        (reverse("codevelopment:survey_list", args=[process.pk]), {"title": "Uusi"}),
        (
            reverse("codevelopment:survey_question_add", args=args),
            {"kind": "text", "text": "?", "required": "no"},
        ),
        (reverse("codevelopment:survey_question_move", args=[*args, question.pk]), {"direction": "down"}),
        (reverse("codevelopment:survey_question_delete", args=[*args, question.pk]), {}),
        (reverse("codevelopment:survey_open", args=args), {}),
        (reverse("codevelopment:survey_close", args=args), {}),
    ]


def test_anonymous_is_sent_to_sign_in(client, process):
    survey = _survey(process)
    question = _questions(process, survey)[0]
    for url in _reader_urls(process, survey):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    for url, data in _edit_posts(process, survey, question):
        response = client.post(url, data)
        assert response.status_code == 302 and "login" in response["Location"], url
    assert Survey.objects.count() == 1


@pytest.mark.parametrize("who", ["member", "client_rep", "outsider_professional"])
def test_readers_read_but_do_not_edit(client, process, who):
    survey = _survey(process)
    question = _questions(process, survey)[0]
    user = {
        "member": lambda: _member(process),
        "client_rep": lambda: _client_rep(process.group),
        "outsider_professional": UserFactory,
    }[who]()
    client.force_login(user)
    for url in _reader_urls(process, survey):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("codevelopment:survey_detail", args=[process.pk, survey.pk]))
    assert "form" not in page.context and not page.context["can_edit"]
    assert reverse("codevelopment:survey_open", args=[process.pk, survey.pk]).encode() not in page.content
    for url, data in _edit_posts(process, survey, question):
        assert client.post(url, data).status_code == 403, url
    assert client.get(_edit_posts(process, survey, question)[3][0]).status_code == 403
    assert Survey.objects.count() == 1 and survey.questions.count() == 3


def test_limited_account_of_another_group_gets_404(client, process):
    survey = _survey(process)
    question = _questions(process, survey)[0]
    client.force_login(_client_rep(GroupFactory()))
    for url in _reader_urls(process, survey):
        assert client.get(url).status_code == 404, url
    for url, data in _edit_posts(process, survey, question):
        assert client.post(url, data).status_code == 404, url


def test_survey_of_another_process_is_404(client, process):
    decision, chair = decided()
    other = services.process_open_from_decision(actor=chair, decision=decision)
    survey = _survey(process)
    client.force_login(process.chair)
    assert client.get(reverse("codevelopment:survey_detail", args=[other.pk, survey.pk])).status_code == 404
    assert client.get(reverse("codevelopment:survey_detail", args=[process.pk, 99999])).status_code == 404


def test_coordinator_flow_through_pages(client, process):
    client.force_login(process.chair)
    list_url = reverse("codevelopment:survey_list", args=[process.pk])
    response = client.post(
        list_url, {"title": "Kysely", "title_sv": "Enkät", "intro": "Hei", "closes_at": ""}
    )
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("codevelopment:survey_detail", args=[process.pk, survey.pk])
    add_url = reverse("codevelopment:survey_question_add", args=[process.pk, survey.pk])
    for data in (
        {"kind": "scale", "text": "Miten onnistui?", "required": "yes"},
        {"kind": "choice", "text": "Mistä?", "options": "A\nB", "options_sv": "A\nB", "required": "no"},
        {"kind": "text", "text": "Muuta?", "required": "no"},
    ):
        assert client.post(add_url, data).status_code == 302
    q1, q2, q3 = _questions_of(survey)
    assert q1.required and not q2.required
    move = reverse("codevelopment:survey_question_move", args=[process.pk, survey.pk, q3.pk])
    assert client.post(move, {"direction": "up"}).status_code == 302
    assert [q.pk for q in _questions_of(survey)] == [q1.pk, q3.pk, q2.pk]
    assert client.post(move, {"direction": "nowhere"}).status_code == 302  # an error message, no change
    delete = reverse("codevelopment:survey_question_delete", args=[process.pk, survey.pk, q2.pk])
    confirm = client.get(delete)
    assert confirm.status_code == 200 and b"Mist" in confirm.content
    assert client.post(delete).status_code == 302
    assert survey.questions.count() == 2
    assert client.post(reverse("codevelopment:survey_open", args=[process.pk, survey.pk])).status_code == 302
    survey.refresh_from_db()
    assert survey.status == "open"
    page = client.get(reverse("codevelopment:survey_detail", args=[process.pk, survey.pk]))
    assert "form" not in page.context and page.context["can_edit"]
    # Editing questions of an open survey: refused with a message, nothing changes.
    refused = client.post(add_url, {"kind": "text", "text": "?", "required": "no"})
    assert refused.status_code == 409
    with translation.override("fi"):
        expected = translation.gettext("The questions can be changed only while the survey is a draft.")
    assert refused.context["form"].non_field_errors() == [expected]
    assert (
        client.get(
            reverse("codevelopment:survey_question_delete", args=[process.pk, survey.pk, q3.pk])
        ).status_code
        == 302
    )
    assert survey.questions.count() == 2
    assert client.post(reverse("codevelopment:survey_close", args=[process.pk, survey.pk])).status_code == 302
    survey.refresh_from_db()
    assert survey.status == "closed"
    listing = client.get(list_url)
    assert listing.context["surveys"][0].question_count == 2


def test_form_errors_keep_input(client, process):
    client.force_login(process.chair)
    list_url = reverse("codevelopment:survey_list", args=[process.pk])
    response = client.post(list_url, {"title": "", "intro": "Pidä tämä teksti"})
    assert response.status_code == 400 and "Pidä tämä teksti" in response.content.decode()
    past = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(list_url, {"title": "Kysely", "closes_at": past})
    assert response.status_code == 400 and response.context["form"].errors["closes_at"]
    response = client.post(list_url, {"title": "x\x00" * 150, "closes_at": "ei päivä"})
    assert response.status_code == 400
    survey = _survey(process)
    add_url = reverse("codevelopment:survey_question_add", args=[process.pk, survey.pk])
    response = client.post(
        add_url,
        {
            "kind": "choice",
            "text": "Valitse",
            "options": "Yksi\nKaksi",
            "options_en": "One",
            "required": "no",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["options_en"]
    assert "Yksi\nKaksi" in response.content.decode()
    response = client.post(
        add_url, {"kind": "choice", "text": "Valitse", "options": "Yksi", "required": "no"}
    )
    assert response.status_code == 400 and response.context["form"].errors["options"]
    response = client.post(add_url, {"kind": ["x", "y"], "text": "x" * 10_000, "required": "maybe"})
    assert response.status_code == 400
    assert not survey.questions.exists()


def test_qr_code_and_poster(client, process):
    survey = _survey(process, title_en="Experiences")
    client.force_login(_member(process))
    response = client.get(reverse("codevelopment:survey_qr", args=[process.pk, survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg") and b"<path" in response.content
    poster = client.get(reverse("codevelopment:survey_poster", args=[process.pk, survey.pk])).content.decode()
    assert f"/kysely/{survey.public_id}/" in poster and "Experiences" in poster
    assert "/fi/kysely/" not in poster  # the short link lets the family's browser choose the language


def test_short_link_redirects_to_a_language(client, open_survey):
    response = client.get(f"/kysely/{open_survey.public_id}/", HTTP_ACCEPT_LANGUAGE="sv", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1] == (f"/sv/enkat/{open_survey.public_id}/", 301)


# --- The public answer page ------------------------------------------------------------------------------


def _url(survey, lang="fi"):
    with translation.override(lang):
        return reverse("codevelopment:survey_answer", args=[survey.public_id])


def _data(client, survey, **overrides):
    q_scale, q_choice, q_text = _questions_of(survey)
    data = {
        f"q_{q_scale.pk}": "4",
        f"q_{q_choice.pk}": "1",
        f"q_{q_text.pk}": TEXT,
        "website": "",
        "stamp": old_stamp(),
        "altcha": solve_altcha(client),
    }
    for key, value in overrides.items():
        key = {"scale": f"q_{q_scale.pk}", "choice": f"q_{q_choice.pk}", "text": f"q_{q_text.pk}"}.get(
            key, key
        )
        data[key] = value
    return {k: v for k, v in data.items() if v is not None}


def _send(client, survey, lang="fi", **overrides):
    return client.post(_url(survey, lang), _data(client, survey, **overrides))


def test_public_page_renders_accessibly_structured(client, open_survey):
    response = client.get(_url(open_survey))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<fieldset") == 3 and html.count("<legend>") == 3
    assert 'name="stamp"' in html and "<altcha-widget" in html and 'name="website"' in html
    assert "5 – " in html and "1 – " in html
    assert "(pakollinen)" in html or "(required)" in html
    assert response["X-Robots-Tag"] == "noindex"


def test_public_page_language_and_fallback(client, open_survey):
    sv = client.get(_url(open_survey, "sv")).content.decode()
    assert "Erfarenheter" in sv and "Fick ni hjälp?" in sv
    assert "Mistä kuulitte?" in sv and "Neuvolasta" in sv  # no Swedish: Finnish
    en = client.get(_url(open_survey, "en")).content.decode()
    assert "Kokemuksia iltapäivätoiminnasta" in en  # no English title: Finnish
    assert "Where did you hear?" in en and "Clinic" in en and "Saitteko apua?" in en


def test_public_send_stores_anonymous_answers(client, open_survey):
    response = _send(client, open_survey, lang="en")
    assert response.status_code == 302
    assert response["Location"] == f"/en/survey/{open_survey.public_id}/thanks/"
    stored = SurveyResponse.objects.get()
    assert stored.language == "en"
    assert stored.answers.count() == 3
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    # Nothing that identifies the family: the response row has only the survey, language and time.
    assert {f.name for f in SurveyResponse._meta.concrete_fields} == {
        "id",
        "survey",
        "language",
        "submitted_at",
    }


def test_public_unknown_and_draft_are_404(client, process):
    draft = _survey(process)
    _questions(process, draft)
    assert client.get(_url(draft)).status_code == 404
    assert client.get("/fi/kysely/no-such-survey/").status_code == 404
    assert client.get(f"/fi/kysely/{draft.public_id}/kiitos/").status_code == 404
    assert client.post(_url(draft), {}).status_code == 404


def test_public_closed_and_past_closing_time_are_410(client, open_survey):
    Survey.objects.filter(pk=open_survey.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(_url(open_survey))
    assert response.status_code == 410 and "Kokemuksia" in response.content.decode()
    Survey.objects.filter(pk=open_survey.pk).update(closes_at=None, status=Survey.Status.CLOSED)
    assert client.get(_url(open_survey, "en")).status_code == 410
    assert _send(client, open_survey).status_code == 410
    assert not SurveyResponse.objects.exists()


def test_public_closing_between_showing_and_sending_is_410(client, open_survey):
    data = _data(client, open_survey)
    Survey.objects.filter(pk=open_survey.pk).update(status=Survey.Status.CLOSED)
    assert client.post(_url(open_survey), data).status_code == 410


def _kept(response, text=TEXT):
    return text in response.content.decode()


def test_public_honeypot_refused_keeping_text(client, open_survey):
    response = _send(client, open_survey, website="http://spam.example")
    assert response.status_code == 400 and _kept(response)
    assert 'value="4" checked' in response.content.decode() or "checked" in response.content.decode()
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "stamp",
    [
        "forged",
        "",
        "fresh",  # sent at once: too fast
        "expired",
    ],
)
def test_public_bad_stamp_refused_keeping_text(client, open_survey, stamp):
    if stamp == "expired":
        stamp = old_stamp(seconds=spam.STAMP_MAX_SECONDS + 60)
    elif stamp == "fresh":
        stamp = spam.stamp_make()
    response = _send(client, open_survey, stamp=stamp)
    assert response.status_code == 400 and _kept(response)
    assert not SurveyResponse.objects.exists()


def test_public_rate_limit_is_429_keeping_text(client, open_survey, settings):
    settings.PUBLIC_SURVEY_RATE_LIMIT = (2, 600)
    assert _send(client, open_survey).status_code == 302
    assert _send(client, open_survey).status_code == 302
    response = _send(client, open_survey, text="Kolmas vastaus samasta verkosta.")
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert _kept(response, "Kolmas vastaus samasta verkosta.")
    assert SurveyResponse.objects.count() == 2
    # The counters are keyed by a hash of the address, never the address itself.
    hashed = spam.client_key(response.wsgi_request)
    assert "127.0.0.1" not in hashed
    assert cache.get(f"ilmio:ratelimit:public_survey:{hashed}") == 2
    assert cache.get("ilmio:ratelimit:public_survey:127.0.0.1") is None


def test_public_attempt_limit_counts_refused_sends(client, open_survey, settings):
    settings.PUBLIC_FORM_ATTEMPT_LIMIT = (2, 600)
    assert _send(client, open_survey, stamp="forged").status_code == 400
    assert _send(client, open_survey, stamp="forged").status_code == 400
    assert _send(client, open_survey).status_code == 429


def test_public_personal_data_refused_keeping_text(client, open_survey):
    typed = "Soittakaa minulle 040 123 4567, Mäkikatu 5"
    response = _send(client, open_survey, text=typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert typed in html
    q_text = open_survey.q_text
    assert f'href="#id_q_{q_text.pk}"' in html
    assert f'id="id_q_{q_text.pk}_error"' in html
    assert not SurveyResponse.objects.exists()


def test_public_required_missing_links_to_field(client, open_survey):
    response = _send(client, open_survey, scale=None)
    html = response.content.decode()
    assert response.status_code == 400 and _kept(response)
    assert f'href="#id_q_{open_survey.q_scale.pk}_0">Saitteko apua?: ' in html
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"scale": "6"},
        {"scale": "abc"},
        {"scale": "0"},
        {"choice": "3"},
        {"choice": "-1"},
        {"choice": "x\x00"},
        {"text": "a" * 5001},
        {"altcha": None},
        {"altcha": "bm90IGpzb24="},
    ],
)
def test_public_wrong_input_is_400_not_500(client, open_survey, overrides):
    response = _send(client, open_survey, **overrides)
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_public_nul_bytes_are_removed_and_stored_cleanly(client, open_survey):
    response = _send(client, open_survey, text="Hyvä\x00 palvelu", scale="4\x00")
    assert response.status_code == 302
    assert SurveyAnswer.objects.get(question=open_survey.q_text).text == "Hyvä palvelu"


def test_public_wrong_types_and_unknown_fields(client, open_survey):
    data = _data(client, open_survey)
    data[f"q_{open_survey.q_scale.pk}"] = ["1", "2"]  # a list: the last value is taken
    data["q_999999"] = "5"
    data["csrfmiddlewaretoken"] = "ignored"
    assert client.post(_url(open_survey), data).status_code == 302
    assert SurveyAnswer.objects.get(question=open_survey.q_scale).scale_value == 2


def test_public_only_optional_answers_empty_is_refused(client, process):
    survey = _survey(process)
    services.survey_question_add(actor=process.chair, survey=survey, kind="text", text="Kerro")
    services.survey_open(actor=process.chair, survey=survey)
    q = survey.questions.get()
    response = client.post(
        _url(survey), {f"q_{q.pk}": "  ", "website": "", "stamp": old_stamp(), "altcha": solve_altcha(client)}
    )
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


# --- Summary and CSV --------------------------------------------------------------------------------------


def test_summary_numbers(client, open_survey):
    for scale, choice, text in [(5, 0, "Hyvä"), (3, 0, ""), (4, 2, "Jonot"), (4, None, "")]:
        q_scale, q_choice, q_text = _questions_of(open_survey)
        answers = {q_scale.pk: scale, q_text.pk: text}
        if choice is not None:
            answers[q_choice.pk] = choice
        services.survey_submit_answers(survey=open_survey, answers=answers, language="en")
    client.force_login(_member(open_survey.process_obj))
    response = client.get(
        reverse("codevelopment:survey_results", args=[open_survey.process_id, open_survey.pk])
    )
    assert response.status_code == 200
    assert response.context["response_count"] == 4
    scale, choice, text = response.context["questions"]
    assert [r["count"] for r in scale.rows] == [0, 0, 1, 2, 1]
    assert scale.mean == pytest.approx(4.0) and scale.answered == 4
    # Options counted by index: answers in English count with the Finnish options.
    assert [(r["label"], r["count"]) for r in choice.rows] == [
        ("Neuvolasta", 2),
        ("Koulusta", 0),
        ("Kaverilta", 1),
    ]
    assert text.answered == 2
    assert [a.text for a in response.context["page"].object_list] == ["Jonot", "Hyvä"]
    html = response.content.decode()
    assert "<caption" in html and 'scope="col"' in html


def test_text_answers_are_paginated(client, open_survey):
    for i in range(55):
        _answer(open_survey, text=f"Vastaus {i}")
    client.force_login(open_survey.process_obj.chair)
    url = reverse("codevelopment:survey_results", args=[open_survey.process_id, open_survey.pk])
    first = client.get(url)
    assert len(first.context["page"].object_list) == 50
    second = client.get(url + "?page=2")
    assert len(second.context["page"].object_list) == 5
    assert client.get(url + "?page=abc").status_code == 200


def test_csv_export(client, open_survey):
    _answer(open_survey, scale=5, choice=2, text='=HYPERLINK("http://x")')
    _answer(open_survey, scale=1, choice=0, text='Hyvä; ja "lainaus"')
    client.force_login(_client_rep(open_survey.process_obj.group))
    response = client.get(
        reverse("codevelopment:survey_results_csv", args=[open_survey.process_id, open_survey.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    lines = body.lstrip("\ufeff").split("\r\n")
    assert lines[0].split(";")[3:] == ["Saitteko apua?", "Mistä kuulitte?", "Mitä muuta haluatte kertoa?"]
    assert len([line for line in lines if line]) == 3
    assert lines[1].endswith(';5;Kaverilta;"\'=HYPERLINK(""http://x"")"')
    assert lines[2].endswith(';1;Neuvolasta;"Hyvä; ja ""lainaus"""')


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(ctx)


def test_query_counts_do_not_grow_with_rows(client, process):
    survey = _survey(process)
    _questions(process, survey)
    services.survey_open(actor=process.chair, survey=survey)
    client.force_login(process.chair)
    urls = [
        reverse("codevelopment:survey_list", args=[process.pk]),
        reverse("codevelopment:survey_detail", args=[process.pk, survey.pk]),
        reverse("codevelopment:survey_results", args=[process.pk, survey.pk]),
        reverse("codevelopment:survey_results_csv", args=[process.pk, survey.pk]),
    ]
    _answer(survey, text="Yksi")
    few = [_count_queries(client, url) for url in urls]
    for i in range(20):
        _answer(survey, scale=1 + i % 5, choice=i % 3, text=f"Teksti {i}")
        _survey(process, title=f"Toinen {i}")
    many = [_count_queries(client, url) for url in urls]
    assert few == many


def test_public_page_query_count(client, open_survey):
    with CaptureQueriesContext(connection) as few:
        client.get(_url(open_survey))
    for i in range(3):
        _answer(open_survey, text=f"T {i}")
    with CaptureQueriesContext(connection) as many:
        client.get(_url(open_survey))
    assert len(few) == len(many)


def test_results_page_shows_no_answers_text_to_outsiders_of_limited_groups(client, open_survey):
    _answer(open_survey, text="Salainen")
    client.force_login(_client_rep(GroupFactory()))
    response = client.get(
        reverse("codevelopment:survey_results", args=[open_survey.process_id, open_survey.pk])
    )
    assert response.status_code == 404 and not re.search("Salainen", response.content.decode())


def test_closed_process_takes_no_survey_edits(client, process):
    from codevelopment.models import DevelopmentProcess

    survey = _survey(process)
    DevelopmentProcess.objects.filter(pk=process.pk).update(
        stage=DevelopmentProcess.Stage.CLOSED, closed_at=timezone.now()
    )
    client.force_login(process.chair)
    page = client.get(reverse("codevelopment:survey_detail", args=[process.pk, survey.pk]))
    assert page.status_code == 200 and not page.context["can_edit"] and "form" not in page.context
    response = client.post(reverse("codevelopment:survey_list", args=[process.pk]), {"title": "Uusi"})
    assert response.status_code == 409 and response.context["form"].non_field_errors()
    assert Survey.objects.count() == 1


def test_list_marks_an_open_survey_past_its_closing_time(client, open_survey):
    Survey.objects.filter(pk=open_survey.pk).update(closes_at=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(open_survey.process_obj.chair)
    response = client.get(reverse("codevelopment:survey_list", args=[open_survey.process_id]))
    assert response.context["surveys"][0].answerable is False
    with translation.override("fi"):
        expected = translation.gettext("(the closing time has passed)")
    assert expected in response.content.decode()
