"""The public "what we are developing now" page of a family centre and its Atom feed. No sign-in, and no
personal data: groups, phenomena, stages and public updates only."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from familycentres.models import FamilyCentre

from . import public

PAGE_SIZE = 20


@require_GET
def developing_now(request, centre: str):
    family_centre = get_object_or_404(FamilyCentre, slug=centre)
    page = Paginator(public.public_page(family_centre), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "family_centre": family_centre,
        "page": page,
        "feed_url": reverse("codevelopment:public_feed", args=[family_centre.slug]),
    }
    return render(request, "codevelopment/public.html", context)


class DevelopingNowFeed(Feed):
    """Public updates and stage changes of the centre's co-development, newest first, as Atom."""

    feed_type = Atom1Feed  # in the page's language: Feed uses the active language by default

    def get_object(self, request, centre: str):
        return get_object_or_404(FamilyCentre, slug=centre)

    def title(self, obj):
        return _("What we are developing now: %(centre)s") % {"centre": obj.name}

    def subtitle(self, obj):
        return _("Public updates and stages of the co-development in the family centre.")

    def link(self, obj):
        return reverse("codevelopment:public", args=[obj.slug])

    def feed_url(self, obj):
        return reverse("codevelopment:public_feed", args=[obj.slug])

    def items(self, obj):
        page = reverse("codevelopment:public", args=[obj.slug])
        return [{**entry, "page": page} for entry in public.feed_entries(obj)]

    def item_title(self, item):
        process = item["process"]
        if item["kind"] == "update":
            return f"{process.group.name}: {item['obj'].title}"
        return _("%(group)s moved to the stage: %(stage)s") % {
            "group": process.group.name,
            "stage": item["obj"].get_stage_display(),
        }

    def item_description(self, item):
        process = item["process"]
        if item["kind"] == "update":
            return item["obj"].body
        return _("Phenomenon: %(title)s") % {"title": process.phenomenon.title}

    def item_link(self, item):
        return f"{item['page']}#process-{item['process'].pk}"

    def item_guid(self, item):
        return f"{item['page']}#{item['kind']}-{item['obj'].pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item["at"]

    def item_updateddate(self, item):
        return item["at"]


developing_now_feed = DevelopingNowFeed()
