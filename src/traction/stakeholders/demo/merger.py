"""The demo's merger scenario, shared by every area's demo: the county and five district councils of
Riverside become one unitary council, served by four locality boards.

The county and Eastbrook District Council are already in the governance record's demo; the other four
districts and the new council are added here (once, whichever area asks first).
"""

from __future__ import annotations

from traction.core.models import Partnership
from traction.governance.models import Organisation, OrganisationKind

COUNTY = "Riverside County Council"
DISTRICTS = (
    "Eastbrook District Council",
    "Northmoor District Council",
    "Southvale District Council",
    "Westbridge Borough Council",
    "Kingsford District Council",
)
UNITARY = "Riverside Council"
LOCALITIES = (
    ("North Riverside", "E06000901"),
    ("South Riverside", "E06000902"),
    ("East Riverside", "E06000903"),
    ("West Riverside", "E06000904"),
)


def organisations(partnership: Partnership) -> dict[str, Organisation]:
    """The county, the five districts and the new unitary council, by name (created where missing)."""
    found = {}
    for name in (COUNTY, *DISTRICTS, UNITARY):
        found[name], _ = Organisation.objects.get_or_create(
            partnership=partnership, name=name, defaults={"kind": OrganisationKind.COUNCIL}
        )
    return found
