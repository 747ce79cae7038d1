"""Finding people of the network by name or organisation, for the pickers that replace a list of everyone
(thousands of professionals) with a search as one types."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from core.text import strip_controls

from ..models import Membership

# A name and an organisation are short: a longer query is cut, not refused (it is a search, not a write).
QUERY_MAX_CHARS = 100
QUERY_MAX_WORDS = 5
MATCH_LIMIT = 20


@dataclass
class Person:
    pk: int
    name: str
    title: str
    organisations: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The person as the old list of everyone named them: name and job title."""
        return f"{self.name} ({self.title})" if self.title else self.name


def people_query(value) -> str:
    """The typed query made safe to search with: no NUL or bidi controls, one space between words, at most
    QUERY_MAX_CHARS characters."""
    text = strip_controls(value if isinstance(value, str) else "")
    return " ".join(text.split())[:QUERY_MAX_CHARS]


def _people(candidates, pks: list[int]) -> list[Person]:
    """The people of `pks` that are in `candidates`, in the candidates' order, with their current
    organisations: two queries whatever their number."""
    rows = list(candidates.filter(pk__in=pks).values_list("pk", "full_name", "title"))
    people = {pk: Person(pk=pk, name=name, title=title) for pk, name, title in rows}
    if people:
        organisations = (
            Membership.objects.current()
            .filter(user_id__in=list(people), organisation__isnull=False)
            .values_list("user_id", "organisation__name")
            .distinct()
            .order_by("user_id", "organisation__name")
        )
        for user_id, name in organisations:
            people[user_id].organisations.append(name)
    return [people[pk] for pk, _name, _title in rows]


def people_matching(candidates, query: str, *, limit: int = MATCH_LIMIT) -> tuple[list[Person], bool]:
    """The first `limit` people of `candidates` (a User queryset, its own order kept) whose name, or the
    name of an organisation they currently work for in the network, contains every word of `query`; and
    whether there are more. Two or three queries, however many match."""
    words = people_query(query).split()[:QUERY_MAX_WORDS]
    if not words:
        return [], False
    matches = candidates
    for word in words:
        by_organisation = (
            Membership.objects.current().filter(organisation__name__icontains=word).values("user_id")
        )
        matches = matches.filter(Q(full_name__icontains=word) | Q(pk__in=by_organisation))
    pks = list(matches.values_list("pk", flat=True)[: limit + 1])
    return _people(candidates, pks[:limit]), len(pks) > limit


def people_chosen(candidates, values) -> list[Person]:
    """The people of `candidates` among the submitted ids `values` (a failed submit shows them again,
    checked); ids that are not numbers or not candidates are left out."""
    pks = []
    for value in values:
        try:
            pk = int(value)
        except (TypeError, ValueError):
            continue
        if 0 < pk < 2**63:
            pks.append(pk)
    return _people(candidates, pks[:200]) if pks else []
