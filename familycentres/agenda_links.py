"""Links an agenda item can carry to a page of an app above this one (a saved indicator dashboard, for
example). Apps register a source in their AppConfig.ready(); the agenda form offers what the sources give
for the meeting and the person editing it, so this app never imports the apps that link to it."""

from __future__ import annotations

from collections.abc import Callable

# (user, meeting) -> [(site-relative url, label)]
LinkSource = Callable[..., list[tuple[str, str]]]

_sources: dict[str, LinkSource] = {}


def register_link_source(key: str, source: LinkSource) -> None:
    """Registers (or replaces) a source under `key`; registering twice is harmless."""
    _sources[key] = source


def link_choices(user, meeting) -> list[tuple[str, str]]:
    choices: list[tuple[str, str]] = []
    for source in _sources.values():
        choices.extend(source(user, meeting))
    return choices


def is_site_path(url: str) -> bool:
    """Only a path of this site: never another host, a scheme or a protocol-relative address."""
    return url.startswith("/") and not url.startswith("//") and "\\" not in url and len(url) <= 500
