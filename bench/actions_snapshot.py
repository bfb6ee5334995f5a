"""The actions the whole pipeline finds in every labelled document, as JSON, for diffing two versions.

    uv run python bench/actions_snapshot.py OUT.json [FOLDER ...]

Default folders: shared/corpus, bench/heldout and ../shared/data/minutes (those present). Each
document's items are listed with their actions (text, owner, due), so a refactoring of the action
finder can be checked to change nothing: run before and after, then ``diff`` the two files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (
    ROOT / "shared" / "corpus",
    ROOT / "bench" / "heldout",
    ROOT.parent / "shared" / "data" / "minutes",
)


def labelled(folders: list[Path]) -> list[Path]:
    """Documents that sit beside a ``.labels.json`` file, sorted within each folder."""
    return [
        label.with_name(label.name.removesuffix(".labels.json"))
        for folder in folders
        if folder.is_dir()
        for label in sorted(folder.rglob("*.labels.json"))
    ]


def snapshot(path: Path) -> list[dict[str, object]]:
    from traction_analysis.extract.engine import extract
    from traction_analysis.ingest import read

    result = extract(read(path))
    return [
        {
            "item": item.title,
            "actions": [[a.text, a.owner, a.due.isoformat() if a.due else None] for a in item.actions],
        }
        for item in result.items
    ]


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    folders = [Path(arg) for arg in argv[1:]] or list(FOLDERS)
    found = {str(path.relative_to(path.anchor)): snapshot(path) for path in labelled(folders)}
    out.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    actions = sum(len(item["actions"]) for items in found.values() for item in items)
    print(f"{len(found)} documents, {actions} actions -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
