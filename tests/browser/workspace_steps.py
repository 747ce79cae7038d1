"""Data for the developer group's workspace tools (meetings, memos, dialogues, documents, invitations),
used by the accessibility suite. The chair (MANAGER) opened the developer group and coordinates it."""

from __future__ import annotations

import datetime
import re

from tests.browser import codevelopment_steps

INVITED_EMAIL = "sari.vanhempi@example.test"
REP_EMAIL = "kaisa.kokemusasiantuntija@example.test"


def process(n):
    if getattr(n, "_ws_process", None) is None:
        n._ws_process = codevelopment_steps.process(n)
    return n._ws_process


def _meeting(n):
    from django.utils import timezone

    from codevelopment import services as workspace

    if getattr(n, "_ws_meeting", None) is None:
        # Held last week: its memo is written once the meeting has started.
        start = (timezone.now() - datetime.timedelta(days=7)).replace(
            hour=13, minute=0, second=0, microsecond=0
        )
        made = workspace.meeting_plan(
            actor=n.chair,
            process=process(n),
            title="Kehittäjäryhmän aloitustapaaminen",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            location="Perhekeskus, neuvotteluhuone 2",
        )
        workspace.meeting_memo_save(
            actor=n.chair,
            process=process(n),
            meeting=made,
            memo="Sovittiin kartoituksesta.\n\nSeuraavaksi kuullaan perheitä Erätauko-dialogissa.",
        )
        n._ws_meeting = made
    return n._ws_meeting


def meetings(n) -> str:
    _meeting(n)
    return f"/codevelopment/{process(n).pk}/meetings/"


def memo(n) -> str:
    return f"/codevelopment/{process(n).pk}/meetings/{_meeting(n).pk}/memo/"


def dialogues(n) -> str:
    from codevelopment import services as workspace

    workspace.dialogue_add(
        actor=n.chair,
        process=process(n),
        method="eratauko",
        held_on=datetime.date(2026, 10, 5),
        question="Mikä auttaisi perheitä iltapäivisin?",
        participants="Kuusi vanhempaa, kaksi opettajaa ja perhetyöntekijä.",
        heard="Kerhoja toivotaan myös kouluun. Kuljetus on monelle este.",
    )
    return f"/codevelopment/{process(n).pk}/dialogues/"


def documents(n) -> str:
    from codevelopment.models import Document

    made = process(n)
    # The list shows the row; no file is read, so none is written for the check.
    Document.objects.create(
        process=made,
        title="Kartoituksen yhteenveto",
        file=f"codevelopment/{made.pk}/0123456789abcdef0123456789abcdef",
        original_name="yhteenveto.pdf",
        content_type="application/pdf",
        size=123_456,
        created_by=n.chair,
    )
    return f"/codevelopment/{made.pk}/documents/"


def invitations(n) -> str:
    from codevelopment import services as workspace

    workspace.invitation_create(
        actor=n.chair,
        process=process(n),
        email=INVITED_EMAIL,
        full_name="Sari Vanhempi",
        role="client_representative",
        background="client_developer",
    )
    return f"/codevelopment/{process(n).pk}/invitations/"


def accept(n) -> str:
    """The accept page of an invitation to a person without an account."""
    import secrets
    from datetime import timedelta

    from django.utils import timezone

    from codevelopment.models import Invitation
    from codevelopment.selectors.invitations import token_hash

    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        process=process(n),
        email=INVITED_EMAIL,
        full_name="Sari Vanhempi",
        role="client_representative",
        background="experience_expert",
        token_hash=token_hash(token),
        expires_at=timezone.now() + timedelta(days=14),
        created_by=n.chair,
    )
    return f"/codevelopment/invitation/{token}/"


def _submit(page) -> None:
    page.eval_on_selector("main form", "f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def failed_accept(page, net) -> None:
    page.fill("input[name=password1]", "short")
    page.fill("input[name=password2]", "different")
    _submit(page)
    assert page.locator("main .errorlist").count() >= 1


def rep_sign_in(n) -> str:
    """The sign-in page; the next step signs in as a client representative of the developer group."""
    from accounts.tests.factories import UserFactory
    from familycentres.models import Membership

    made = process(n)
    rep = UserFactory(email=REP_EMAIL, full_name="Kaisa Kokemusasiantuntija")
    Membership.objects.create(
        group=made.group,
        user=rep,
        role=Membership.Role.CLIENT_REPRESENTATIVE,
        background=Membership.Background.EXPERIENCE_EXPERT,
    )
    n._ws_rep_workspace = f"/codevelopment/{made.pk}/"
    return "/accounts/login/"


def workspace_as_client_representative(page, net) -> None:
    from accounts.tests.factories import DEFAULT_PASSWORD

    lang = re.match(r"https?://[^/]+/([a-z]{2})/", page.url).group(1)
    page.fill("input[name=login]", REP_EMAIL)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    _submit(page)
    response = page.goto(f"/{lang}{net._ws_rep_workspace}")
    assert response is not None and response.status == 200
    # A limited account: no editing forms, and the network's other pages are not offered.
    assert page.locator("main form").count() == 0
