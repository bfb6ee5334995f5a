"""Reading a council's ModernGov web service: committees, meetings, agenda items, papers, attendance.

Pure Python (no Django): :class:`ModernGovClient` fetches politely from one host, and ``parse_*``
turn the service's XML into plain dataclasses. The web app's importer writes them to the record.
"""

from traction_analysis.moderngov.client import (
    USER_AGENT,
    Answer,
    ModernGovClient,
    Politeness,
    Validators,
    normalise_site,
)
from traction_analysis.moderngov.errors import (
    BadSiteAddress,
    ModernGovError,
    NotTheWebService,
    PrivateAddressRefused,
    RedirectRefused,
    ResponseTooLarge,
    SiteError,
    SiteRefused,
    SiteTimedOut,
    SiteUnreachable,
)
from traction_analysis.moderngov.parse import (
    AgendaEntry,
    Attendee,
    Committee,
    LinkedDocument,
    MeetingRecord,
    MeetingSummary,
    parse_committees,
    parse_date,
    parse_meeting,
    parse_meetings,
    parse_time,
    public_minutes_xml,
)

__all__ = [
    "USER_AGENT",
    "AgendaEntry",
    "Answer",
    "Attendee",
    "BadSiteAddress",
    "Committee",
    "LinkedDocument",
    "MeetingRecord",
    "MeetingSummary",
    "ModernGovClient",
    "ModernGovError",
    "NotTheWebService",
    "Politeness",
    "PrivateAddressRefused",
    "RedirectRefused",
    "ResponseTooLarge",
    "SiteError",
    "SiteRefused",
    "SiteTimedOut",
    "SiteUnreachable",
    "Validators",
    "normalise_site",
    "parse_committees",
    "parse_date",
    "parse_meeting",
    "parse_meetings",
    "parse_time",
    "public_minutes_xml",
]
