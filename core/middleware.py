from __future__ import annotations

from django.core.exceptions import BadRequest

# Longer query strings are no legitimate use of any page or endpoint here.
MAX_QUERY_STRING = 4096


class QueryStringGuardMiddleware:
    """Turns a huge or malformed query string into a clear 400 page instead of odd errors deeper down
    (PostgreSQL rejects NUL characters in text, for example)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.META.get("QUERY_STRING", "")
        if len(raw) > MAX_QUERY_STRING:
            raise BadRequest("query string too long")
        if "%00" in raw or "\x00" in raw:
            raise BadRequest("NUL in query string")
        try:
            for values in request.GET.lists():
                for value in values[1]:
                    if "\x00" in value:
                        raise BadRequest("NUL in query string")
        except UnicodeDecodeError as exc:
            raise BadRequest("query string is not UTF-8") from exc
        return self.get_response(request)
