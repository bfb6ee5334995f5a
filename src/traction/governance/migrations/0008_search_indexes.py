"""GIN indexes for full-text search on PostgreSQL: agenda items (title, resolution) and actions (text, minute
reference), on the very expressions that search filters by (``SearchVector(..., config="english")``).

They are not in the models' ``Meta.indexes``: SQLite cannot build them, and a table SQLite rebuilds would try
to. On SQLite this migration does nothing.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# (model, index name, fields): the fields as governance.models ITEM_SEARCH_FIELDS / ACTION_SEARCH_FIELDS
# had them when this migration was written.
INDEXES = (
    ("agendaitem", "agendaitem_search", ("title", "resolution")),
    ("action", "action_search", ("text", "minute_reference")),
)


def _indexes(apps):
    for model_name, name, fields in INDEXES:
        yield (
            apps.get_model("governance", model_name),
            GinIndex(SearchVector(*fields, config="english"), name=name),
        )


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.add_index(model, index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model, index in _indexes(apps):
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [("governance", "0007_workflow_source_backfill")]

    operations = [migrations.RunPython(create, drop)]
