"""Exports of a tree or a shared picture for the awayday: SVG, PDF (WeasyPrint), PNG (the PDF rendered by
pdfium) and JSON."""

from __future__ import annotations

import io
import json
from typing import Any
from xml.sax.saxutils import escape

from . import tree as pure

PNG_SCALE = 2.0


def svg_bytes(tree: pure.Tree) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + pure.svg(tree)).encode()


def _page(tree: pure.Tree) -> str:
    plan = pure.layout(tree)
    # One page the size of the drawing, so the PNG is the diagram and nothing else.
    width, height = plan.width, plan.height + 40
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{escape(tree.title)}</title>'
        f"<style>@page {{ size: {width:.0f}px {height:.0f}px; margin: 0 }} body {{ margin: 0; "
        "font-family: Arial, sans-serif } h1 { font-size: 16px; margin: 8px 24px 0 }</style></head>"
        f"<body><h1>{escape(tree.title)}</h1>{pure.svg(tree)}</body></html>"
    )


def pdf_bytes(tree: pure.Tree) -> bytes:
    from weasyprint import HTML

    return HTML(string=_page(tree)).write_pdf()


def png_bytes(tree: pure.Tree) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes(tree))
    try:
        image = document[0].render(scale=PNG_SCALE).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG")
        return out.getvalue()
    finally:
        document.close()


def json_bytes(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, indent=2, ensure_ascii=False).encode()
