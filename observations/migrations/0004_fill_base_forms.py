# Fills the base forms of existing observations in batches, each batch in its own transaction, with
# progress. `manage.py search_reindex` does the same later (e.g. after Voikko has been installed).

import sys

from django.db import migrations


def fill(apps, schema_editor):
    from core import finnish
    from core.search import fill_lemmas

    Observation = apps.get_model('observations', 'Observation')
    if not Observation.objects.exists():
        return
    if not finnish.available():
        sys.stdout.write(f"\n  {finnish.unavailable_reason()}\n  Indexing words as written; run manage.py search_reindex once Voikko is installed.\n")

    def progress(done, total):
        sys.stdout.write(f"\r  observations: base forms {done:,}/{total:,}")
        sys.stdout.flush()

    fill_lemmas(Observation, ('text',), batch=5000, progress=progress)
    sys.stdout.write("\n")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('observations', '0003_search_base_forms'),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
