"""Shared writes: in-app notifications and their email digests."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification


@transaction.atomic
def notification_send(
    *,
    actor,
    recipients: Iterable,
    verb: str,
    text: str | Callable[[], str],
    url: str = "",
    key: str = "",
) -> list[Notification]:
    """Tells each recipient something in the app; the hourly digest emails what stays unread.
    The actor is never notified of their own action.

    `text` may be a callable returning the translated text: it is then rendered in each recipient's own
    language. With a `key` a recipient gets the notification only once, however often the same event is
    sent (a retried task, a second save): the rows already there are left as they are."""
    actor_id = getattr(actor, "pk", None)
    seen: set[int] = set()
    users = []
    for user in recipients:
        if user.pk in seen or user.pk == actor_id or not user.is_active:
            continue
        seen.add(user.pk)
        users.append(user)
    key = key[:200]
    if key and users:
        already = set(
            Notification.objects.filter(key=key, recipient_id__in=[u.pk for u in users]).values_list(
                "recipient_id", flat=True
            )
        )
        users = [u for u in users if u.pk not in already]
    rows = []
    for user in users:
        if callable(text):
            with translation.override(getattr(user, "language", "") or settings.LANGUAGE_CODE):
                rendered = str(text())
        else:
            rendered = str(text)
        rows.append(
            Notification(
                recipient=user,
                verb=verb,
                text=rendered[:500],
                url=url,
                key=key,
                created_by=actor if actor_id else None,
            )
        )
    # The unique (recipient, key) constraint settles a race between two senders of the same event.
    return Notification.objects.bulk_create(rows, ignore_conflicts=bool(key))


@transaction.atomic
def notifications_mark_read(*, actor, ids: Iterable[int] | None = None) -> int:
    # SECURITY: only the recipient's own notifications are touched, whatever ids are sent.
    qs = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


def _claim_digest(user_id: int) -> list[Notification]:
    """Marks the user's unread, un-emailed notifications as emailed and returns them. Rows locked by a
    concurrent run are skipped, so two runs never email the same notification."""
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(recipient_id=user_id, read_at__isnull=True, emailed_at__isnull=True)
            .order_by("created_at")
        )
        if rows:
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=timezone.now())
    return rows


def notification_digest_send(*, user) -> int:
    """Emails one digest of what the user has not read yet. Returns how many notifications it held."""
    rows = _claim_digest(user.pk)
    if not rows or not user.email:
        return 0
    with translation.override(user.language or settings.LANGUAGE_CODE):
        context = {"user": user, "notifications": rows, "site_url": settings.SITE_URL}
        subject = render_to_string("core/email/digest_subject.txt", context).strip()
        body = render_to_string("core/email/digest_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    except Exception:
        # Not sent: release the claim so the next run tries again.
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=None)
        raise
    return len(rows)
