from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from codevelopment import services
from codevelopment.models import ConsultationComment, ConsultationRound
from codevelopment.tests.factories import ConsultationCommentFactory, DocumentFactory
from codevelopment.tests.reach_data import consultation, opened_process, team_with_members
from core.errors import ConflictError
from core.models import AuditEvent, Notification
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def process():
    return opened_process()


def _list_url(process):
    return reverse("codevelopment:consultations", args=[process.pk])


def _detail_url(round_):
    return reverse("codevelopment:consultation_detail", args=[round_.process_id, round_.pk])


def _local(dt: datetime.datetime) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def _post_data(chosen, **overrides):
    data = {
        "title": "Luonnos",
        "draft": "Ehdotamme kerhoja.",
        "groups": [g.pk for g in chosen],
        "deadline": _local(timezone.now() + datetime.timedelta(days=7)),
        "reminder_hours": "48",
        "document": "",
    }
    data.update(overrides)
    return data


def _client_rep(group):
    return MembershipFactory(group=group, role=Membership.Role.CLIENT_REPRESENTATIVE).user


# Who may see and open rounds ---------------------------------------------------------------------------


def test_list_anonymous_redirected(client, process):
    response = client.get(_list_url(process))
    assert response.status_code == 302 and "login" in response["Location"]


def test_list_outsider_reads_without_form_and_cannot_create(client, process):
    team, _ = team_with_members(1)
    client.force_login(UserFactory())
    response = client.get(_list_url(process))
    assert response.status_code == 200
    assert response.context["form"] is None
    assert client.post(_list_url(process), _post_data([team])).status_code == 403
    assert not ConsultationRound.objects.exists()


def test_list_plain_member_and_client_rep_cannot_create(client, process):
    team, _ = team_with_members(1)
    for user in (
        MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user,
        _client_rep(process.group),
    ):
        client.force_login(user)
        assert client.get(_list_url(process)).status_code == 200
        assert client.post(_list_url(process), _post_data([team])).status_code == 403
    assert not ConsultationRound.objects.exists()


def test_list_client_rep_of_other_group_gets_404(client, process):
    client.force_login(_client_rep(GroupFactory()))
    assert client.get(_list_url(process)).status_code == 404
    assert client.post(_list_url(process), {}).status_code == 404
    assert client.get(reverse("codevelopment:consultations", args=[999999])).status_code == 404


def test_coordinator_opens_round_and_groups_are_told(client, process):
    team, members = team_with_members(2)
    other_team, other_members = team_with_members(1)
    document = DocumentFactory(
        process=process,
        title="Liite",
        file="x",
        original_name="liite.pdf",
        content_type="application/pdf",
        size=1,
    )
    client.force_login(process.chair)
    response = client.get(_list_url(process))
    assert response.status_code == 200 and response.context["form"] is not None
    assert response.context["form"].fields["reminder_hours"].initial == 48
    response = client.post(
        _list_url(process), _post_data([team, other_team], document=str(document.pk), reminder_hours="24")
    )
    made = ConsultationRound.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail_url(made)
    assert set(made.groups.all()) == {team, other_team}
    assert made.document == document and made.reminder_hours == 24
    told = set(
        Notification.objects.filter(verb="codevelopment.consultation").values_list("recipient", flat=True)
    )
    assert told == {u.pk for u in members + other_members}
    assert not Notification.objects.filter(recipient=process.chair).exists()
    assert AuditEvent.objects.filter(action="codevelopment.consultation_create").exists()
    assert process.log_entries.filter(text__contains="Luonnos").exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"deadline": "2001-01-01T10:00"}, "deadline"),
        ({"deadline": "not a date"}, "deadline"),
        ({"groups": []}, "groups"),
        ({"groups": ["999999"]}, "groups"),
        ({"groups": ["x"]}, "groups"),
        ({"title": ""}, "title"),
        ({"title": "x" * 500}, "title"),
        ({"reminder_hours": "-1"}, "reminder_hours"),
        ({"reminder_hours": "abc"}, "reminder_hours"),
        ({"document": "999999"}, "document"),
    ],
)
def test_create_bad_input_is_a_form_error_with_text_kept(client, process, overrides, field):
    team, _ = team_with_members(1)
    client.force_login(process.chair)
    response = client.post(_list_url(process), _post_data([team], **overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert form["draft"].value() == overrides.get("draft", "Ehdotamme kerhoja.")
    assert not ConsultationRound.objects.exists()


def test_create_strips_nul_from_typed_text(client, process):
    team, _ = team_with_members(1)
    client.force_login(process.chair)
    response = client.post(_list_url(process), _post_data([team], draft="a\x00b"))
    assert response.status_code == 302
    assert ConsultationRound.objects.get().draft == "ab"


def test_document_of_another_process_refused(client, process):
    other = opened_process()
    document = DocumentFactory(
        process=other, title="Liite", file="x", original_name="a.pdf", content_type="application/pdf", size=1
    )
    team, _ = team_with_members(1)
    client.force_login(process.chair)
    response = client.post(_list_url(process), _post_data([team], document=str(document.pk)))
    assert response.status_code == 400 and "document" in response.context["form"].errors


def test_list_query_count_constant(client, process):
    team, _ = team_with_members(1)
    client.force_login(process.chair)
    consultation(process, [team])
    with CaptureQueriesContext(connection) as few:
        assert client.get(_list_url(process)).status_code == 200
    for _ in range(5):
        consultation(process, [team, GroupFactory()])
    with CaptureQueriesContext(connection) as many:
        response = client.get(_list_url(process))
    assert len(response.context["rounds"]) == 6
    assert len(many) == len(few)


# One round ---------------------------------------------------------------------------------------------


def test_target_member_comments(client, process):
    team, (member, _other) = team_with_members(2)
    round_ = consultation(process, [team])
    client.force_login(member)
    response = client.get(_detail_url(round_))
    assert response.status_code == 200 and response.context["can_comment"]
    assert "answers" not in response.context
    url = reverse("codevelopment:consultation_comment", args=[process.pk, round_.pk])
    response = client.post(url, {"text": "Hyvä ehdotus.", "group": str(team.pk)})
    assert response.status_code == 302
    comment = ConsultationComment.objects.get()
    assert comment.author == member and comment.group == team and comment.text == "Hyvä ehdotus."


def test_developer_group_member_comments(client, process):
    team, _ = team_with_members(1)
    round_ = consultation(process, [team])
    member = MembershipFactory(group=process.group, role=Membership.Role.MEMBER).user
    client.force_login(member)
    url = reverse("codevelopment:consultation_comment", args=[process.pk, round_.pk])
    assert client.post(url, {"text": "Kommentti"}).status_code == 302
    assert ConsultationComment.objects.filter(author=member, group=None).exists()


def test_comment_bad_input(client, process):
    team, (member,) = team_with_members(1)
    round_ = consultation(process, [team])
    client.force_login(member)
    url = reverse("codevelopment:consultation_comment", args=[process.pk, round_.pk])
    for data in (
        {"text": ""},
        {"text": "ok", "group": str(GroupFactory().pk)},
        {"text": "x" * 20_000},
    ):
        response = client.post(url, data)
        assert response.status_code == 400
        assert response.context["comment_form"].errors
    # NUL characters are stripped from typed text, not refused.
    assert client.post(url, {"text": "x\x00y"}).status_code == 302
    assert ConsultationComment.objects.get(author=member).text == "xy"
    ConsultationComment.objects.filter(author=member).delete()
    response = client.post(url, {"text": "   <b>Pidetään</b>  "})
    assert response.status_code == 302
    assert ConsultationComment.objects.get().text == "<b>Pidetään</b>"


def test_outsider_reads_but_cannot_comment(client, process):
    team, _ = team_with_members(1)
    round_ = consultation(process, [team])
    client.force_login(UserFactory())
    response = client.get(_detail_url(round_))
    assert response.status_code == 200 and not response.context["can_comment"]
    url = reverse("codevelopment:consultation_comment", args=[process.pk, round_.pk])
    assert client.post(url, {"text": "x"}).status_code == 403
    assert not ConsultationComment.objects.exists()


def test_client_rep_of_asked_group_reads_and_comments(client, process):
    team = GroupFactory()
    rep = _client_rep(team)
    round_ = consultation(process, [team])
    client.force_login(rep)
    # The workspace itself stays closed to the limited account, the round it was asked on is open.
    assert client.get(reverse("codevelopment:workspace", args=[process.pk])).status_code == 404
    response = client.get(_detail_url(round_))
    assert response.status_code == 200 and response.context["can_comment"]
    url = reverse("codevelopment:consultation_comment", args=[process.pk, round_.pk])
    assert response.context["consultation"] == round_ and not response.context["process_visible"]
    assert round_.draft in response.content.decode()
    assert client.post(url, {"text": "Perheiden näkökulma"}).status_code == 302
    assert ConsultationComment.objects.get(consultation=round_).author == rep


def test_unrelated_client_rep_and_wrong_ids_404(client, process):
    team, _ = team_with_members(1)
    round_ = consultation(process, [team])
    other = opened_process()
    client.force_login(_client_rep(GroupFactory()))
    assert client.get(_detail_url(round_)).status_code == 404
    client.force_login(process.chair)
    assert (
        client.get(reverse("codevelopment:consultation_detail", args=[other.pk, round_.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("codevelopment:consultation_detail", args=[process.pk, 999999])).status_code == 404
    )


def test_no_comments_after_deadline_or_closing(client, process):
    team, (member,) = team_with_members(1)
    late = consultation(process, [team], hours_left=-1)
    client.force_login(member)
    response = client.get(_detail_url(late))
    assert response.status_code == 200 and not response.context["can_comment"]
    url = reverse("codevelopment:consultation_comment", args=[process.pk, late.pk])
    assert client.post(url, {"text": "myöhässä"}).status_code == 302
    assert not ConsultationComment.objects.exists()
    with pytest.raises(ConflictError):
        services.consultation_comment(actor=member, consultation=late, text="x")


def test_coordinator_sees_answer_table(client, process):
    team, (answered, silent) = team_with_members(2)
    round_ = consultation(process, [team])
    ConsultationCommentFactory(consultation=round_, author=answered, text="Kyllä")
    client.force_login(process.chair)
    response = client.get(_detail_url(round_))
    assert response.status_code == 200
    (entry,) = response.context["answers"]
    assert entry["group"] == team and entry["answered_count"] == 1
    assert {(r["user"].pk, r["answered"]) for r in entry["rows"]} == {(answered.pk, True), (silent.pk, False)}
    assert response.context["close_form"] is not None


def test_detail_query_count_constant(client, process):
    team, members = team_with_members(2)
    round_ = consultation(process, [team])
    client.force_login(process.chair)
    with CaptureQueriesContext(connection) as few:
        client.get(_detail_url(round_))
    for _ in range(5):
        user = MembershipFactory(group=team, role=Membership.Role.MEMBER).user
        ConsultationCommentFactory(consultation=round_, author=user, text="x", group=team)
        round_.groups.add(GroupFactory())
    with CaptureQueriesContext(connection) as many:
        response = client.get(_detail_url(round_))
    assert len(response.context["comments"]) == 5
    assert len(many) == len(few)


def test_close_needs_confirmation_and_editor(client, process):
    team, (member,) = team_with_members(1)
    round_ = consultation(process, [team])
    url = reverse("codevelopment:consultation_close", args=[process.pk, round_.pk])
    client.force_login(member)
    assert client.post(url, {"confirm": "on"}).status_code == 403
    client.force_login(process.chair)
    response = client.post(url, {})
    assert response.status_code == 400 and response.context["close_form"].errors
    round_.refresh_from_db()
    assert round_.closed_at is None
    assert client.post(url, {"confirm": "on"}).status_code == 302
    round_.refresh_from_db()
    assert round_.closed_at is not None
    assert AuditEvent.objects.filter(action="codevelopment.consultation_close").exists()
    # Closing again is a conflict, shown as a message, not an error page.
    assert client.post(url, {"confirm": "on"}).status_code == 302
    with pytest.raises(ConflictError):
        services.consultation_close(actor=process.chair, consultation=round_)
    client.force_login(member)
    assert not client.get(_detail_url(round_)).context["can_comment"]


def test_list_page_shows_rounds_waiting_for_me(client, process):
    team, (me, _other) = team_with_members(2)
    waiting = consultation(process, [team])
    answered = consultation(process, [team])
    ConsultationCommentFactory(consultation=answered, author=me, text="x")
    consultation(process, [team], hours_left=-2)
    closed = consultation(process, [team])
    closed.closed_at = timezone.now()
    closed.save()
    consultation(process, [GroupFactory()])
    client.force_login(me)
    response = client.get(reverse("codevelopment:list"))
    assert response.status_code == 200
    assert [r.pk for r in response.context["waiting"]] == [waiting.pk]
    assert _detail_url(waiting).encode() in response.content


def test_waiting_block_query_count_constant(client, process):
    team, (me,) = team_with_members(1)
    consultation(process, [team])
    client.force_login(me)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("codevelopment:list"))
    for _ in range(4):
        consultation(opened_process(), [team])
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("codevelopment:list"))
    assert len(response.context["waiting"]) == 5
    assert len(many) == len(few)
