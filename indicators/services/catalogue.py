"""The catalogue: indicators read from Sotkanet's list, the default package of family-relevant indicators,
and each family centre's own package."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.imports import ImportRejected
from core.models import ImportRun

from ..models import Indicator, PackageEntry
from ..permissions import can_edit_package
from . import parsing
from .http import FetchFailed, fetch
from .imports import failed_fetch, recorded_run

# The family-relevant Sotkanet indicators: (id, Finnish, Swedish, English, value type, decimals).
DEFAULT_PACKAGE = [
    ("127", "Väestö, lkm", "Befolkning, antal", "Population", "COUNT", 0),
    (
        "7",
        "0–6-vuotiaat, % väestöstä",
        "0–6-åringar, % av befolkningen",
        "Aged 0–6, % of population",
        "PROS",
        1,
    ),
    (
        "74",
        "Yhden vanhemman perheet, % lapsiperheistä",
        "Ensförälderfamiljer, % av barnfamiljerna",
        "Single-parent families, % of families with children",
        "PROS",
        1,
    ),
    (
        "1086",
        "Lastensuojeluilmoituksen koskeneet 0–17-vuotiaat, % vastaavan ikäisestä väestöstä",
        "0–17-åringar som berörs av en barnskyddsanmälan, % av befolkningen i samma ålder",
        "Children aged 0–17 with a child welfare notification, % of the same age",
        "PROS",
        1,
    ),
    (
        "1245",
        "Lastensuojelun avohuollon tukitoimien piirissä 0–17-vuotiaana vuoden aikana olleet, % vastaavan ikäisestä väestöstä",
        "0–17-åringar inom barnskyddets öppenvård under året, % av befolkningen i samma ålder",
        "Children aged 0–17 in open-care child welfare support during the year, % of the same age",
        "PROS",
        1,
    ),
    (
        "4",
        "Psykiatrian laitoshoidon 0–17-vuotiaat potilaat / 1 000 vastaavan ikäistä",
        "Patienter 0–17 år inom psykiatrisk anstaltsvård / 1 000 i samma ålder",
        "Children aged 0–17 in psychiatric inpatient care per 1,000 of the same age",
        "PER1000",
        1,
    ),
    (
        "242",
        "Kohtalainen tai vaikea masentuneisuus, % 8. ja 9. luokan oppilaista",
        "Måttlig eller svår depression, % av eleverna i årskurs 8 och 9",
        "Moderate or severe depression, % of pupils in grades 8 and 9",
        "PROS",
        1,
    ),
    (
        "1514",
        "Koulukiusattuna vähintään kerran viikossa, % 8. ja 9. luokan oppilaista",
        "Mobbad i skolan minst en gång i veckan, % av eleverna i årskurs 8 och 9",
        "Bullied at school at least weekly, % of pupils in grades 8 and 9",
        "PROS",
        1,
    ),
    (
        "3904",
        "Ei syö koululounasta päivittäin, % 8. ja 9. luokan oppilaista",
        "Äter inte skollunch dagligen, % av eleverna i årskurs 8 och 9",
        "No daily school lunch, % of pupils in grades 8 and 9",
        "PROS",
        1,
    ),
    (
        "3905",
        "Liikkuu rasittavasti korkeintaan tunnin viikossa, % 8. ja 9. luokan oppilaista",
        "Motionerar ansträngande högst en timme i veckan, % av eleverna i årskurs 8 och 9",
        "Strenuous exercise at most 1 hour a week, % of pupils in grades 8 and 9",
        "PROS",
        1,
    ),
    (
        "3219",
        "Koulutuksen ulkopuolelle jääneet 17–24-vuotiaat, % vastaavan ikäisestä väestöstä",
        "17–24-åringar utanför utbildning, % av befolkningen i samma ålder",
        "Aged 17–24 outside education, % of the same age",
        "PROS",
        1,
    ),
]


@transaction.atomic
def default_package_ensure() -> list[Indicator]:
    """The default package in the catalogue (idempotent; names already imported from the source are
    kept)."""
    indicators = []
    for source_id, fi, sv, en, value_type, decimals in DEFAULT_PACKAGE:
        indicator, created = Indicator.objects.get_or_create(
            source=Indicator.Source.SOTKANET,
            source_id=source_id,
            defaults={
                "title_fi": fi,
                "title_sv": sv,
                "title_en": en,
                "value_type": value_type,
                "decimals": decimals,
                "in_default_package": True,
                "schedule": Indicator.Schedule.WEEKLY,
            },
        )
        if not created and not indicator.in_default_package:
            indicator.in_default_package = True
            indicator.save(update_fields=["in_default_package", "updated_at"])
        indicators.append(indicator)
    return indicators


def sotkanet_catalogue_apply(run: ImportRun, items) -> None:
    """Sotkanet's `/indicators` list into the catalogue: new indicators added, names kept up to date."""
    if not isinstance(items, list) or not items:
        raise ImportRejected(_("The indicator list is empty or not a list."))
    existing = {i.source_id: i for i in Indicator.objects.filter(source=Indicator.Source.SOTKANET)}
    creates, updates = [], []
    for number, item in enumerate(items, start=1):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("id"), int)
            or not isinstance(item.get("title"), dict)
        ):
            raise parsing.RowErrors([(number, _("an indicator needs a numeric id and a title"))])
        titles = {
            lang: strip_tags(str(item["title"].get(lang) or "")).strip()[:300] for lang in ("fi", "sv", "en")
        }
        if not titles["fi"]:
            titles["fi"] = titles["en"] or titles["sv"] or str(item["id"])
        found = existing.get(str(item["id"]))
        if found is None:
            creates.append(
                Indicator(
                    source=Indicator.Source.SOTKANET,
                    source_id=str(item["id"]),
                    **{f"title_{k}": v for k, v in titles.items()},
                )
            )
        elif any(getattr(found, f"title_{k}") != v for k, v in titles.items() if v):
            for k, v in titles.items():
                if v:
                    setattr(found, f"title_{k}", v)
            updates.append(found)
    Indicator.objects.bulk_create(creates, batch_size=2000)
    Indicator.objects.bulk_update(updates, ["title_fi", "title_sv", "title_en"], batch_size=2000)
    run.rows_read = len(items)
    run.rows_created = len(creates)
    run.rows_updated = len(updates)
    run.detail = {**run.detail, "unchanged": len(items) - len(creates) - len(updates)}


def sotkanet_catalogue_fetch(*, actor=None) -> ImportRun:
    try:
        data = fetch(f"{settings.SOTKANET_BASE_URL.rstrip('/')}/indicators")
    except FetchFailed as exc:
        return failed_fetch(source="sotkanet", kind="catalogue", actor=actor, reason=str(exc))

    def body(run):
        try:
            items = json.loads(parsing.decode_text(data))
        except ValueError:
            raise ImportRejected(_("The file is not valid JSON.")) from None
        sotkanet_catalogue_apply(run, items)

    return recorded_run(source="sotkanet", kind="catalogue", actor=actor, body=body)


@transaction.atomic
def package_add(*, actor, family_centre, indicator: Indicator) -> PackageEntry:
    if not can_edit_package(actor, family_centre):
        raise PermissionDenied
    entry, created = PackageEntry.objects.get_or_create(
        family_centre=family_centre, indicator=indicator, defaults={"created_by": actor}
    )
    if created:
        audit_record(
            actor=actor, action="indicators.package_add", obj=entry, after={"indicator": indicator.pk}
        )
    return entry


@transaction.atomic
def package_remove(*, actor, family_centre, indicator: Indicator) -> None:
    if not can_edit_package(actor, family_centre):
        raise PermissionDenied
    entry = (
        PackageEntry.objects.select_for_update()
        .filter(family_centre=family_centre, indicator=indicator)
        .first()
    )
    if entry is not None:
        audit_record(
            actor=actor, action="indicators.package_remove", obj=entry, after={"indicator": indicator.pk}
        )
        entry.delete()


@transaction.atomic
def indicator_schedule_set(*, actor, indicator: Indicator, schedule: str) -> Indicator:
    from ..permissions import can_run_imports

    if not can_run_imports(actor):
        raise PermissionDenied
    if schedule not in Indicator.Schedule.values:
        from core.errors import DomainError

        raise DomainError(_("Choose a schedule from the list."), code="schedule")
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if indicator.schedule != schedule:
        audit_record(
            actor=actor,
            action="indicators.schedule",
            obj=indicator,
            before={"schedule": indicator.schedule},
            after={"schedule": schedule},
        )
        indicator.schedule = schedule
        indicator.save(update_fields=["schedule", "updated_at"])
    return indicator
