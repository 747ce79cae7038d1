"""Language and format: Finnish dates and times in fi (1.12.2026 klo 18.18), Finland-Swedish in sv, never an
ISO date on a page; public addresses in the page's language with the former ones redirecting permanently
(the API's addresses unchanged); every required field marked the same way; one Swedish term for the family
centre."""

from __future__ import annotations

import datetime
import gettext
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from familycentres.forms import MeetingForm
from familycentres.models import Group, Membership
from familycentres.tests.factories import GroupFactory, MeetingFactory, MembershipFactory

ROOT = Path(__file__).resolve().parent.parent
WHEN = datetime.datetime(2026, 12, 1, 18, 18, tzinfo=datetime.UTC)  # 20.18 in Helsinki


@pytest.mark.parametrize(
    ("lang", "date", "moment"),
    [
        ("fi", "1.12.2026", "1.12.2026 klo 18.18"),
        ("sv", "1.12.2026", "1.12.2026 kl. 18.18"),
        ("en", "1 Dec 2026", "1 Dec 2026, 18:18"),
    ],
)
def test_dates_and_times_in_the_languages_format(lang, date, moment):
    local = datetime.datetime(2026, 12, 1, 18, 18)
    with translation.override(lang):
        for name in ("DATE_FORMAT", "SHORT_DATE_FORMAT"):
            assert formats.date_format(local.date(), name) == date
        for name in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"):
            assert formats.date_format(local, name) == moment
        # What people type is still read (and the browser's ISO date inputs).
        assert "%Y-%m-%d" in formats.get_format("DATE_INPUT_FORMATS")


def test_no_template_hard_codes_a_date_format():
    """Dates go through the language's formats (|date:"SHORT_DATE_FORMAT"), never a fixed pattern."""
    fixed = re.compile(r'\|(?:date|time):"(?![A-Z_]+")[^"]*"')
    found = [
        f"{path.relative_to(ROOT)}: {match}"
        for path in (ROOT / "templates").rglob("*.html")
        for match in fixed.findall(path.read_text(encoding="utf-8"))
        if match not in ('|date:"l"', '|date:"F Y"')  # a weekday, a month: words, not numbers
    ]
    assert not found, found


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "expected"), [("fi", "klo 20.18"), ("sv", "kl. 20.18"), ("en", "20:18")])
def test_meeting_page_shows_the_time_in_the_languages_format(client, lang, expected):
    group = GroupFactory(kind=Group.Kind.LOCAL_TEAM)
    chair = MembershipFactory(group=group, role=Membership.Role.CHAIR).user
    meeting = MeetingFactory(group=group, starts_at=WHEN, ends_at=WHEN + datetime.timedelta(hours=1))
    client.force_login(chair)
    with translation.override(lang):
        body = client.get(meeting.get_absolute_url()).content.decode()
    assert expected in body
    assert "2026-12-01" not in body


PUBLIC_PATHS = [
    ("phenomena:register", {}, "/fi/paatokset/", "/sv/beslut/", "/en/decisions/", "/{lang}/decisions/"),
    (
        "codevelopment:public",
        {"centre": "nokia"},
        "/fi/kehitamme/nokia/",
        "/sv/vi-utvecklar/nokia/",
        "/en/developing/nokia/",
        "/{lang}/developing/nokia/",
    ),
    ("observations:public_form", {}, "/fi/kerro/", "/sv/beratta/", "/en/tell/", "/{lang}/kerro/"),
    (
        "observations:public_status",
        {"code": "ACEFH-34679"},
        "/fi/seuranta/ACEFH-34679/",
        "/sv/uppfoljning/ACEFH-34679/",
        "/en/follow-up/ACEFH-34679/",
        "/{lang}/seuranta/ACEFH-34679/",
    ),
]


@pytest.mark.parametrize(("name", "kwargs", "fi", "sv", "en", "old"), PUBLIC_PATHS)
def test_public_paths_are_in_the_pages_language(name, kwargs, fi, sv, en, old):
    for lang, expected in (("fi", fi), ("sv", sv), ("en", en)):
        with translation.override(lang):
            assert reverse(name, kwargs=kwargs) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs", "fi", "sv", "en", "old"), PUBLIC_PATHS)
def test_former_public_paths_redirect_permanently(client, name, kwargs, fi, sv, en, old):
    for lang, expected in (("fi", fi), ("sv", sv), ("en", en)):
        former = old.format(lang=lang)
        if former == expected:
            continue
        response = client.get(former + "?page=2")
        assert response.status_code == 301, former
        assert response["Location"] == expected + "?page=2"


def test_api_paths_are_unchanged():
    assert reverse("api-schema") == "/api/schema/"
    with translation.override("sv"):
        assert reverse("api-schema") == "/api/schema/"
        assert reverse("altcha_challenge") == "/altcha/challenge/"


def test_every_required_field_is_marked_the_same_way():
    with translation.override("en"):
        html = str(MeetingForm())
    labels = dict(re.findall(r'<label for="id_(\w+)">(.*?)</label>', html, flags=re.S))
    assert '<span class="required-mark">(required)</span>' in labels["title"]
    assert '<span class="required-mark">(required)</span>' in labels["starts_at"]
    assert "required-mark" not in labels["video_url"]


@pytest.mark.django_db
def test_required_mark_of_a_page_form_matches_the_family_forms(client):
    with translation.override("fi"):
        family = client.get(reverse("observations:public_lookup")).content.decode()
        mark = '<span class="required-mark">(pakollinen)</span>'
    assert mark in family
    group = GroupFactory()
    chair = MembershipFactory(group=group, role=Membership.Role.CHAIR).user
    client.force_login(chair)
    with translation.override("fi"):
        page = client.get(reverse("familycentres:meeting_create", args=[group.pk])).content.decode()
    assert mark in page


def test_swedish_uses_one_term_for_the_family_centre():
    with open(ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    pairs = []
    for key, text in catalogue._catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid:
            pairs.append((msgid.split("\x04")[-1], text))
    other_terms = re.compile(r"familje(?:center|centrum|centret|centrets)|perhekesku", re.I)
    wrong = [msgid for msgid, text in pairs if other_terms.search(text)]
    assert not wrong, wrong
    missing = [
        msgid
        for msgid, text in pairs
        if re.search(r"\bfamily[ -]centres?\b", msgid, re.I) and "familjecentral" not in text.lower()
    ]
    assert not missing, missing


def test_now_is_formatted_without_iso_in_finnish():
    with translation.override("fi"):
        text = formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")
    assert " klo " in text and not re.search(r"\d{4}-\d{2}-\d{2}", text)


def test_texts_written_by_services_use_the_languages_format():
    from core.dates import display_date, display_datetime

    with translation.override("fi"):
        assert display_date(datetime.date(2026, 12, 1)) == "1.12.2026"
        assert display_datetime(WHEN) == "1.12.2026 klo 20.18"  # Helsinki time
    with translation.override("sv"):
        assert display_datetime(WHEN) == "1.12.2026 kl. 20.18"


@pytest.mark.django_db
def test_follow_up_log_of_a_developer_group_has_no_iso_date():
    from codevelopment import services
    from codevelopment.tests import lifecycle_data

    process = lifecycle_data.implementing()
    metric = services.metric_add(
        actor=process.chair,
        process=process,
        name="Kävijät",
        unit="henkeä",
        baseline="20",
        target="40",
        method="Laskenta.",
    )
    with translation.override("fi"):
        services.point_schedule(actor=process.chair, metric=metric, due_on=datetime.date(2027, 3, 5))
    texts = " ".join(process.log_entries.values_list("text", flat=True))
    assert "5.3.2027" in texts and "2027-03-05" not in texts
