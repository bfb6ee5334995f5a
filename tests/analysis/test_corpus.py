"""The labelled training corpus (shared/corpus): every label file well formed, sourced, and listed."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from traction_analysis.extract.model import OUTCOMES

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
LABELS = sorted(CORPUS.rglob("*.labels.json"))
FAMILIES = {"council", "nhs", "parish", "us-canada", "ireland", "other-public"}
FORMATS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".txt": "txt",
    ".xml": "xml",
}
# Kept for an independent check of the engine: nothing from these may be in the corpus.
RESERVED = {
    "City-Bureau/city-scrapers-cle",
    "CountCulture/OpenlyLocal",
    "FarronF/limerick-council-meetings",
    "Gloucester-City-Council/GCC-MCP-Pilot",
    "Govan-Community/govan-website",
    "OpenDemocracyManitoba/Winnipeg-Hansard-Parser",
    "al26152/Langchain",
    "andymabb/mscc",
    "ccorcos/focs",
    "chilinhhovo/auto_update_web",
    "explorience/open-council",
    "lovell/stokeferry.com",
    "lusavkaedu/council-assistant",
    "nhscymru/website",
    "vestalux/sljekyll",
    "washabstract/city-scrapers-ca",
}


def test_the_corpus_is_there() -> None:
    assert len(LABELS) >= 60


@pytest.mark.parametrize("path", LABELS, ids=[p.name for p in LABELS])
def test_label_file_is_well_formed(path: Path) -> None:
    labels = json.loads(path.read_text(encoding="utf-8"))
    document = path.with_name(path.name[: -len(".labels.json")])
    assert document.exists(), "the labelled document lies beside its labels"
    source = labels["source"]
    assert (
        source["repo"].count("/") == 1 and source["path"] and re.fullmatch(r"[0-9a-f]{40}", source["commit"])
    )
    assert source["repo"] not in RESERVED
    assert labels["publisher"] and labels["family"] in FAMILIES
    assert labels["format"] == FORMATS[document.suffix.lower()]
    assert labels["notes"] and isinstance(labels["partial"], bool)
    assert labels["items"], "a labelled document records at least one item"
    for item in labels["items"]:
        assert item["title"] and item["outcome"] in OUTCOMES
        assert item["number"] is None or isinstance(item["number"], str)
        for action in item.get("actions") or []:
            assert action["text"]
            if action.get("due"):
                date.fromisoformat(action["due"])


def test_no_publisher_has_more_than_three_documents_and_the_readme_lists_each() -> None:
    publishers = Counter(json.loads(p.read_text(encoding="utf-8"))["publisher"] for p in LABELS)
    assert max(publishers.values()) <= 3
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for path in LABELS:
        assert f"{path.parent.name}/{path.name[: -len('.labels.json')]}" in readme
