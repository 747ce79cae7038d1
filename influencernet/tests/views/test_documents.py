from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AccessLogEntry

from ...models import MatterDocument
from ..factories import open_matter, world

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(name, w, *args):
    return reverse(f"influencernet:{name}", args=[w.network.slug, *args])


def test_handler_adds_document_members_download_with_access_log(client):
    w = world(1)
    other = world(1)
    matter = open_matter(w)
    upload = SimpleUploadedFile("tausta.pdf", PDF, content_type="application/pdf")
    client.force_login(w.reps[0])
    assert (
        client.post(
            _url("matter_document_add", w, matter.pk), {"title": "Tausta", "file": upload}
        ).status_code
        == 403
    )
    client.force_login(w.secretary)
    upload.seek(0)
    response = client.post(_url("matter_document_add", w, matter.pk), {"title": "Tausta", "file": upload})
    assert response.status_code == 302
    document = MatterDocument.objects.get()
    assert document.content_type == "application/pdf" and document.original_name == "tausta.pdf"
    client.force_login(w.reps[0])
    download = client.get(_url("matter_document_download", w, matter.pk, document.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"
    assert AccessLogEntry.objects.filter(kind="read").count() == 1
    client.force_login(other.reps[0])
    assert client.get(_url("matter_document_download", w, matter.pk, document.pk)).status_code == 404


def test_document_of_unknown_type_refused_and_title_kept(client):
    w = world(1)
    matter = open_matter(w)
    client.force_login(w.coordinator)
    upload = SimpleUploadedFile("x.exe", b"MZ\x90\x00\x03binary", content_type="application/pdf")
    response = client.post(
        _url("matter_document_add", w, matter.pk), {"title": "Ohjelma <b>", "file": upload}
    )
    assert response.status_code == 400
    assert "Ohjelma &lt;b&gt;" in response.content.decode()
    assert not MatterDocument.objects.exists()
