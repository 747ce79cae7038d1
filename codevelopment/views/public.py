"""The public "what we are developing now" page of a family centre and its Atom feed. No sign-in, and no
personal data: groups, phenomena, stages and public updates only."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from familycentres.models import FamilyCentre

from ..charts import metric_chart
from ..selectors import public

PAGE_SIZE = 20


@require_GET
def developing_now(request, centre: str):
    family_centre = get_object_or_404(FamilyCentre, slug=centre)
    page = Paginator(public.public_page(family_centre), PAGE_SIZE).get_page(request.GET.get("page"))
    for process in page.object_list:
        for metric in process.public_metrics:
            metric.point_list = list(metric.points.all())
            metric.chart = metric_chart(metric, metric.point_list)
    context = {
        "family_centre": family_centre,
        "page": page,
        "feed_url": reverse("codevelopment:public_feed", args=[family_centre.slug]),
    }
    return render(request, "codevelopment/public.html", context)


class DevelopingNowFeed(Feed):
    """Public updates and stage changes of the centre's co-development, newest first, as Atom, in the
    language of the address (Feed takes the active language)."""

    feed_type = Atom1Feed
    item_guid_is_permalink = False

    def get_object(self, request, centre: str):
        family_centre = get_object_or_404(FamilyCentre, slug=centre)
        # The page's absolute address travels with the object: entry ids must be absolute and the feed
        # instance is shared between requests, so nothing per-request is kept on it.
        page = request.build_absolute_uri(reverse("codevelopment:public", args=[family_centre.slug]))
        return {"centre": family_centre, "page": page}

    def title(self, obj):
        return _("What we are developing now: %(centre)s") % {"centre": obj["centre"].name}

    def subtitle(self, obj):
        return _("Public updates and stages of the co-development in the family centre.")

    def link(self, obj):
        return obj["page"]

    def feed_url(self, obj):
        return reverse("codevelopment:public_feed", args=[obj["centre"].slug])

    def items(self, obj):
        return [{**entry, "page": obj["page"]} for entry in public.feed_entries(obj["centre"])]

    def item_title(self, item):
        process = item["process"]
        if item["kind"] == "update":
            return f"{process.group.name}: {item['obj'].title}"
        return _("%(group)s moved to the stage: %(stage)s") % {
            "group": process.group.name,
            "stage": item["obj"].get_stage_display(),
        }

    def item_description(self, item):
        # Atom's summary is HTML: the typed plain text is escaped here, line breaks kept.
        if item["kind"] == "update":
            return linebreaksbr(item["obj"].body, autoescape=True)
        return escape(_("Phenomenon: %(title)s") % {"title": item["process"].phenomenon.title})

    def item_link(self, item):
        return f"{item['page']}#process-{item['process'].pk}"

    def item_guid(self, item):
        return f"{item['page']}#{item['kind']}-{item['obj'].pk}"

    def item_pubdate(self, item):
        return item["at"]

    def item_updateddate(self, item):
        return item["at"]


developing_now_feed = DevelopingNowFeed()
