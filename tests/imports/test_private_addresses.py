"""The importer reads only sites on the public internet: never the server's own network or a cloud
metadata address, unless a deployment allows private addresses."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils.html import escape
from fakeserver import FakeModernGov

from factories import World
from traction.imports.models import ImportSource
from traction.imports.services import ImportRefused, import_from_site
from traction_analysis.moderngov import ModernGovClient, Politeness, PrivateAddressRefused
from traction_analysis.moderngov.client import is_public_address

QUICK = Politeness(delay=0, backoff=0, timeout=5, retries=0)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fd00::1",
        "::ffff:127.0.0.1",
        "224.0.0.1",
        "not an address",
    ],
)
def test_private_local_and_metadata_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "81.2.69.142", "2a00:1450:4009:80b::200e"])
def test_internet_addresses_are_public(address: str) -> None:
    assert is_public_address(address)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]"])
def test_a_site_on_the_servers_own_network_is_refused_before_any_request(
    moderngov: FakeModernGov, host: str
) -> None:
    port = moderngov.url.rsplit(":", 1)[1]
    client = ModernGovClient(f"http://{host}:{port}", politeness=QUICK)
    with pytest.raises(PrivateAddressRefused):
        client.committees()
    assert moderngov.requests() == []  # the fake site on loopback heard nothing


def test_the_same_site_is_read_when_private_addresses_are_allowed(moderngov: FakeModernGov) -> None:
    client = ModernGovClient(moderngov.url, politeness=QUICK, allow_private=True)
    assert client.committees()


def test_the_import_refuses_a_private_site_with_a_message(
    moderngov: FakeModernGov, world_a: World, settings: Any, secretary: Any
) -> None:
    settings.TRACTION_IMPORT_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(ImportRefused, match="private or local network"):
        import_from_site(
            site=moderngov.url,
            committee_names=["Health and Wellbeing Board"],
            since=None,
            until=None,
            partnership=world_a.partnership,
            actor=secretary,
        )
    assert moderngov.requests() == []
    assert not ImportSource.objects.exists()


def test_the_committees_page_says_why_a_private_site_is_not_read(
    client_for: Any, world_a: World, moderngov: FakeModernGov, settings: Any
) -> None:
    settings.TRACTION_IMPORT_ALLOW_PRIVATE_ADDRESSES = False
    client = client_for("admin")
    slug = world_a.partnership.slug
    client.post(reverse("imports:source-create", kwargs={"slug": slug}), {"site": "http://169.254.169.254"})
    source = ImportSource.objects.get(partnership=world_a.partnership)
    page = client.get(reverse("imports:source-committees", kwargs={"slug": slug, "pk": source.pk}))
    assert page.status_code == 200
    assert escape(PrivateAddressRefused.message) in page.content.decode()
