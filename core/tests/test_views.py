from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core import finnish

pytestmark = pytest.mark.django_db

URL = "personal_data_check"


def test_live_check_is_for_signed_in_users_only(client):
    response = client.post(reverse(URL), {"text": "Poikani Eetun luokalla"})
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_live_check_refuses_get(client):
    client.force_login(UserFactory())
    assert client.get(reverse(URL)).status_code == 405


@pytest.mark.skipif(not finnish.available(), reason=finnish.unavailable_reason() or "no Voikko")
def test_live_check_marks_the_name(client):
    client.force_login(UserFactory())
    body = client.post(reverse(URL), {"text": "Poikani Eetun luokalla kiusataan"}).content.decode()
    assert '<mark class="pii-mark"' in body
    assert ">Eetun<" in body


def test_live_check_marks_a_phone_number_and_escapes_html(client):
    client.force_login(UserFactory())
    body = client.post(reverse(URL), {"text": "<b>Soita</b> 040 123 4567"}).content.decode()
    assert "040 123 4567" in body and "pii-mark" in body
    assert "<b>" not in body and "&lt;b&gt;" in body


def test_live_check_says_nothing_for_ordinary_text(client):
    client.force_login(UserFactory())
    body = client.post(reverse(URL), {"text": "Tampereella on pitkät jonot"}).content.decode()
    assert body.strip() == ""


def test_live_check_reads_the_reasons_field_and_odd_input(client):
    client.force_login(UserFactory())
    assert "pii-mark" in client.post(reverse(URL), {"reasons": "a@b.fi kertoi"}).content.decode()
    assert client.post(reverse(URL), {"text": "\x00" + "x" * 50_000}).status_code == 200
    assert client.post(reverse(URL), {}).status_code == 200
