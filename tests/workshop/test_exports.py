"""Exports of a tree and of a shared picture: SVG, PNG, PDF and JSON that open as what they claim to be."""

from __future__ import annotations

import io
import json
from typing import Any

import pypdfium2 as pdfium
import pytest
from django.urls import reverse
from lxml import etree
from PIL import Image

from factories import World
from traction.core.models import Role

from . import kit

FORMATS = {"svg": "image/svg+xml", "png": "image/png", "pdf": "application/pdf", "json": "application/json"}


def _get(client: Any, prefix: str, fmt: str, pk: int, slug: str) -> Any:
    response = client.get(reverse(f"workshop:{prefix}-export-{fmt}", kwargs={"slug": slug, "pk": pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS[fmt]
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


@pytest.mark.parametrize("prefix", ["tree", "picture"])
def test_every_export_opens(prefix: str, world_a: World, client_for: Any) -> None:
    tree = kit.world_tree(world_a)
    pk = tree.pk if prefix == "tree" else kit.world_picture(world_a).pk
    client = client_for(Role.FACILITATOR)
    slug = world_a.partnership.slug
    svg = etree.fromstring(_get(client, prefix, "svg", pk, slug))
    assert svg.get("role") == "img" and svg.find("{http://www.w3.org/2000/svg}title").text == tree.title
    words = " ".join(" ".join(svg.itertext()).split())  # wrapped labels: one <text> per line
    assert "Decisions are not followed through" in words and "Residents wait longer for help" in words
    png = Image.open(io.BytesIO(_get(client, prefix, "png", pk, slug)))
    assert png.format == "PNG" and png.width > 300 and png.height > 200
    pdf = pdfium.PdfDocument(_get(client, prefix, "pdf", pk, slug))
    try:
        assert len(pdf) == 1
        text = pdf[0].get_textpage().get_text_range()
        assert "Decisions are not followed" in text
    finally:
        pdf.close()
    payload = json.loads(_get(client, prefix, "json", pk, slug))
    assert {n["label"] for n in payload["nodes"]} == set(tree.nodes.values_list("label", flat=True))
    assert len(payload["links"]) == (tree.links.count() if prefix == "tree" else 0)


def test_the_tree_json_says_what_stands_behind_each_node(world_a: World, client_for: Any) -> None:
    tree = kit.world_tree(world_a)
    payload = json.loads(
        _get(client_for(Role.FACILITATOR), "tree", "json", tree.pk, world_a.partnership.slug)
    )
    assert payload["k"] == 3 and payload["kind"] == "problem"
    assert all(c["inference"] for c in payload["citations"].values())
    assert {(link["from"], link["to"]) for link in payload["links"]} == set(
        tree.links.values_list("source_id", "target_id")
    )


def test_members_download_the_picture_but_not_the_tree(world_a: World, client_for: Any) -> None:
    member = client_for(Role.MEMBER)
    slug = world_a.partnership.slug
    assert _get(member, "picture", "svg", kit.world_picture(world_a).pk, slug)
    response = member.get(
        reverse("workshop:tree-export-json", kwargs={"slug": slug, "pk": kit.world_tree(world_a).pk})
    )
    assert response.status_code == 404
