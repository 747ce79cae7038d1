"""Personal-data detection now lives in `core.pii` (shared by every app); these names stay importable
from here for the code that already uses them."""

from core.pii import KIND_LABELS, Finding, find_personal_data, personal_data_kinds, redact

__all__ = ["KIND_LABELS", "Finding", "find_personal_data", "personal_data_kinds", "redact"]
