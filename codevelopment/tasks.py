from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Invitation


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_invitation_email(self, invitation_id: int, token: str, language: str = "fi") -> bool:
    """Emails the invitation link. The link carries the token, of which only a hash is stored; a link
    replaced by a newer one (sent again) is not mailed."""
    from .workspace import token_hash

    invitation = (
        Invitation.objects.select_related("process__group", "created_by").filter(pk=invitation_id).first()
    )
    if invitation is None or invitation.token_hash != token_hash(token):
        return False
    if invitation.accepted_at or invitation.revoked_at or invitation.expires_at <= timezone.now():
        return False
    with translation.override(language):
        path = reverse("codevelopment:invitation_accept", kwargs={"token": token})
        context = {
            "invitation": invitation,
            "group": invitation.process.group,
            "inviter": invitation.created_by,
            "accept_url": settings.SITE_URL + path,
            "valid_until": timezone.localtime(invitation.expires_at),
        }
        subject = render_to_string("codevelopment/email/invitation_subject.txt", context).strip()
        body = render_to_string("codevelopment/email/invitation_body.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    except Exception as exc:
        raise self.retry(exc=exc) from exc
    return True
