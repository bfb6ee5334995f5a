"""Write the demo partnerships' agenda items as a labelled topic-linking set (bench/topics/demo.json).

The gold topic of each item is the topic its spec gives it (``TopicSpec.slug`` in
``traction.governance.demo``): the spec's authors decided by hand which items are one subject. The
linking under test never sees it. The demo is built for a fixed "today", so the file is stable:

    DATABASE_URL=sqlite:////tmp/topics-demo.sqlite3 uv run python manage.py migrate --skip-checks --run-syncdb
    DATABASE_URL=sqlite:////tmp/topics-demo.sqlite3 uv run python bench/topics/export_demo.py
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from pathlib import Path

TODAY = datetime.date(2026, 6, 1)
OUT = Path(__file__).with_name("demo.json")


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traction.config.settings")
    import django

    django.setup()
    from traction.governance.demo.loader import load_demo
    from traction.governance.models import AgendaItem

    load_demo(reset=True, today=TODAY)
    rows = (
        AgendaItem.objects.filter(meeting__status="held")
        .select_related("meeting__body", "partnership")
        .order_by("partnership__slug", "meeting__start", "meeting__body__name", "order")
    )
    items = [
        {
            "id": f"{item.partnership.slug}-{n}",
            "set": item.partnership.slug,
            "body": item.meeting.body.name,
            "meeting_date": item.meeting.date.isoformat(),
            "number": item.number,
            "title": item.title,
            "resolution": item.resolution,
            "outcome": item.outcome,
            "papers": sorted(p.title for p in item.papers.all()),
            "topic": item.topic or None,
        }
        for n, item in enumerate(rows, start=1)
    ]
    OUT.write_text(
        json.dumps(
            {
                "source": "the demo partnerships of traction.governance.demo, built for "
                f"{TODAY.isoformat()}; gold topic: the spec's topic slug",
                "items": items,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"{len(items)} items written to {OUT}")


if __name__ == "__main__":
    main()
