"""The admin app with the platform's admin site (sign-in only through allauth, MFA required). In a module of
its own: an apps module with two AppConfig classes would make Django choose between them."""

from django.contrib.admin.apps import AdminConfig


class IlmioAdminConfig(AdminConfig):
    default_site = "accounts.admin_site.AdminSite"
