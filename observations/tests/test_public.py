"""The families' pages without an account: the open form, the thanks page, the code look-up and the status
page, with their spam protection (honeypot, signed stamp, per-address rate limits, ALTCHA proof-of-work).

ALTCHA payloads come from really solving a challenge fetched from our own endpoint; nothing is mocked."""

from __future__ import annotations

import base64
import json
import re
import time

import altcha
import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from familycentres.models import Membership
from familycentres.tests.factories import (
    FamilyCentreFactory,
    GroupFactory,
    MembershipFactory,
    MunicipalityFactory,
)
from observations import codes, services, spam
from observations.models import Observation
from observations.tests.factories import FamilyObservationFactory, centre_with_municipality

pytestmark = pytest.mark.django_db

TEXT = "Koulun jälkeen lapsilla ei ole paikkaa, jossa olla. Moni odottaa vanhempia kaupassa."


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    """Rate-limit counters and used ALTCHA challenges live in the cache; each test starts clean. A small
    proof-of-work keeps solving it in Python fast."""
    settings.PUBLIC_FORM_ALTCHA_MAX_NUMBER = 5_000
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def net():
    centre, municipality = centre_with_municipality("Nokia")
    other_centre, other_municipality = centre_with_municipality("Pirkkala")
    unserved = MunicipalityFactory(name_fi="Palvelematon", parent=municipality.parent)
    collector = MembershipFactory(
        group=GroupFactory(family_centre=centre), role=Membership.Role.COLLECTOR
    ).user
    return type(
        "Net",
        (),
        {
            "centre": centre,
            "municipality": municipality,
            "other_centre": other_centre,
            "other_municipality": other_municipality,
            "unserved": unserved,
            "collector": collector,
        },
    )


def solve_altcha(client: Client) -> str:
    """Fetches a challenge from our endpoint and solves it the way the browser widget does."""
    challenge = client.get("/altcha/challenge/").json()
    solution = altcha.solve_challenge(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxNumber"]
    )
    assert solution is not None
    payload = {
        "algorithm": challenge["algorithm"],
        "challenge": challenge["challenge"],
        "number": solution.number,
        "salt": challenge["salt"],
        "signature": challenge["signature"],
    }
    return base64.b64encode(json.dumps(payload).encode()).decode()


def old_stamp(seconds: float = 10) -> str:
    """A stamp from a form shown `seconds` ago, as if the person had been writing for that long."""
    return spam.stamp_make(now=time.time() - seconds)


def form_data(client: Client, area, **overrides) -> dict:
    data = {
        "text": TEXT,
        "environment": "school",
        "age_group": "7-12",
        "municipality": str(area.pk),
        "email": "",
        "website": "",
        "stamp": old_stamp(),
        "altcha": solve_altcha(client),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def send(client: Client, area, *, lang: str = "fi", centre=None, **overrides):
    url = (
        public_url(lang, "public_form_centre", centre=centre.slug)
        if centre
        else public_url(lang, "public_form")
    )
    return client.post(url, form_data(client, area, **overrides))


def public_url(lang: str, name: str, **kwargs) -> str:
    """The families' address in a language (/fi/kerro/, /sv/beratta/, /en/tell/ ...)."""
    with translation.override(lang):
        return reverse(f"observations:{name}", kwargs=kwargs)


def in_lang(lang: str, text: str) -> str:
    with translation.override(lang):
        return translation.gettext(text)


def content(response) -> str:
    return response.content.decode()


# --- The form page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_form_page_shows_plain_language_form_in_each_language(client, net, lang):
    response = client.get(public_url(lang, "public_form"))

    assert response.status_code == 200
    html = content(response)
    assert f'<html lang="{lang}">' in html
    assert in_lang(lang, "Tell us what you noticed") in html
    assert in_lang(lang, "Do not write names or anything else that identifies a person.") in html
    # The warning is read before the text box and is tied to it.
    assert html.index('id="text-warning"') < html.index('<textarea name="text"')
    assert 'aria-describedby="text-warning id_text_helptext"' in html
    for name in ("environment", "age_group"):
        assert f'name="{name}"' in html and 'type="radio"' in html
    assert "<fieldset" in html and "<legend>" in html
    assert 'name="stamp"' in html and "<altcha-widget" in html
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


def test_form_page_has_no_inline_script_or_style_for_the_csp(client, net):
    html = content(client.get("/fi/kerro/"))

    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None
    assert " style=" not in html and "<style" not in html
    assert 'type="module" src="/static/vendor/altcha-2.3.0/altcha.js"' in html


def test_form_page_honeypot_is_hidden_from_people(client, net):
    html = content(client.get("/fi/kerro/"))

    honeypot = re.search(r'<div class="hp-field" aria-hidden="true">.*?</div>', html, re.S).group(0)
    assert 'name="website"' in honeypot
    assert 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot


def test_county_form_lists_every_served_municipality_only(client, net):
    html = content(client.get("/fi/kerro/"))

    assert f'value="{net.municipality.pk}"' in html
    assert f'value="{net.other_municipality.pk}"' in html
    assert f'value="{net.unserved.pk}"' not in html


def test_centre_form_lists_its_own_municipalities_and_preselects_a_single_one(client, net):
    html = content(client.get(f"/fi/kerro/{net.centre.slug}/"))

    assert net.centre.name in html
    assert f'value="{net.municipality.pk}" selected' in html
    assert f'value="{net.other_municipality.pk}"' not in html


def test_centre_form_unknown_slug_is_404(client, net):
    assert client.get("/fi/kerro/no-such-centre/").status_code == 404


def test_form_rejects_other_methods(client, net):
    assert client.put("/fi/kerro/").status_code == 405


# --- The whole flow ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_family_sends_observation_gets_code_by_email_and_sees_status_in_its_language(
    client, net, lang, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, net.municipality, lang=lang, email="perhe@example.test")

    observation = Observation.objects.get()
    code = observation.followup_code
    assert response.status_code == 302
    assert response["Location"] == public_url(lang, "public_thanks", code=code)
    assert observation.source == Observation.Source.FAMILY_FORM
    assert observation.family_centre == net.centre
    assert observation.area == net.municipality
    assert observation.language == lang
    assert observation.contact_email == "perhe@example.test"
    assert observation.author is None and observation.text == TEXT

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert code in content(thanks)
    assert f'href="{public_url(lang, "public_status", code=code)}"' in content(thanks)
    assert in_lang(lang, "We also sent the code to the email address you gave.") in content(thanks)

    # The code arrives by email (Celery runs eagerly in tests), in the family's language.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["perhe@example.test"]
    assert message.subject == in_lang(lang, "Thank you for telling us what you noticed")
    assert code in message.body and public_url(lang, "public_status", code=code) in message.body
    assert in_lang(lang, "Hello,") in message.body

    status = client.get(public_url(lang, "public_status", code=code))
    assert status.status_code == 200
    assert in_lang(lang, "The state of what you told us") in content(status)
    assert TEXT in content(status)  # the family sees what it wrote


def test_centre_form_sends_to_that_centre_when_municipality_has_two(client, net):
    second = FamilyCentreFactory(wellbeing_county=net.municipality.parent, municipalities=[net.municipality])

    response = send(client, net.municipality, centre=second)

    assert response.status_code == 302
    assert Observation.objects.get().family_centre == second


def test_family_without_email_gets_no_mail_and_thanks_says_nothing_of_email(
    client, net, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, net.municipality)

    thanks = client.get(response["Location"])
    assert mail.outbox == []
    assert in_lang("fi", "We also sent the code to the email address you gave.") not in content(thanks)
    assert Observation.objects.get().contact_email == ""


def test_personal_data_is_held_but_family_sees_normal_thanks(client, net):
    text = "Naapurin Matti soittaa minulle numerosta 040 123 4567 ja asuu Hämeenkatu 12 B."

    response = send(client, net.municipality, text=text)

    observation = Observation.objects.get()
    assert response.status_code == 302
    assert observation.held is True
    assert set(observation.held_reasons) >= {"phone", "address"}
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and observation.followup_code in content(thanks)
    assert "held" not in content(thanks).lower()


def test_every_kind_of_personal_data_holds_a_send_names_included(client, net):
    """The send path runs the whole personal-data check: a name, a phone number and a personal identity
    code each hold the observation back, with its reason."""
    text = "Erik kertoi, että hänen tunnuksensa 131052-308T ja numeronsa 040 123 4567 ovat vaihtuneet."

    assert send(client, net.municipality, text=text).status_code == 302

    observation = Observation.objects.get()
    assert observation.held is True
    assert set(observation.held_reasons) == {"name", "phone", "identity_code"}


def test_a_send_costs_a_fixed_number_of_queries(client, net, django_assert_max_num_queries):
    """The writes of one accepted send (the form's checks, the observation, its audit record, the
    collectors' notification) do not grow with the data or the collectors; no session row is written."""
    for _ in range(3):
        MembershipFactory(group=GroupFactory(family_centre=net.centre), role=Membership.Role.COLLECTOR)
    data = form_data(client, net.municipality)

    with django_assert_max_num_queries(12):
        response = client.post(public_url("fi", "public_form"), data)

    assert response.status_code == 302
    assert not Session.objects.exists()
    assert net.collector.notifications.filter(verb="observation.new").count() == 1


def test_collector_is_notified_of_family_observation(client, net):
    send(client, net.municipality)

    assert net.collector.notifications.filter(verb="observation.new").count() == 1


# --- Thanks page ------------------------------------------------------------------------------------


def test_thanks_page_is_404_for_another_browser(client, net):
    response = send(client, net.municipality)

    other = Client()
    assert other.get(response["Location"]).status_code == 404


def test_thanks_page_is_404_for_a_code_in_a_cookie_the_server_did_not_sign(client, net):
    code = codes.normalise(send(Client(), net.municipality)["Location"].rstrip("/").rsplit("/", 1)[1])

    other = Client()
    other.cookies[settings.FOLLOWUP_CODES_COOKIE_NAME] = code
    assert other.get(public_url("fi", "public_thanks", code=code)).status_code == 404
    other.cookies[settings.FOLLOWUP_CODES_COOKIE_NAME] = signing.get_cookie_signer(salt="other").sign(code)
    assert other.get(public_url("fi", "public_thanks", code=code)).status_code == 404


def test_thanks_page_keeps_the_last_five_codes_of_a_browser(client, net, settings):
    settings.RATE_LIMIT_EXEMPT_ADDRESSES = ["127.0.0.1"]
    thanks = [send(client, net.municipality)["Location"] for _ in range(6)]

    assert client.get(thanks[0]).status_code == 404
    assert all(client.get(url).status_code == 200 for url in thanks[1:])


def test_thanks_page_is_404_for_a_guessed_or_garbage_code(client, net):
    send(client, net.municipality)
    existing = FamilyObservationFactory(family_centre=net.centre)

    assert client.get(f"/fi/kerro/kiitos/{existing.followup_code}/").status_code == 404
    assert client.get("/fi/kerro/kiitos/not-a-code/").status_code == 404
    assert client.get("/fi/kerro/kiitos/%00%00/").status_code == 404


def test_thanks_page_has_no_store_and_noindex(client, net):
    response = client.get(send(client, net.municipality)["Location"])

    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


# --- Honeypot and stamp -----------------------------------------------------------------------------


def test_honeypot_filled_is_refused_quietly_and_keeps_text(client, net):
    response = send(client, net.municipality, website="http://spam.example")

    assert response.status_code == 400
    assert not Observation.objects.exists()
    html = content(response)
    assert TEXT in html
    assert (
        in_lang("fi", "We could not receive the form. Your text is kept below. Check it and send it again.")
        in html
    )
    assert 'role="alert"' in html
    # The honeypot itself comes back empty.
    assert 'name="website" id="id_website" value=""' in html


def test_too_fast_stamp_asks_to_send_again_keeps_text_and_the_original_stamp(client, net):
    stamp = spam.stamp_make()

    response = send(client, net.municipality, stamp=stamp, lang="sv")

    assert response.status_code == 400
    assert not Observation.objects.exists()
    html = content(response)
    assert TEXT in html
    # It says why (sent too fast) and what to do (check and send again).
    assert (
        in_lang(
            "sv",
            "The form was sent within a few seconds of opening it, so it was not taken in: robots send forms "
            "that fast. Your text is kept below. Check it and send the form again.",
        )
        in html
    )
    # The time keeps counting from when the form was first shown, so sending again works.
    assert f'name="stamp" value="{stamp}"' in html


@pytest.mark.parametrize(
    "stamp",
    [
        "",
        "garbage",
        signing.dumps({"t": time.time() - 60}, salt="another.salt"),
        signing.dumps({"t": "yesterday"}, salt=spam.STAMP_SALT),
        signing.dumps({"t": True}, salt=spam.STAMP_SALT),
        signing.dumps([1, 2], salt=spam.STAMP_SALT),
        spam.stamp_make(now=time.time() - 60)[:-3] + "abc",
    ],
    # Stable names: the stamps contain the time, and parallel workers must collect the same tests.
    ids=["empty", "garbage", "other-salt", "time-as-text", "time-as-bool", "not-a-dict", "bad-signature"],
)
def test_forged_stamp_is_refused_and_replaced_keeping_text(client, net, stamp):
    response = send(client, net.municipality, stamp=stamp)

    assert response.status_code == 400
    assert not Observation.objects.exists()
    assert TEXT in content(response)
    new = re.search(r'name="stamp" value="([^"]+)"', content(response)).group(1)
    assert new != stamp and spam.stamp_check(new) == spam.STAMP_TOO_FAST


def test_day_old_stamp_is_refused_keeping_text(client, net):
    response = send(client, net.municipality, stamp=old_stamp(2 * 24 * 3600))

    assert response.status_code == 400
    assert TEXT in content(response)
    assert not Observation.objects.exists()


def test_stamp_check_verdicts():
    now = time.time()
    assert spam.stamp_check(spam.stamp_make(now=now - 5), now=now) == spam.STAMP_OK
    assert spam.stamp_check(spam.stamp_make(now=now - 1), now=now) == spam.STAMP_TOO_FAST
    assert spam.stamp_check(spam.stamp_make(now=now + 60), now=now) == spam.STAMP_TOO_FAST
    assert spam.stamp_check(spam.stamp_make(now=now - 25 * 3600), now=now) == spam.STAMP_EXPIRED
    assert spam.stamp_check(None) == spam.STAMP_FORGED


# --- Rate limits ------------------------------------------------------------------------------------


def test_rate_limit_answers_429_in_users_language_and_keeps_text(client, net, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = (2, 600)
    assert send(client, net.municipality).status_code == 302
    assert send(client, net.municipality).status_code == 302

    text = "Kolmas havainto: nuoret kaipaavat iltaisin avointa paikkaa. Ålänning ✓ 😀"
    response = send(client, net.municipality, lang="sv", text=text, email="perhe@example.test")

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert Observation.objects.count() == 2
    html = content(response)
    assert text in html and "perhe@example.test" in html
    assert f'value="{net.municipality.pk}" selected' in html
    assert re.search(r'<input type="radio" name="environment" value="school"[^>]*\bchecked', html)
    assert re.search(r'<input type="radio" name="age_group" value="7-12"[^>]*\bchecked', html)
    with translation.override("sv"):
        expected = translation.gettext(
            "Many observations have been sent from your network in a short time, so we cannot receive "
            "this one right now. Your text is kept below. Wait ten minutes and send the form again."
        )
    assert expected in html


def test_rate_limit_counts_every_send_of_the_form(client, net, settings):
    settings.PUBLIC_FORM_ATTEMPT_LIMIT = (3, 600)
    for _ in range(3):
        assert send(client, net.municipality, text="").status_code == 400

    response = send(client, net.municipality)

    assert response.status_code == 429
    assert TEXT in content(response)
    assert not Observation.objects.exists()


def test_rate_limit_is_per_address(client, net, settings):
    settings.PUBLIC_FORM_RATE_LIMIT = (1, 600)
    assert send(client, net.municipality).status_code == 302
    assert send(client, net.municipality).status_code == 429

    other = Client(REMOTE_ADDR="10.1.2.3")
    assert send(other, net.municipality).status_code == 302


def test_only_a_configured_exempt_address_passes_the_limits_and_still_needs_a_valid_stamp(
    client, net, settings
):
    settings.PUBLIC_FORM_RATE_LIMIT = (1, 600)
    settings.PUBLIC_FORM_ATTEMPT_LIMIT = (2, 600)
    settings.RATE_LIMIT_EXEMPT_ADDRESSES = ["10.9.9.9"]
    bench = Client(REMOTE_ADDR="10.9.9.9")
    assert [send(bench, net.municipality).status_code for _ in range(4)] == [302] * 4
    assert bench.post("/fi/kerro/", {"text": "roska", "stamp": "x"}).status_code == 400
    # Everyone else keeps the limits.
    assert [send(client, net.municipality).status_code for _ in range(2)] == [302, 429]


def test_hundred_sends_a_minute_each_get_a_clear_answer_and_nothing_half_stored(client, net, settings):
    settings.PUBLIC_FORM_ATTEMPT_LIMIT = (30, 600)
    statuses = [
        client.post("/fi/kerro/", {"text": f"roska {i}", "stamp": "x"}).status_code for i in range(100)
    ]

    assert set(statuses) <= {400, 429}
    assert statuses.count(429) == 100 - 30
    assert not Observation.objects.exists()


# --- ALTCHA -----------------------------------------------------------------------------------------


def _tampered(payload: str, **changes) -> str:
    data = json.loads(base64.b64decode(payload))
    data.update(changes)
    return base64.b64encode(json.dumps(data).encode()).decode()


def test_altcha_missing_is_refused_keeping_text(client, net):
    response = send(client, net.municipality, altcha=None)

    assert response.status_code == 400
    assert not Observation.objects.exists()
    html = content(response)
    assert TEXT in html
    assert 'href="#id_altcha"' in html
    expected = in_lang(
        "fi",
        "The automatic spam check has not finished. It needs JavaScript. Wait until it says "
        "“Checked”, then send the form again.",
    )
    assert expected in html


@pytest.mark.parametrize("how", ["garbage", "not-json", "wrong-number", "wrong-signature", "missing-field"])
def test_altcha_invalid_is_refused_keeping_text(client, net, how):
    good = solve_altcha(client)
    data = json.loads(base64.b64decode(good))
    payload = {
        "garbage": "!!!not base64!!!",
        "not-json": base64.b64encode(b"hello").decode(),
        "wrong-number": _tampered(good, number=data["number"] + 1),
        "wrong-signature": _tampered(good, signature="0" * 64),
        "missing-field": base64.b64encode(json.dumps({"algorithm": "SHA-256"}).encode()).decode(),
    }[how]

    response = send(client, net.municipality, altcha=payload)

    assert response.status_code == 400
    assert not Observation.objects.exists()
    assert TEXT in content(response)


def test_altcha_replayed_payload_is_refused(client, net):
    payload = solve_altcha(client)
    assert send(client, net.municipality, altcha=payload).status_code == 302

    response = send(client, net.municipality, altcha=payload, text="Toinen havainto samalla ratkaisulla.")

    assert response.status_code == 400
    assert Observation.objects.count() == 1
    assert "Toinen havainto samalla ratkaisulla." in content(response)


def test_altcha_expired_challenge_is_refused(client, net):
    from django_altcha import get_altcha_challenge

    challenge = get_altcha_challenge(max_number=1000, expires=-60_000).to_dict()
    solution = altcha.solve_challenge(challenge["challenge"], challenge["salt"], "SHA-256", 1000)
    payload = {k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")}
    payload["number"] = solution.number

    response = send(client, net.municipality, altcha=base64.b64encode(json.dumps(payload).encode()).decode())

    assert response.status_code == 400
    assert not Observation.objects.exists()


def test_altcha_valid_payload_is_accepted(client, net):
    assert send(client, net.municipality).status_code == 302
    assert Observation.objects.count() == 1


def test_altcha_challenge_endpoint_gives_fresh_uncached_challenges(client, settings):
    settings.PUBLIC_FORM_ALTCHA_MAX_NUMBER = 12_345

    first = client.get("/altcha/challenge/")
    second = client.get("/altcha/challenge/")

    assert first.status_code == 200 and first["Content-Type"] == "application/json"
    assert first.json()["maxNumber"] == 12_345
    assert first.json()["challenge"] != second.json()["challenge"]
    assert "no-store" in first["Cache-Control"]
    assert client.post("/altcha/challenge/").status_code == 405


# --- Fields and bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("municipality", ["999999", "abc", "", "1 OR 1=1", "\x00"])
def test_unknown_municipality_is_refused_keeping_text(client, net, municipality):
    response = send(client, net.municipality, municipality=municipality)

    assert response.status_code == 400
    assert not Observation.objects.exists()
    assert TEXT in content(response)
    assert 'href="#id_municipality"' in content(response)


def test_unserved_municipality_is_refused(client, net):
    response = send(client, net.unserved, lang="en")

    assert response.status_code == 400
    assert "Choose a municipality from the list." in content(response)


def test_municipality_of_another_centre_is_refused_on_a_centre_form(client, net):
    response = send(client, net.other_municipality, centre=net.centre)

    assert response.status_code == 400
    assert not Observation.objects.exists()


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x00"])
def test_empty_text_is_refused(client, net, text):
    response = send(client, net.municipality, text=text, lang="en")

    assert response.status_code == 400
    assert "Write what you noticed." in content(response)
    assert 'href="#id_text"' in content(response)
    assert not Observation.objects.exists()


def test_text_of_only_direction_overrides_is_refused_by_the_service(client, net):
    response = send(client, net.municipality, text="\u202e\u202d", lang="en")

    assert response.status_code == 400
    assert "Write what you noticed." in content(response)
    assert not Observation.objects.exists()


def test_fifty_thousand_characters_are_refused_and_all_kept(client, net):
    text = ("Pitkä teksti. " * 4000)[:49_999] + "!"

    response = send(client, net.municipality, text=text, lang="en")

    assert response.status_code == 400
    assert not Observation.objects.exists()
    html = content(response)
    assert text in html
    assert "The text is too long: 50000 characters. The limit is 10000." in html
    assert "maxlength" not in re.search(r"<textarea[^>]*>", html).group(0)


def test_nul_rtl_emoji_and_html_are_stored_as_plain_text(client, net):
    text = "<script>alert(1)</script>\x00 \u202eLapset 😀 <b>iloisia</b> مرحبا"

    response = send(client, net.municipality, text=text)

    assert response.status_code == 302
    stored = Observation.objects.get().text
    assert stored == "<script>alert(1)</script> Lapset 😀 <b>iloisia</b> مرحبا"


def test_html_in_a_refused_form_is_escaped(client, net):
    text = "<script>alert(1)</script> ja </textarea><b>x</b>"

    response = send(client, net.municipality, text=text, environment="")

    html = content(response)
    assert response.status_code == 400
    assert "&lt;script&gt;alert(1)&lt;/script&gt; ja &lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt;" in html
    assert "<script>alert(1)" not in html


def test_missing_choices_and_bad_email_are_listed_in_the_error_summary(client, net):
    response = send(
        client, net.municipality, environment="", age_group="nonsense", email="not an email", lang="en"
    )

    html = content(response)
    assert response.status_code == 400
    summary = re.search(r'<div class="error-summary" role="alert".*?</div>', html, re.S).group(0)
    assert 'href="#id_environment_0"' in summary and "Choose where you noticed it." in summary
    assert 'href="#id_age_group_0"' in summary and "Choose whom it concerns." in summary
    assert 'href="#id_email"' in summary and "Check the email address." in summary
    assert 'aria-describedby="id_environment_error"' in html
    assert 'aria-invalid="true"' in html
    assert TEXT in html and "not an email" in html


# --- Look-up ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_lookup_page_in_each_language(client, lang):
    response = client.get(public_url(lang, "public_lookup"))

    assert response.status_code == 200
    assert in_lang(lang, "Follow what you told us") in content(response)


@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {nodash} ", "{spaced}"])
def test_lookup_finds_code_as_people_type_it(client, net, typed):
    code = FamilyObservationFactory(family_centre=net.centre).followup_code
    raw = code.replace("-", "")
    value = typed.format(code=code, lower=code.lower(), nodash=raw, spaced=" ".join(raw))

    response = client.post("/sv/uppfoljning/", {"code": value})

    assert response.status_code == 302
    assert response["Location"] == f"/sv/uppfoljning/{code}/"


def test_lookup_unknown_code_says_so_in_users_language(client, net):
    response = client.post("/en/follow-up/", {"code": codes.new_code()})

    assert response.status_code == 404
    assert "We found nothing with this code. Check the code and try again." in content(response)
    assert 'role="alert"' in content(response)


@pytest.mark.parametrize(
    "code", ["", "abc", "ABCDE-FGHIJ", "0000000000", "<script>", "x" * 5000, "A\x00B", "😀" * 10]
)
def test_lookup_garbage_code_is_a_clear_message_not_an_error(client, code):
    response = client.post("/en/follow-up/", {"code": code})

    assert response.status_code in (400, 404)
    assert 'role="alert"' in content(response)
    assert "<script>" not in content(response).split("<main", 1)[1]


def test_lookup_is_rate_limited_per_address(client, net, settings):
    settings.PUBLIC_LOOKUP_RATE_LIMIT = (3, 600)
    real = FamilyObservationFactory(family_centre=net.centre).followup_code
    for _ in range(3):
        assert client.post("/fi/seuranta/", {"code": codes.new_code()}).status_code == 404

    response = client.post("/fi/seuranta/", {"code": real})

    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert real in content(response)
    assert client.get(f"/fi/seuranta/{real}/").status_code == 429
    assert Client(REMOTE_ADDR="10.9.9.9").post("/fi/seuranta/", {"code": real}).status_code == 302


# --- Status page ------------------------------------------------------------------------------------


def _steps(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<li class="status-step status-step--(\w+)"( aria-current="step")?', html)


def test_status_page_of_a_new_observation(client, net):
    observation = FamilyObservationFactory(family_centre=net.centre, text="Salainen havainto")

    response = client.get(f"/en/follow-up/{observation.followup_code}/")

    html = content(response)
    assert response.status_code == 200
    assert "Salainen havainto" in html
    assert net.centre.name in html
    assert _steps(html) == [
        ("current", ' aria-current="step"'),
        ("todo", ""),
        ("todo", ""),
        ("todo", ""),
        ("todo", ""),
        ("todo", ""),
    ]
    assert html.count('aria-current="step"') == 1
    assert "the stage now" in html and "not yet" in html
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_status_page_after_mark_read(client, net):
    observation = FamilyObservationFactory(family_centre=net.centre)
    services.observation_mark_read(actor=net.collector, observation=observation)

    html = content(client.get(f"/en/follow-up/{observation.followup_code}/"))

    assert [s for s, _ in _steps(html)] == ["done", "current", "todo", "todo", "todo", "todo"]
    assert ">Read<" in html and "done" in html


def test_status_page_of_a_merged_observation_shows_the_kept_ones_state(client, net):
    duplicate = FamilyObservationFactory(family_centre=net.centre, text="Kaksoiskappale")
    keep = FamilyObservationFactory(family_centre=net.centre, text="Säilytettävä")
    services.observation_mark_read(actor=net.collector, observation=keep)
    services.observation_merge(actor=net.collector, duplicate=duplicate, keep=keep)

    html = content(client.get(f"/fi/seuranta/{duplicate.followup_code}/"))

    assert [s for s, _ in _steps(html)] == ["done", "current", "todo", "todo", "todo", "todo"]
    # The family sees what it wrote itself, never the text of the observation it was merged into.
    assert "Kaksoiskappale" in html and "Säilytettävä" not in html
    assert keep.followup_code not in html


def test_status_page_of_an_archived_observation_shows_the_reason(client, net):
    observation = FamilyObservationFactory(family_centre=net.centre)
    services.observation_archive(
        actor=net.collector, observation=observation, reason="Asia on jo työn alla toisessa hankkeessa."
    )

    html = content(client.get(f"/sv/uppfoljning/{observation.followup_code}/"))

    assert "Asia on jo työn alla toisessa hankkeessa." in html
    assert [s for s, _ in _steps(html)] == ["done", "current"]
    assert in_lang("sv", "Closed") in html


def test_status_page_lowercase_code_redirects_to_the_code(client, net):
    code = FamilyObservationFactory(family_centre=net.centre).followup_code

    response = client.get(f"/fi/seuranta/{code.lower()}/")

    assert response.status_code == 302 and response["Location"] == f"/fi/seuranta/{code}/"


@pytest.mark.parametrize(
    "code",
    ["ACEFH-34679", "nope", "%3Cscript%3E", "%00", "A" * 3000, "%F0%9F%98%80", "..%2F..%2Fetc", "%E2%80%AE"],
)
def test_status_page_unknown_or_garbage_code_is_404(client, code):
    response = client.get(f"/fi/seuranta/{code}/")

    assert response.status_code == 404


def test_status_page_misses_are_rate_limited(client, net, settings):
    settings.PUBLIC_LOOKUP_RATE_LIMIT = (2, 600)
    real = FamilyObservationFactory(family_centre=net.centre).followup_code
    assert client.get(f"/fi/seuranta/{real}/").status_code == 200  # hits do not count
    assert client.get(f"/fi/seuranta/{codes.new_code()}/").status_code == 404
    assert client.get(f"/fi/seuranta/{codes.new_code()}/").status_code == 404

    assert client.get(f"/fi/seuranta/{real}/").status_code == 429


def test_signed_in_professional_sees_the_same_public_pages(client, net):
    client.force_login(net.collector)
    code = FamilyObservationFactory(family_centre=net.centre).followup_code

    assert client.get("/fi/kerro/").status_code == 200
    assert client.get(f"/fi/seuranta/{code}/").status_code == 200


# --- Emails after the form --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_family_gets_status_email_on_mark_read_in_its_language(
    client, net, lang, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(client, net.municipality, lang=lang, email="perhe@example.test")
    observation = Observation.objects.get()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.observation_mark_read(actor=net.collector, observation=observation)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == in_lang(lang, "What you told us has moved on")
    assert public_url(lang, "public_status", code=observation.followup_code) in message.body
    assert TEXT not in message.body


def test_family_address_is_erased_after_archive(client, net, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(client, net.municipality, email="perhe@example.test")
    observation = Observation.objects.get()
    assert len(mail.outbox) == 1
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.observation_archive(actor=net.collector, observation=observation, reason="Ei toimenpiteitä.")

    observation.refresh_from_db()
    assert observation.contact_email == ""
    assert len(mail.outbox) == 1 and "Ei toimenpiteitä." in mail.outbox[0].body
    # The code still works after the address is gone.
    assert client.get(f"/fi/seuranta/{observation.followup_code}/").status_code == 200


# --- The front page links the family pages -----------------------------------------------------------


def test_public_front_page_links_the_form_and_the_lookup(client):
    html = content(client.get("/fi/"))

    assert 'href="/fi/kerro/"' in html and 'href="/fi/seuranta/"' in html


# --- What the family sees and can do next ------------------------------------------------------------


def test_lookup_names_the_characters_codes_never_use(client):
    response = client.post("/en/follow-up/", {"code": "acef0-3o479"})

    assert response.status_code == 400
    html = content(response)
    assert "Follow-up codes never have 0, O:" in html
    assert "ACEFHJKMNPRTWXY" in html


def test_lookup_of_a_short_code_says_how_many_characters_were_typed(client):
    response = client.post("/en/follow-up/", {"code": "ACEF-347"})

    assert response.status_code == 400
    assert "A follow-up code has 10 letters and numbers, for example ACEFH-34679; you typed 7." in content(
        response
    )


def test_day_old_form_says_it_was_open_too_long(client, net):
    response = send(client, net.municipality, stamp=old_stamp(seconds=2 * 24 * 3600), lang="en")

    assert response.status_code == 400
    assert "The form was open for more than a day" in content(response) and TEXT in content(response)


def test_status_page_masks_held_text_and_links_onwards(client, net):
    observation = FamilyObservationFactory(
        family_centre=net.centre,
        text="Soitin numeroon 040 123 4567, mutta kerhossa ei ollut tilaa.",
        held=True,
        held_reasons=["phone"],
    )

    html = content(client.get(f"/en/follow-up/{observation.followup_code}/"))

    assert "040 123 4567" not in html
    assert "mutta kerhossa ei ollut tilaa." in html
    assert "What looked like personal data" in html
    with translation.override("en"):
        developing = reverse("codevelopment:public", args=[net.centre.slug])
        register = reverse("phenomena:register")
    assert f'href="{developing}"' in html and f'href="{register}"' in html


def test_thanks_page_offers_to_print_and_to_email_the_code(client, net, django_capture_on_commit_callbacks):
    response = send(client, net.municipality, lang="en")
    observation = Observation.objects.get()
    thanks_url = response["Location"]

    html = content(client.get(thanks_url))
    assert "data-print" in html and "observations/print.js" in html
    assert "Send the code to my email" in html

    refused = client.post(thanks_url, {"email": "not-an-address"})
    assert refused.status_code == 400 and "not-an-address" in content(refused)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(thanks_url, {"email": "perhe@example.test"})
    assert sent.status_code == 302
    assert [m.to for m in mail.outbox] == [["perhe@example.test"]]
    assert observation.followup_code in mail.outbox[0].body
    observation.refresh_from_db()
    assert observation.contact_email == "perhe@example.test"
    html = content(client.get(thanks_url))
    assert "Send the code to my email" not in html
    # Once given, the address is not replaced (and no second message is sent).
    again = client.post(thanks_url, {"email": "toinen@example.test"})
    assert again.status_code == 409 and len(mail.outbox) == 1
    # Only the browser that sent the form may ask for the code by email.
    assert Client().post(thanks_url, {"email": "x@example.test"}).status_code == 404


def test_front_page_links_to_what_we_are_developing_now(client, net):
    with translation.override("sv"):
        home = reverse("home")
        developing = reverse("codevelopment:public", args=[net.centre.slug])
    html = content(client.get(home))
    assert developing.startswith("/sv/vi-utvecklar/")
    assert f'href="{developing}"' in html
