"""Recognising an uploaded document's type from its content (its first bytes and, for zip-based office
files, the zip's own table of contents), never from its name or the browser's content type."""

from __future__ import annotations

import os
import unicodedata
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TEXT = "text/plain; charset=utf-8"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"

# The main part of an Office Open XML package names what it is.
_OOXML_MAIN_PARTS = {
    "word/document.xml": DOCX,
    "xl/workbook.xml": XLSX,
    "ppt/presentation.xml": PPTX,
}
_OPENDOCUMENT = {ODT, ODS, ODP}
_TEXT_CHUNK = 64 * 1024
DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


def _zip_type(fileobj) -> str | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            entries = archive.infolist()
            if not entries:
                return None
            names = {info.filename for info in entries}
            if "[Content_Types].xml" in names:
                for part, content_type in _OOXML_MAIN_PARTS.items():
                    if part in names:
                        return content_type
                return None
            first = entries[0]
            # OpenDocument: the first entry is an uncompressed "mimetype" holding the type.
            if first.filename == "mimetype" and first.file_size <= 100:
                with archive.open(first) as handle:
                    declared = handle.read(100).decode("ascii", "replace").strip()
                if declared in _OPENDOCUMENT:
                    return declared
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return None
    return None


def _is_utf8_text(fileobj) -> bool:
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    fileobj.seek(0)
    try:
        while True:
            chunk = fileobj.read(_TEXT_CHUNK)
            if not chunk:
                decoder.decode(b"", final=True)
                return True
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
    except UnicodeDecodeError:
        return False


def detect_content_type(fileobj) -> str | None:
    """The content type of an accepted document, or None. Reads the file from its start; leaves it there."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return PNG
        if head.startswith(b"\xff\xd8\xff"):
            return JPEG
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(fileobj)
        if head and _is_utf8_text(fileobj):
            return TEXT
        return None
    finally:
        fileobj.seek(0)


def document_max_bytes() -> int:
    return int(getattr(settings, "DOCUMENT_MAX_BYTES", DEFAULT_DOCUMENT_MAX_BYTES))


def safe_file_name(name: str) -> str:
    """The original name, for showing and for the download's name only: no folders, no control
    characters, at most 255 characters."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().strip(".")
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: 250 - len(ext)] + dot + ext) if dot and len(ext) <= 10 else name[:255]
    return name or "document"


def accepted_types_text() -> str:
    return _(
        "PDF, PNG or JPEG images, Word, Excel or PowerPoint files (docx, xlsx, pptx), OpenDocument files "
        "(odt, ods, odp) or plain text (UTF-8)"
    )
