"""Why a ModernGov site could not be read, in words a board secretary can act on."""

from __future__ import annotations


class ModernGovError(Exception):
    """The site or its answer could not be used. ``str(error)`` is a plain message."""

    message = "The ModernGov site could not be read."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class SiteUnreachable(ModernGovError):
    message = "The site could not be reached. Check the address and that the site is up."


class SiteTimedOut(ModernGovError):
    message = "The site did not answer in time, even after retrying. It may be busy; try again later."


class SiteRefused(ModernGovError):
    message = (
        "The site refused the request. Some councils block automated access or have the "
        "ModernGov web service turned off; ask the council's democratic services team."
    )


class SiteError(ModernGovError):
    message = "The site answered with an error, even after retrying."


class NotTheWebService(ModernGovError):
    message = (
        "The site did not answer as the ModernGov web service does (mgWebService.asmx). "
        "The service may be turned off, or this is not a ModernGov site."
    )


class RedirectRefused(ModernGovError):
    message = "The site redirected to another host; only the site entered is read."


class ResponseTooLarge(ModernGovError):
    message = "The site's answer was larger than the importer accepts."


class BadSiteAddress(ModernGovError):
    message = "Enter the site's address, such as https://democracy.example.gov.uk."


class PrivateAddressRefused(ModernGovError):
    message = (
        "The site's address leads to a private or local network address (such as 10.x, 192.168.x, "
        "127.0.0.1 or a cloud metadata address); only public sites are read. A deployment that must "
        "import from a site inside its own network can allow it (TRACTION_IMPORT_ALLOW_PRIVATE_ADDRESSES)."
    )
