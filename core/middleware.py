from __future__ import annotations

from django.core.exceptions import BadRequest
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import add_never_cache_headers

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


class PrivateNoStoreMiddleware:
    """Every response to a signed-in request is `Cache-Control: no-store` unless the view set its own
    Cache-Control: pages and API answers for a signed-in person carry personal or client data, which
    must not stay in a shared computer's browser cache or in a proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        # SECURITY: DRF writes the user it authenticated (session or token) back onto the HttpRequest,
        # so API answers are covered too; an Authorization header alone counts as signed in.
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            add_never_cache_headers(response)
        return response


class JsonGZipMiddleware(GZipMiddleware):
    """Compresses JSON answers (the API) for clients that accept gzip: the network map's and the service
    map's JSON are hundreds of kilobytes and shrink to a tenth. HTML pages are left alone: they carry the
    CSRF token (on `<body>`, for htmx) beside text a visitor can make them reflect, which is what BREACH
    needs to read a secret through compression. The JSON answers carry no token or other secret (the
    calendar feed's secret is never in the API)."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith("application/json"):
            return response
        return super().process_response(request, response)
