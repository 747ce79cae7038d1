"""The one error path of the pages: a view runs a service through `attempt`, and a broken rule comes back
as a form error (what was typed is kept) or a message, with the status the API would give (400 or 409).
`get_visible_or_404` and `get_for_edit` are the two ways a page fetches a protected record;
`private_file_download` serves an uploaded file to one who may read it."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count, Window
from django.http import FileResponse, Http404
from django.shortcuts import render

from .audit import access_log_record
from .errors import DomainError
from .pii import check_pieces, remove

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)


@dataclass
class Outcome(Generic[T]):
    """What a service call gave a page: `ok` and its `result`, or the refusal and its HTTP `status`."""

    ok: bool
    result: T | None = None
    error: DomainError | None = None

    @property
    def status(self) -> int:
        return self.error.status_code if self.error is not None else 200


def attempt(
    request,
    action: Callable[[], T],
    *,
    form=None,
    success: str | None = None,
) -> Outcome[T]:
    """Runs `action` (a service call). On success adds the `success` message; on a DomainError adds the
    error to `form` (through DomainErrorMixin, or as a non-field error) or, without a form, as an error
    message. PermissionDenied and Http404 pass through to Django's own handling."""
    try:
        result = action()
    except DomainError as exc:
        if form is not None:
            if hasattr(form, "add_domain_error"):
                form.add_domain_error(exc)
            else:
                form.add_error(None, exc.message)
        else:
            messages.error(request, exc.message)
        return Outcome(ok=False, error=exc)
    if success:
        messages.success(request, success)
    return Outcome(ok=True, result=result)


def page_of(request, items, size: int, *, paginator: type[Paginator] = Paginator, **options) -> Page:
    """The page of `items` that `?page=` asks for (the last one for a number past the end, the first for
    anything that is not a number); `paginator=KeysFirstPaginator` where the matches are costly to find.
    `options` go to the paginator (KeysFirstPaginator's `rows`)."""
    return paginator(items, size, **options).get_page(request.GET.get("page"))


class KeysFirstPaginator(Paginator):
    """A paginator for a queryset whose matches are costly to find (a full-text search, filters that no
    index answers). Django's Paginator finds them twice: once for COUNT(*) and once more for the page.
    This one finds them once: the page's primary keys in order, each with the number of all matches
    beside it (`count(*) OVER ()`), then reads those rows with the queryset's joins and prefetches. Same
    pages, same order, same behaviour for a page number past the end or not a number (the last page, the
    first page); only there does it count separately.

    `rows`, when given, is where the page's rows are read from by their ids: the same records with the
    same joins, prefetches and annotations as `object_list`, without its costly conditions (a search's
    match), which would otherwise be evaluated a second time only to admit ids that already passed them.
    SECURITY: `rows` keeps the visibility rule of `object_list` (it only ever reads ids that
    `object_list` gave, and the rule is checked again)."""

    TOTAL = "_keys_first_total"

    def __init__(self, object_list, per_page, *, rows=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if self.orphans:
            raise ValueError("KeysFirstPaginator does not support orphans")
        self.rows = rows

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number >= 1:
            page = self._counted_page(number)
            if page is not None:
                return page
        return super().get_page(number)

    def _counted_page(self, number: int) -> Page | None:
        bottom = (number - 1) * self.per_page
        keys = list(
            self.object_list.prefetch_related(None)
            .annotate(**{self.TOTAL: Window(Count("*"))})
            .values_list("pk", self.TOTAL)[bottom : bottom + self.per_page]
        )
        if not keys:
            if number > 1 or not self.allow_empty_first_page:
                return None  # past the end: Paginator counts and gives the last page
            self.__dict__["count"] = 0
            return self._get_page([], number, self)
        self.__dict__["count"] = keys[0][1]
        ids = [pk for pk, _ in keys]
        source = self.object_list if self.rows is None else self.rows
        rows = {o.pk: o for o in source.order_by().filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


class KeysPaginator(Paginator):
    """Pages of a list of primary keys already in their order (a bounded set of matches found and ordered
    in one statement, a few thousand at most): a page reads only its own rows, from the queryset `rows`
    (with its joins and prefetches), in the list's order."""

    def __init__(self, keys, per_page, *, rows, **kwargs):
        super().__init__(list(keys), per_page, **kwargs)
        self.rows = rows

    def _get_page(self, object_list, number, paginator):
        ids = list(object_list)
        found = {o.pk: o for o in self.rows.order_by().filter(pk__in=ids)} if ids else {}
        return super()._get_page([found[pk] for pk in ids if pk in found], number, paginator)


def render_page(
    request, template: str, context: dict[str, Any], *, partial: str | None = None, status: int = 200
):
    """Renders the page, or only `partial` of it when htmx asks (`template#partial`)."""
    name = f"{template}#{partial}" if partial and getattr(request, "htmx", False) else template
    return render(request, name, context, status=status)


def _visible_queryset(source, user):
    qs = source if isinstance(source, models.QuerySet) else source._default_manager.all()
    manager_qs = type(qs.model)._default_manager
    if hasattr(qs, "visible_to"):
        return qs.visible_to(user)
    if hasattr(manager_qs, "visible_to"):
        return qs & manager_qs.visible_to(user)
    raise TypeError(f"{qs.model.__name__} has no visible_to(user)")


def get_visible_or_404(source: type[M] | models.QuerySet, user, **lookup) -> M:
    """The record if `user` may see it (through the model's `visible_to`), else 404: what you may not see
    does not exist for you."""
    qs = _visible_queryset(source, user)
    try:
        return qs.get(**lookup)
    except (ValueError, TypeError, models.ObjectDoesNotExist):
        # An id of the wrong type (from a hand-written URL) is as unknown as a missing one.
        raise Http404 from None


def get_for_edit(
    source: type[M] | models.QuerySet, user, permission: Callable[[Any, M], bool], **lookup
) -> M:
    """A record `user` may see (else 404) and may change by `permission(user, obj)` (else 403)."""
    obj = get_visible_or_404(source, user, **lookup)
    if not permission(user, obj):
        raise PermissionDenied
    return obj


# Longer texts are checked on save; the live check stops here so that a paste cannot make it slow.
LIVE_CHECK_MAX_CHARS = 20_000


def personal_data_check_response(request, max_chars: int = LIVE_CHECK_MAX_CHARS):
    """The live check's answer (core/_personal_data_check.html): the text with its personal data marked,
    and the text without it for the "remove" button; nothing when nothing was found. Shared with the
    families' open form, which has its own address and limits."""

    text = ""
    for name in ("text", "body", "reasons", "description", "answer"):
        if name in request.POST:
            text = request.POST.get(name, "").replace("\x00", "")[:max_chars]
            break
    pieces, kinds = check_pieces(text)
    context = {"pieces": pieces, "kinds": kinds, "without": remove(text) if kinds else ""}
    return render(request, "core/_personal_data_check.html", context)


# A stored content type is sent only when it looks like one; anything else goes as plain bytes.
_CONTENT_TYPE = re.compile(r"[\w.+-]+/[\w.+-]+")


def private_file_download(request, readable: Callable[[Any], models.Model], *, purpose: str) -> FileResponse:
    """The uploaded file of a record (its `file`, `original_name` and `content_type`) as an attachment, never
    from the web root. `readable(user)` is the caller's permission check: it returns the record the user may
    read or raises (Http404 for what they may not see). A missing file is a 404; the read is access-logged
    with `purpose`. The name loses control characters and path parts, the type falls back to
    application/octet-stream, and the browser is told not to sniff or run it."""
    record = readable(request.user)
    if not record.file:
        raise Http404
    try:
        handle = record.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    access_log_record(user=request.user, kind="read", obj=record, purpose=purpose)
    name = "".join(ch for ch in (record.original_name or "") if ch.isprintable())
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or os.path.basename(record.file.name)
    content_type = record.content_type if _CONTENT_TYPE.fullmatch(record.content_type or "") else None
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type=content_type or "application/octet-stream"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
