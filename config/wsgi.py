import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def _freeze_startup_objects() -> None:
    """Imports what every worker needs anyway (the URL configuration imports every view module), then
    moves all objects alive now to the collector's permanent generation (`gc.freeze()`). A full
    collection walks every tracked object of the process, about 200,000 after start-up; pages that
    build thousands of rows (the network map, the service map's JSON) set one off every few requests,
    and that request took hundreds of milliseconds longer. Frozen objects are never walked again;
    what start-up made lives as long as the worker anyway."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports the URL configuration and its views
    gc.collect()
    gc.freeze()


_freeze_startup_objects()
