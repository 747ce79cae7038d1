"""core.pages.private_file_download: the caller's check decides, the read is logged, and the name and type
sent are safe whatever was stored."""

from __future__ import annotations

import io

import pytest
from django.http import Http404
from django.test import RequestFactory

from accounts.tests.factories import UserFactory
from core.models import AccessLogEntry, Notification
from core.pages import private_file_download

pytestmark = pytest.mark.django_db


class StoredFile:
    def __init__(self, name: str, data: bytes | None):
        self.name, self.data = name, data

    def __bool__(self) -> bool:
        return bool(self.name)

    def open(self, mode: str):
        if self.data is None:
            raise FileNotFoundError(self.name)
        return io.BytesIO(self.data)


def _record(user, *, name="decisions/other/abc123", data=b"%PDF-1.4", original_name="", content_type=""):
    # Any saved record will do; the download reads only its file, name and type.
    record = Notification.objects.create(recipient=user, verb="test", text="x")
    record.file = StoredFile(name, data)
    record.original_name, record.content_type = original_name, content_type
    return record


def _get(user, readable):
    request = RequestFactory().get("/")
    request.user = user
    return private_file_download(request, readable, purpose="test: download")


def test_served_as_an_attachment_logged_with_its_name_and_type():
    user = UserFactory()
    record = _record(user, original_name="Päätös.pdf", content_type="application/pdf")
    response = _get(user, lambda u: record)
    assert b"".join(response.streaming_content) == b"%PDF-1.4"
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and "P%C3%A4%C3%A4t%C3%B6s.pdf" in (response["Content-Disposition"])
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    entry = AccessLogEntry.objects.get()
    assert entry.user == user and entry.kind == "read" and entry.purpose == "test: download"


def test_unsafe_name_and_type_are_replaced():
    user = UserFactory()
    record = _record(user, original_name="../../etc/pass\r\nwd.txt", content_type="text/html\r\nX-Evil: 1")
    response = _get(user, lambda u: record)
    assert response["Content-Type"] == "application/octet-stream"
    disposition = response["Content-Disposition"]
    assert "passwd.txt" in disposition and ".." not in disposition and "\n" not in disposition
    trailing = _get(user, lambda u: _record(user, content_type="text/html\n"))
    assert trailing["Content-Type"] == "application/octet-stream"
    blank = _get(user, lambda u: _record(user))
    assert blank["Content-Type"] == "application/octet-stream" and "abc123" in blank["Content-Disposition"]


def test_the_callers_check_decides_and_a_missing_file_is_not_found():
    user = UserFactory()

    def hidden(u):
        raise Http404

    with pytest.raises(Http404):
        _get(user, hidden)
    with pytest.raises(Http404):
        _get(user, lambda u: _record(user, name=""))
    with pytest.raises(Http404):
        _get(user, lambda u: _record(user, data=None))
    assert not AccessLogEntry.objects.exists()
