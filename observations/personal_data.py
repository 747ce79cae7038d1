"""observations' part of a person's data export: the observations they wrote and their notes."""

from __future__ import annotations

from .models import EnrichmentNote, Observation


def written_by(user) -> dict:
    observations = Observation.objects.filter(author=user).select_related("area").order_by("created_at", "pk")
    notes = EnrichmentNote.objects.filter(created_by=user).order_by("created_at", "pk")
    return {
        "observations": [
            {
                "id": o.pk,
                "created_at": o.created_at,
                "observed_on": o.observed_on,
                "text": o.text,
                "area": o.area.name if o.area else None,
                "status": o.status,
            }
            for o in observations
        ],
        "notes": [
            {"observation": n.observation_id, "created_at": n.created_at, "text": n.text} for n in notes
        ],
    }
