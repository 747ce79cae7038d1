"""The family centre's response reaching the members that answered, by email, once per member. The in-app
notification and the ResponseDelivery rows are written with the response (services.matters.matter_respond);
this sends the emails after the commit, each claimed with a conditional UPDATE so it goes at most once."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..models import ResponseDelivery
from .common import member_emails


def response_emails_send(*, matter_id: int) -> int:
    sent = 0
    for delivery_id in ResponseDelivery.objects.filter(
        matter_id=matter_id, emailed_at__isnull=True
    ).values_list("pk", flat=True):
        now = timezone.now()
        if (
            ResponseDelivery.objects.filter(pk=delivery_id, emailed_at__isnull=True).update(emailed_at=now)
            != 1
        ):
            continue
        delivery = ResponseDelivery.objects.select_related("matter__family_centre", "member").get(
            pk=delivery_id
        )
        recipients = member_emails(delivery.member)
        if not recipients:
            continue
        try:
            with translation.override(settings.LANGUAGE_CODE):
                context = {
                    "matter": delivery.matter,
                    "member": delivery.member,
                    "url": settings.SITE_URL + delivery.matter.get_absolute_url(),
                }
                subject = render_to_string("influencernet/email/response_subject.txt", context).strip()
                body = render_to_string("influencernet/email/response_body.txt", context)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        except Exception:
            ResponseDelivery.objects.filter(pk=delivery_id, emailed_at=now).update(emailed_at=None)
            raise
        sent += 1
    return sent
