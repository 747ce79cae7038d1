"""Rendering a template to PDF with WeasyPrint (agendas, minutes, plans, reports)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

PDF_VARIANT = "pdf/ua-1"


def _url_fetcher(url: str, *args, **kwargs):
    # SECURITY: PDFs may only load our own static files; no network fetches while rendering.
    from weasyprint.urls import default_url_fetcher

    if url.startswith(settings.STATIC_URL) or url.startswith("/static/"):
        path = finders.find(url.removeprefix(settings.STATIC_URL))
        if path:
            return default_url_fetcher("file://" + path)
    if url.startswith("data:"):
        return default_url_fetcher(url)
    raise ValueError(f"blocked resource in PDF: {url}")


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    # Tagged PDF/UA-1: headings, lists and tables become a structure tree a screen reader can follow,
    # and the document language comes from the template's <html lang>. Public bodies must publish
    # accessible documents, so every PDF of the platform is made this way.
    return HTML(string=html, base_url="/", url_fetcher=_url_fetcher).write_pdf(pdf_variant=PDF_VARIANT)


def pdf_response(template_name: str, context: dict, filename: str, request=None) -> HttpResponse:
    response = HttpResponse(
        render_pdf(template_name, context, request=request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
