"""The document type checks now live in core.filetypes (phenomena checks uploads too); kept for the names
this app and the apps above it import from here."""

from core.filetypes import (  # noqa: F401
    DEFAULT_DOCUMENT_MAX_BYTES,
    DOCX,
    JPEG,
    ODP,
    ODS,
    ODT,
    PDF,
    PNG,
    PPTX,
    TEXT,
    XLSX,
    accepted_types_text,
    detect_content_type,
    document_max_bytes,
    safe_file_name,
)
