"""The ``traction`` command line.

Analysis commands work on files and need no database, so nothing here imports Django; commands
that need the web app's database can be added as further subcommands that set Django up
themselves, inside their handler.

    traction extract FILE_OR_FOLDER... [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from traction_analysis.extract import MeetingExtract

NO_DOCUMENTS = "traction extract: no documents found in {inputs}"
NONE_READ = "traction extract: none of the {count} documents could be read"
Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="traction",
        description="Traction: from papers to action. Analysis commands run on files and need no database.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_extract(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except BrokenPipeError:
        # The reader of our output went away (``| head``); stop quietly like other Unix tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


# --- traction extract ---------------------------------------------------------------------------

def _add_extract(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "extract",
        help="extract agenda items, outcomes and actions from minutes",
        description=(
            "Read minutes (PDF, Word .docx, HTML, text, Markdown or ModernGov XML) and print, per document, "
            "its agenda items with their outcome and actions. Folders are walked; label files, READMEs and "
            "hidden files are skipped. Exit status is 1 only when no document could be read."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER", help="documents, or folders of them")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object per document per line (the evaluation format)")
    parser.set_defaults(handler=command_extract)


def command_extract(args: argparse.Namespace) -> int:
    from traction_analysis.extract.batch import document_paths, extract_many

    paths = document_paths(args.paths)
    if not paths:
        print(NO_DOCUMENTS.format(inputs=" ".join(args.paths)), file=sys.stderr)
        return 1
    progress = _Progress(len(paths), sys.stderr)
    read = 0
    for done, (path, result) in enumerate(extract_many(paths), start=1):
        progress.show(done, Path(path).name)
        if isinstance(result, Exception):
            _print_error(Path(path).name, str(result), as_json=args.json)
            continue
        read += 1
        print(result.to_json() if args.json else render_summary(result), flush=True)
        progress.redraw()
    progress.finish()
    if not read:
        print(NONE_READ.format(count=len(paths)), file=sys.stderr)
        return 1
    return 0


def _print_error(name: str, message: str, *, as_json: bool) -> None:
    if as_json:
        print(json.dumps({"document": name, "error": message}, ensure_ascii=False), flush=True)
    else:
        print(f"{name}: could not be read: {message}\n", flush=True)


def render_summary(result: MeetingExtract) -> str:
    """A readable summary: the meeting, then each item with its outcome and actions."""
    when = result.meeting_date.isoformat() if result.meeting_date else "date not found"
    head = f"{result.document} — {result.body or 'body not found'}, {when}"
    if result.pages:
        head += f", {result.pages} pages"
    lines = [head, f"{len(result.items)} items"]
    for item in result.items:
        number = f"{item.number} " if item.number else ""
        lines.append(f"  {number}{item.title} [{item.outcome}]")
        for action in item.actions:
            extras = [f"owner: {action.owner}" if action.owner else "",
                      f"due: {action.due.isoformat()}" if action.due else ""]
            detail = "; ".join(extra for extra in extras if extra)
            lines.append(f"    action: {action.text}" + (f" ({detail})" if detail else ""))
    return "\n".join(lines) + "\n"


class _Progress:
    """A one-line progress bar on stderr, for several files and only when stderr is a terminal."""

    WIDTH = 24

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.enabled = total > 1 and stream.isatty()
        self.last = ""

    def show(self, done: int, name: str) -> None:
        if not self.enabled:
            return
        filled = self.WIDTH * done // self.total
        self.last = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{self.total} {name[:40]}"
        self.stream.write("\r\033[K" + self.last)
        self.stream.flush()
        self.stream.write("\r\033[K")  # cleared before stdout prints, so output and bar do not mix

    def redraw(self) -> None:
        if self.enabled and self.last:
            self.stream.write("\r" + self.last)
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


if __name__ == "__main__":
    sys.exit(main())
