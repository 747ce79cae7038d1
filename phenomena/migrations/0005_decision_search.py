# Decisions' reasons are searched like observations and phenomena: stems and Finnish base forms.

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

import core.search


class Migration(migrations.Migration):

    dependencies = [
        ('phenomena', '0004_fill_base_forms'),
    ]

    operations = [
        migrations.AddField(
            model_name='decision',
            name='lemmas',
            field=models.TextField(blank=True, db_default='', default='', editable=False, verbose_name='base forms'),
        ),
        migrations.AddField(
            model_name='decision',
            name='search',
            field=models.GeneratedField(db_persist=True, expression=core.search.stored_vector('reasons'), output_field=django.contrib.postgres.search.SearchVectorField()),
        ),
        migrations.AddIndex(
            model_name='decision',
            index=django.contrib.postgres.indexes.GinIndex(fields=['search'], name='decision_search_gin'),
        ),
    ]
