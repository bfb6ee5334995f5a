"""A partnership's papers are unique by their bytes: duplicates made before are merged into the oldest.

Before this, a paper added on a meeting's page and the same file uploaded through intake became two
rows. The oldest row is kept; the agenda items that cited a duplicate cite it instead, and it takes the
duplicate's meeting, author and counts where it had none. The duplicates' files stay on disk (a file
is never deleted by a migration); their rows go.
"""

from django.db import migrations, models


def merge_duplicate_papers(apps, schema_editor):
    Paper = apps.get_model("governance", "Paper")
    groups = (
        Paper.objects.exclude(sha256="")
        .values("partnership_id", "sha256")
        .annotate(n=models.Count("id"))
        .filter(n__gt=1)
    )
    for group in groups:
        keeper, *duplicates = Paper.objects.filter(
            partnership_id=group["partnership_id"], sha256=group["sha256"]
        ).order_by("created_at", "id")
        for duplicate in duplicates:
            keeper.items.add(*duplicate.items.all())
            for field in ("meeting_id", "author_organisation_id", "pages", "words"):
                if getattr(keeper, field) is None and getattr(duplicate, field) is not None:
                    setattr(keeper, field, getattr(duplicate, field))
            duplicate.delete()
        keeper.save()
    if schema_editor.connection.vendor == "postgresql":
        # The deletes queued deferred foreign-key checks; PostgreSQL will not build the unique index
        # below while they are pending in the same transaction, so run them now.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("governance", "0004_topicconfirmation"),
    ]

    operations = [
        migrations.AddField(
            model_name="paper",
            name="read_error",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(merge_duplicate_papers, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="paper",
            constraint=models.UniqueConstraint(
                condition=models.Q(("sha256", ""), _negated=True),
                fields=("partnership", "sha256"),
                name="governance_paper_sha256_unique",
            ),
        ),
    ]
