"""One error path: services raise these; the API maps them to 400/409, pages to a form error."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule was broken. The message is shown to the user, so it is translated."""

    status_code = 400

    def __init__(self, message, *, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


class ConflictError(DomainError):
    """The state changed under the caller (a concurrent write won, or a transition is not allowed)."""

    status_code = 409
