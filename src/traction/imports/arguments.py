"""The import command's arguments, shared by ``traction import moderngov`` and ``manage.py import_moderngov``.

No Django here: the ``traction`` command line builds its parser before Django is set up.
"""

from __future__ import annotations

from typing import Any

PARAMETERS = {
    "site": "the council's ModernGov site, such as https://democracy.example.gov.uk (only this host is read)",
    "committee": "a committee's title as the site lists it; repeat for several",
    "since": "the first meeting date to import (YYYY-MM-DD); needed the first time a site is imported",
    "until": "the last meeting date to import (YYYY-MM-DD); default: a year ahead, for scheduled meetings",
    "partnership": "the partnership's slug (may be left out when there is only one)",
    "user": "the account the import is recorded as, and whose review queue gets the minutes; without it "
    "the structure is imported and the minutes wait for a run with a user",
}


def add_arguments(parser: Any, date_type: Any) -> None:
    parser.add_argument("site", metavar="URL", help=PARAMETERS["site"])
    parser.add_argument(
        "--committee", action="append", required=True, metavar="NAME", help=PARAMETERS["committee"]
    )
    parser.add_argument("--since", type=date_type, metavar="YYYY-MM-DD", help=PARAMETERS["since"])
    parser.add_argument("--until", type=date_type, metavar="YYYY-MM-DD", help=PARAMETERS["until"])
    parser.add_argument("--partnership", metavar="SLUG", help=PARAMETERS["partnership"])
    parser.add_argument("--user", metavar="USERNAME", help=PARAMETERS["user"])
