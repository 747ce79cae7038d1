from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.utils.encoding import force_str

from .lockout import lockout_key


def site_identity() -> SimpleNamespace:
    """The site as emails name it: the configured name and SITE_URL's host (never the placeholder
    "example.com" of django.contrib.sites' first row)."""
    return SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


def site_absolute_url(path: str) -> str:
    """Absolute links in emails point at SITE_URL, not at whatever host the request came in on."""
    return settings.SITE_URL.rstrip("/") + path


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators (and later by invitation), never by open sign-up."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth's hook for the "login_failed" key: we lock per account and address (see lockout).
        base = super()._get_login_attempts_cache_key(request, **credentials)
        return lockout_key(base, self.get_client_ip(request))

    def format_email_subject(self, subject: str) -> str:
        return f"[{settings.SITE_NAME}] {force_str(subject)}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {**context, "current_site": site_identity()}
        super().send_mail(template_prefix, email, context)

    def get_reset_password_from_key_url(self, key: str) -> str:
        url = super().get_reset_password_from_key_url(key)
        parts = urlsplit(url)
        return site_absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """OpenID Connect (e.g. the county's Entra ID) signs in people whose account already exists with the
    same email; it does not create accounts on its own."""

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def is_auto_signup_allowed(self, request, sociallogin) -> bool:
        return False
