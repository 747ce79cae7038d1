# Fills the base forms of existing decisions in batches, each batch in its own transaction, with
# progress. `manage.py search_reindex` does the same later (e.g. after Voikko has been installed).

import sys

from django.db import migrations


def fill(apps, schema_editor):
    from core import finnish
    from core.search import fill_lemmas

    Decision = apps.get_model('phenomena', 'Decision')
    if not Decision.objects.exists():
        return
    if not finnish.available():
        sys.stdout.write(f"\n  {finnish.unavailable_reason()}\n  Indexing words as written; run manage.py search_reindex once Voikko is installed.\n")

    def progress(done, total):
        sys.stdout.write(f"\r  decisions: base forms {done:,}/{total:,}")
        sys.stdout.flush()

    fill_lemmas(Decision, ('reasons',), batch=5000, progress=progress)
    sys.stdout.write("\n")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ('phenomena', '0005_decision_search'),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
