from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory
from codevelopment import filetypes, services
from codevelopment.models import Document
from codevelopment.tests.factories import decided
from core.models import AccessLogEntry, AuditEvent
from familycentres.models import Membership
from familycentres.tests.factories import GroupFactory, MembershipFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(entries: list[tuple[str, bytes]], first_stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n, (name, data) in enumerate(entries):
            method = zipfile.ZIP_STORED if (first_stored and n == 0) else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


def _ooxml(main: str) -> bytes:
    return _zip([("[Content_Types].xml", b"<Types/>"), ("_rels/.rels", b"<Relationships/>"), (main, b"<x/>")])


def _odf(kind: str) -> bytes:
    return _zip(
        [("mimetype", f"application/vnd.oasis.opendocument.{kind}".encode()), ("content.xml", b"<x/>")],
        first_stored=True,
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def process():
    decision, chair = decided()
    made = services.process_open_from_decision(actor=chair, decision=decision)
    made.chair = chair
    return made


def _url(process):
    return reverse("codevelopment:documents", args=[process.pk])


def _upload(client, process, content: bytes, name="liite.pdf", content_type="application/pdf", title="Liite"):
    return client.post(
        _url(process), {"title": title, "file": SimpleUploadedFile(name, content, content_type)}
    )


def _stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _member(process, role=Membership.Role.MEMBER):
    return MembershipFactory(group=process.group, role=role).user


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (PDF, "muistio.pdf", filetypes.PDF),
        (PNG, "kuva.png", filetypes.PNG),
        (JPEG, "kuva.jpg", filetypes.JPEG),
        (_ooxml("word/document.xml"), "raportti.docx", filetypes.DOCX),
        (_ooxml("xl/workbook.xml"), "taulukko.xlsx", filetypes.XLSX),
        (_ooxml("ppt/presentation.xml"), "esitys.pptx", filetypes.PPTX),
        (_odf("text"), "teksti.odt", filetypes.ODT),
        (_odf("spreadsheet"), "laskelma.ods", filetypes.ODS),
        (_odf("presentation"), "kalvot.odp", filetypes.ODP),
        ("Tämä on muistiinpano.\n".encode(), "muistiinpano.txt", filetypes.TEXT),
        # The name and the browser's type do not matter; the content does.
        (PDF, "kuva.png", filetypes.PDF),
    ],
)
def test_member_uploads_accepted_types(client, process, media, content, name, expected):
    user = _member(process)
    client.force_login(user)
    response = _upload(client, process, content, name=name, content_type="application/octet-stream")
    assert response.status_code == 302
    document = Document.objects.get(process=process)
    assert document.content_type == expected
    assert document.original_name == name
    assert document.size == len(content)
    assert document.created_by == user
    # Stored under MEDIA_ROOT with a random name, never the original one.
    stored = _stored_files(media)
    assert len(stored) == 1 and stored[0].read_bytes() == content
    assert name not in str(stored[0]) and stored[0].is_relative_to(media)
    assert AuditEvent.objects.filter(action="codevelopment.document_upload").exists()
    assert process.log_entries.filter(text__contains="Liite").exists()


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 40, "ohjelma.exe", "application/octet-stream"),
        (b"<html><script>alert(1)</script></html>\x00", "liite.pdf", "application/pdf"),
        (_zip([("readme.txt", b"hi")]), "paketti.docx", "application/zip"),
        (_zip([("[Content_Types].xml", b"<Types/>"), ("other.xml", b"")]), "x.docx", "application/zip"),
        (_zip([("mimetype", b"application/epub+zip")], first_stored=True), "kirja.odt", "application/zip"),
        (b"PK\x03\x04 not really a zip", "broken.xlsx", "application/zip"),
        (b"teksti\x00jossa NUL", "teksti.txt", "text/plain"),
        (b"\xff\xfe latin \xe4", "teksti.txt", "text/plain"),
        (b"GIF89a" + b"\x00" * 10, "kuva.gif", "image/gif"),
    ],
)
def test_other_content_refused_with_message_naming_accepted_types(
    client, process, media, content, name, content_type
):
    client.force_login(process.chair)
    response = _upload(client, process, content, name=name, content_type=content_type)
    assert response.status_code == 400
    error = response.context["form"].errors["file"][0]
    assert "PDF" in error and "docx" in error and "odt" in error
    assert response.context["form"]["title"].value() == "Liite"
    assert not Document.objects.exists()
    assert _stored_files(media) == []


def test_too_large_refused_before_storing(client, process, media, settings):
    settings.DOCUMENT_MAX_BYTES = 20
    client.force_login(process.chair)
    response = _upload(client, process, PDF)
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not Document.objects.exists() and _stored_files(media) == []


def test_empty_and_missing_file_and_title(client, process, media):
    client.force_login(process.chair)
    assert _upload(client, process, b"", name="tyhja.txt").status_code == 400
    assert client.post(_url(process), {"title": "Ei tiedostoa"}).status_code == 400
    assert _upload(client, process, PDF, title="").status_code == 400
    assert _upload(client, process, PDF, title="x\x00" * 300).status_code == 400
    assert not Document.objects.exists() and _stored_files(media) == []


def test_professional_outside_group_cannot_upload(client, process):
    client.force_login(UserFactory())
    response = client.get(_url(process))
    assert response.status_code == 200 and response.context["form"] is None
    assert 'type="file"' not in response.content.decode()
    assert _upload(client, process, PDF).status_code == 403
    assert not Document.objects.exists()


def test_client_representative_member_can_upload(client, process):
    client.force_login(_member(process, Membership.Role.CLIENT_REPRESENTATIVE))
    assert _upload(client, process, PDF).status_code == 302


def test_outsider_client_representative_and_anonymous(client, process):
    document = services.document_upload(
        actor=process.chair, process=process, title="Liite", upload=SimpleUploadedFile("a.pdf", PDF)
    )
    download = reverse("codevelopment:document_download", args=[process.pk, document.pk])
    response = client.get(download)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(
        MembershipFactory(group=GroupFactory(), role=Membership.Role.CLIENT_REPRESENTATIVE).user
    )
    assert client.get(_url(process)).status_code == 404
    assert client.get(download).status_code == 404
    assert _upload(client, process, PDF).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_download_headers_and_access_log(client, process):
    name = 'Raportti "syksy"\r\nX-Evil: 1 äö.pdf'
    document = services.document_upload(
        actor=process.chair,
        process=process,
        title="Raportti",
        upload=SimpleUploadedFile(name, PDF, "text/html"),
    )
    assert "\r" not in document.original_name and "\n" not in document.original_name
    reader = _member(process, Membership.Role.CLIENT_REPRESENTATIVE)
    client.force_login(reader)
    response = client.get(reverse("codevelopment:document_download", args=[process.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" in disposition and "X-Evil" not in response.headers
    assert "\n" not in disposition and '"syksy"' not in disposition
    entry = AccessLogEntry.objects.get()
    assert entry.user == reader and entry.object_id == str(document.pk) and entry.kind == "read"


def test_download_of_another_process_document_is_404(client, process):
    other_decision, other_chair = decided()
    other = services.process_open_from_decision(actor=other_chair, decision=other_decision)
    document = services.document_upload(
        actor=other_chair, process=other, title="Muu", upload=SimpleUploadedFile("a.pdf", PDF)
    )
    client.force_login(process.chair)
    assert (
        client.get(reverse("codevelopment:document_download", args=[process.pk, document.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("codevelopment:document_download", args=[process.pk, 999999])).status_code == 404
    )


def test_delete_by_uploader_with_confirmation_removes_file_after_commit(
    client, process, media, django_capture_on_commit_callbacks
):
    uploader = _member(process)
    document = services.document_upload(
        actor=uploader, process=process, title="Liite", upload=SimpleUploadedFile("a.pdf", PDF)
    )
    url = reverse("codevelopment:document_delete", args=[process.pk, document.pk])
    client.force_login(uploader)
    response = client.get(url)
    assert response.status_code == 200 and "Liite" in response.text
    assert len(_stored_files(media)) == 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url)
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert len(_stored_files(media)) == 1  # still there until the commit
    for callback in callbacks:
        callback()
    assert _stored_files(media) == []
    assert AuditEvent.objects.filter(action="codevelopment.document_delete").exists()


def test_delete_by_coordinator_and_denied_to_other_member(
    client, process, media, django_capture_on_commit_callbacks
):
    document = services.document_upload(
        actor=_member(process), process=process, title="Liite", upload=SimpleUploadedFile("a.pdf", PDF)
    )
    url = reverse("codevelopment:document_delete", args=[process.pk, document.pk])
    client.force_login(_member(process))
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    client.force_login(UserFactory(staff=False))
    assert client.post(url).status_code == 403
    client.force_login(process.chair)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert _stored_files(media) == []


def test_list_query_count_same_for_few_and_many(client, process):
    uploader = _member(process)
    client.force_login(uploader)
    services.document_upload(
        actor=uploader, process=process, title="D0", upload=SimpleUploadedFile("a.pdf", PDF)
    )
    client.get(_url(process))
    with CaptureQueriesContext(connection) as few:
        client.get(_url(process))
    for n in range(1, 12):
        services.document_upload(
            actor=process.chair, process=process, title=f"D{n}", upload=SimpleUploadedFile("a.pdf", PDF)
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url(process))
    assert len(response.context["page"].object_list) == 12
    assert len(many) == len(few)
