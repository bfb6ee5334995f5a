"""``traction fingertips pull``: pull Fingertips data into the indicators that use it.

The indicators pulled are those of the partnership (``--partnership``, or the only one) whose source is
Fingertips with this indicator id and area type, and, with ``--area``, that area code. The answer is
fetched once for all of them. Exit status 0 when every indicator was stored (changed or unchanged), 1 when
nothing could be pulled (no such indicator, Fingertips unreachable or its answer unreadable: one line on
stderr, and the data stay as they were).
"""

from __future__ import annotations

from io import TextIOBase
from typing import TextIO

from traction.core.models import Partnership

from .models import Indicator, Source
from .services.indicators import PullFailed, indicators_pull

NO_PARTNERSHIP = "there is no partnership with the slug {slug!r}."
WHICH_PARTNERSHIP = "there are {count} partnerships; name one with --partnership SLUG."
NO_INDICATOR = (
    "{partnership} has no Fingertips indicator {indicator} for area type {area_type}{area}; add it on the "
    "Indicators page first (source: OHID Fingertips)."
)
EXIT_OK, EXIT_FAILED = 0, 1
PREFIX = "traction fingertips pull: "


class Refused(Exception):
    pass


def _partnership(slug: str | None) -> Partnership:
    if slug:
        found = Partnership.objects.filter(slug=slug).first()
        if found is None:
            raise Refused(NO_PARTNERSHIP.format(slug=slug))
        return found
    every = list(Partnership.objects.order_by("slug")[:2])
    if len(every) != 1:
        raise Refused(WHICH_PARTNERSHIP.format(count=Partnership.objects.count()))
    return every[0]


def _indicators(
    partnership: Partnership, indicator: int, area_type: int, area: str | None
) -> list[Indicator]:
    found = Indicator.objects.filter(
        partnership=partnership,
        source=Source.FINGERTIPS,
        fingertips_id=indicator,
        fingertips_area_type=area_type,
    ).select_related("partnership")
    if area:
        found = found.filter(area_code__iexact=area.strip())
    chosen = list(found)
    if not chosen:
        where = f" and area {area.upper()}" if area else ""
        raise Refused(
            NO_INDICATOR.format(
                partnership=partnership.name, indicator=indicator, area_type=area_type, area=where
            )
        )
    return chosen


def _say(stream: TextIO | TextIOBase, text: str) -> None:
    stream.write(text + "\n")
    stream.flush()


def run_pull_command(
    *, indicator: int, area_type: int, area: str | None, partnership: str | None,
    out: TextIO | TextIOBase, err: TextIO | TextIOBase,
) -> int:  # fmt: skip
    """Pulls as the operator: the audit trail names no person."""
    try:
        chosen = _indicators(_partnership(partnership), indicator, area_type, area)
        results = indicators_pull(actor=None, indicators=chosen)
    except (Refused, PullFailed) as error:
        _say(err, PREFIX + str(error))
        return EXIT_FAILED
    for found, stored in results:
        _say(out, f"{found.title} ({found.area_code or 'no area'}): {stored}")
    return EXIT_OK
