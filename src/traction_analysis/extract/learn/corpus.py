"""Labelled minutes for training and measuring: documents with ``NAME.labels.json`` beside them.

Each label file follows the gold conventions (``shared/data/minutes/README.md``); ``publisher`` and
``family`` group documents for leave-one-publisher-out measurement. Documents whose label files lack
them take them from a ``publishers.json`` manifest in the same folder or passed in (the read-only dev
set has no such fields). Corrections exported by ``traction eval --write`` are label files too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from traction_analysis.extract.batch import document_paths

FORMATS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".xml": "xml",
}


@dataclass(frozen=True, slots=True)
class LabelledDocument:
    path: Path
    labels: dict[str, Any]
    publisher: str
    family: str

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def format(self) -> str:
        return FORMATS.get(self.path.suffix.lower(), self.path.suffix.lower().lstrip("."))


def load_corpus(
    folders: Iterable[Path], manifest: Mapping[str, Mapping[str, str]] | None = None
) -> list[LabelledDocument]:
    """Every labelled document under ``folders`` (recursively), in a stable order."""
    out: list[LabelledDocument] = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        local = dict(manifest or {})
        for listing in sorted(folder.rglob("publishers.json")):
            local.update(json.loads(listing.read_text(encoding="utf-8")))
        for raw in document_paths([folder]):
            path = Path(raw)
            label_file = path.with_name(path.name + ".labels.json")
            if not label_file.exists():
                continue
            labels = json.loads(label_file.read_text(encoding="utf-8"))
            known = local.get(path.name, {})
            publisher = labels.get("publisher") or known.get("publisher") or path.name.split("-2")[0]
            family = labels.get("family") or known.get("family") or "unknown"
            out.append(LabelledDocument(path, labels, str(publisher), str(family)))
    out.sort(key=lambda doc: (doc.publisher, doc.name))
    return out
