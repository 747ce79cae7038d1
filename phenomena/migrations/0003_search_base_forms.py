# The search vector gains the Finnish base forms and compound parts (stored in `lemmas`). PostgreSQL
# cannot change a generated column's expression, so `search` is dropped and added again.

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

import core.search


class Migration(migrations.Migration):

    dependencies = [
        ('phenomena', '0002_implementation_decision'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='phenomenon', name='phenomenon_search_gin'),
        migrations.RemoveField(model_name='phenomenon', name='search'),
        migrations.AddField(
            model_name='phenomenon',
            name='lemmas',
            field=models.TextField(blank=True, db_default='', default='', editable=False, verbose_name='base forms'),
        ),
        migrations.AddField(
            model_name='phenomenon',
            name='search',
            field=models.GeneratedField(db_persist=True, expression=core.search.stored_vector('title', 'description'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddIndex(
            model_name='phenomenon',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search'], name='phenomenon_search_gin'),
        ),
    ]
