"""The ``traction`` command line.

Analysis commands work on files and need no database, so nothing here imports Django; commands
that need the web app's database can be added as further subcommands that set Django up
themselves, inside their handler.

    traction extract FILE_OR_FOLDER... [--json]
    traction diagnose FILE_OR_FOLDER... [--html report.html] [--json] [--from DATE] [--to DATE] [--as-of DATE]
    traction import moderngov URL --committee NAME [--committee NAME…] [--since DATE] [--until DATE]
        [--partnership SLUG] [--user USERNAME]   (writes to the web app's database)
    traction fingertips pull --indicator ID --area-type ID [--area CODE] [--partnership SLUG]
        (writes to the web app's database)
    traction eval --partnership SLUG [--per-doc] [--json] [--write FOLDER]   (reads the web app's database)
    traction backup ARCHIVE.zip [--partnership SLUG]   (reads the web app's database and stored files)
    traction restore ARCHIVE.zip   (writes to the web app's database and stored files)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from traction_analysis.extract import MeetingExtract

NO_DOCUMENTS = "traction extract: no documents found in {inputs}"
NONE_READ = "traction extract: none of the {count} documents could be read"
DIAGNOSE_NO_DOCUMENTS = "traction diagnose: no documents found in {inputs}"
DIAGNOSE_NONE_READ = "traction diagnose: none of the {count} documents could be read"
DIAGNOSE_FAILED = "traction diagnose: {reason}"
HTML_WRITTEN = "HTML report written to {path}"
Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="traction",
        description="Traction: from papers to action. Analysis commands run on files and need no database.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_extract(commands)
    _add_diagnose(commands)
    _add_import(commands)
    _add_fingertips(commands)
    _add_eval(commands)
    _add_backup(commands)
    _add_restore(commands)
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


def _add_extract(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object per document per line (the evaluation format)",
    )
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
    if result.unsure:
        lines.append(
            f"  unsure where this document's items start (segmentation confidence "
            f"{result.segmentation_confidence:.2f}): check the items against the document"
        )
    for item in result.items:
        number = f"{item.number} " if item.number else ""
        lines.append(f"  {number}{item.title} [{item.outcome}]")
        for action in item.actions:
            extras = [
                f"owner: {action.owner}" if action.owner else "",
                f"due: {action.due.isoformat()}" if action.due else "",
            ]
            detail = "; ".join(extra for extra in extras if extra)
            lines.append(f"    action: {action.text}" + (f" ({detail})" if detail else ""))
    return "\n".join(lines) + "\n"


# --- traction diagnose --------------------------------------------------------------------------


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def _add_diagnose(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "diagnose",
        help="work-avoidance signals, findings and experiments from minutes, per body",
        description=(
            "Extract every document, group the meetings by body, compute the work-avoidance signals for "
            "the period, and print a summary with each body's top findings. Documents without a meeting "
            "date, or with no agenda items, are reported and left out. Exit status is 1 only when nothing "
            "could be diagnosed."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER", help="documents, or folders of them")
    parser.add_argument("--html", metavar="REPORT.html", help="also write a self-contained HTML report here")
    parser.add_argument("--json", action="store_true", help="print the diagnosis as one JSON object instead")
    parser.add_argument(
        "--from",
        dest="start",
        type=_iso_date,
        metavar="DATE",
        help="first meeting date to count (default: the earliest in the documents)",
    )
    parser.add_argument(
        "--to",
        dest="last",
        type=_iso_date,
        metavar="DATE",
        help="last meeting date to count, included (default: the latest in the documents)",
    )
    parser.add_argument(
        "--as-of",
        dest="as_of",
        type=_iso_date,
        metavar="DATE",
        default=None,
        help="judge the record as it stood on this date (default: today)",
    )
    parser.set_defaults(handler=command_diagnose)


def command_diagnose(args: argparse.Namespace) -> int:
    from traction_analysis.diagnosis import DiagnosisError, SkippedDocument, diagnose_extracts
    from traction_analysis.diagnosis.report import render_html, render_text, to_dict
    from traction_analysis.extract.batch import document_paths, extract_many
    from traction_analysis.signals import SignalInputError

    # A report written into the folder it diagnoses must not be read back as minutes on the next run.
    own = Path(args.html).resolve() if args.html else None
    paths = [
        path for path in document_paths(args.paths) if Path(path).resolve() != own and not _our_report(path)
    ]
    if not paths:
        print(DIAGNOSE_NO_DOCUMENTS.format(inputs=" ".join(args.paths)), file=sys.stderr)
        return 1
    extracts, unreadable = [], []
    progress = _Progress(len(paths), sys.stderr)
    for done, (path, result) in enumerate(extract_many(paths), start=1):
        progress.show(done, Path(path).name)
        if isinstance(result, Exception):
            unreadable.append(SkippedDocument(Path(path).name, f"could not be read: {result}"))
        else:
            extracts.append(result)
    progress.finish()
    if not extracts:
        print(DIAGNOSE_NONE_READ.format(count=len(paths)), file=sys.stderr)
        return 1
    end = args.last + timedelta(days=1) if args.last else None
    try:
        diagnosis = diagnose_extracts(
            extracts, as_of=args.as_of or date.today(), start=args.start, end=end, unreadable=unreadable
        )
    except (DiagnosisError, SignalInputError) as error:
        print(DIAGNOSE_FAILED.format(reason=error), file=sys.stderr)
        return 1
    if args.html:
        Path(args.html).write_text(render_html(diagnosis), encoding="utf-8")
    if args.json:
        print(json.dumps(to_dict(diagnosis), ensure_ascii=False))
    else:
        print(render_text(diagnosis))
    if args.html:
        print(HTML_WRITTEN.format(path=args.html), file=sys.stderr)
    return 0


def _our_report(path: str) -> bool:
    from traction_analysis.diagnosis.report import is_report

    if not path.lower().endswith((".html", ".htm")):
        return False
    try:
        with open(path, "rb") as file:
            return is_report(file.read(1024))
    except OSError:
        return False  # the batch reports it as unreadable


# --- traction eval -------------------------------------------------------------------------------

EVAL_NO_PARTNERSHIP = "traction eval: there is no partnership with the slug {slug!r}"
EVAL_WRITTEN = (
    "Label files, the reviewed documents and predictions.jsonl written to {folder} "
    "(add it to training with: make train CORRECTIONS={folder})"
)
EVAL_NOTHING = (
    "traction eval: {slug!r} has no fully reviewed document yet, so there is nothing to score: "
    "upload minutes and review them first"
)


def _add_eval(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "eval",
        help="score the extractor against what reviewers accepted in a partnership",
        description=(
            "For every fully reviewed document of the partnership, compare what the extractor proposed "
            "with what reviewers accepted, and print the evaluation scorer's figures (item precision, "
            "recall and F1, outcome accuracy, action precision, recall and F1, action owner accuracy). "
            "Reads the web app's database (DATABASE_URL, as the web app does)."
        ),
    )
    parser.add_argument("--partnership", required=True, metavar="SLUG", help="the partnership's slug")
    parser.add_argument("--per-doc", action="store_true", help="print a line per document")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument(
        "--write",
        metavar="FOLDER",
        help="also write NAME.labels.json per document and predictions.jsonl into FOLDER",
    )
    parser.set_defaults(handler=command_eval)


def command_eval(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traction.config.settings")
    import django

    django.setup()
    from traction.core.models import Partnership
    from traction.intake.labels import corrections
    from traction_analysis import scoring

    partnership = Partnership.objects.filter(slug=args.partnership).first()
    if partnership is None:
        print(EVAL_NO_PARTNERSHIP.format(slug=args.partnership), file=sys.stderr)
        return 1
    gold, predictions = corrections(partnership)
    if not gold:
        print(EVAL_NOTHING.format(slug=args.partnership), file=sys.stderr)
        return 1
    summary, per_doc = scoring.score(gold, predictions)
    if args.write:
        from traction.intake.labels import correction_documents

        _write_eval(
            Path(args.write), gold, predictions, correction_documents(partnership), publisher=partnership.slug
        )
    if args.per_doc:
        for d in per_doc:
            c = d.counts
            print(
                f"{d.doc}: items {c['matched']}/{c['gold_items']} (pred {c['pred_items']}), "
                f"outcome {c['outcome_ok']}/{c['matched']}, actions "
                f"{c['matched_actions']}/{c['gold_actions']} "
                f"(pred {c['pred_actions']}){'' if d.found else ' NO PREDICTION'}"
            )
    print(json.dumps(summary) if args.json else scoring.format_summary(summary))
    if args.write:
        print(EVAL_WRITTEN.format(folder=args.write), file=sys.stderr)
    return 0


def _write_eval(
    folder: Path,
    gold: dict[str, Any],
    predictions: dict[str, Any],
    documents: dict[str, bytes],
    *,
    publisher: str,
) -> None:
    """Gold label files, the predictions, and each reviewed document beside its labels, so that the folder
    can be scored (``score_minutes.py``) and added to training (``make train CORRECTIONS=folder``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, labels in gold.items():
        labels = {**labels, "publisher": publisher, "family": "corrections"}
        (folder / f"{name}.labels.json").write_text(
            json.dumps(labels, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        if name in documents and Path(name).suffix:
            (folder / name).write_bytes(documents[name])
    lines = [json.dumps(prediction, ensure_ascii=False) for prediction in predictions.values()]
    (folder / "predictions.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")


# --- traction import moderngov ---------------------------------------------------------------------


def _add_import(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "import",
        help="import the governance record from a council's system into the web app's database",
        description="Import committees, meetings, agenda items, papers and attendance into the web app's "
        "database (DATABASE_URL, as the web app does).",
    )
    sources = parser.add_subparsers(dest="source", metavar="SOURCE", required=True)
    moderngov = sources.add_parser(
        "moderngov",
        help="from a ModernGov site's web service (mgWebService.asmx)",
        description=(
            "Import the named committees' meetings from a ModernGov site: each meeting in one transaction, "
            "keyed by site and ModernGov id, so re-running adds nothing twice and applies changes in place. "
            "Minutes go to the review queue. Exit status 0: all imported; 3: some meetings failed (listed "
            "with their reason); 1: nothing could be imported."
        ),
    )
    from traction.imports.arguments import add_arguments  # Django-free: the parser is built before setup

    add_arguments(moderngov, _iso_date)
    moderngov.set_defaults(handler=command_import_moderngov)
    cancel = sources.add_parser(
        "cancel",
        help="cancel a queued or running import run",
        description="Cancel an import run (its number is on its page and in the audit trail): a queued run "
        "never starts; a running one stops after the meeting in hand, keeping what it imported. "
        "Exit status 0: cancelled; 1: no such run, or it has already finished.",
    )
    cancel.add_argument("run", type=int, metavar="RUN", help="the run's number")
    cancel.add_argument("--user", metavar="USERNAME", help="the account the cancellation is recorded as")
    cancel.set_defaults(handler=command_import_cancel)


def command_import_cancel(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traction.config.settings")
    import django

    django.setup()
    from traction.imports.commandline import cancel_run_command

    return cancel_run_command(run_id=args.run, user=args.user, out=sys.stdout, err=sys.stderr)


def command_import_moderngov(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traction.config.settings")
    import django

    django.setup()
    from traction.imports.commandline import run_import_command

    return run_import_command(
        site=args.site,
        committees=args.committee,
        since=args.since,
        until=args.until,
        partnership=args.partnership,
        user=args.user,
        out=sys.stdout,
        err=sys.stderr,
    )


# --- traction fingertips pull ----------------------------------------------------------------------


def _add_fingertips(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "fingertips",
        help="pull indicator values from OHID Fingertips into the web app's database",
        description="Pull an OHID Fingertips indicator's values into the partnership's indicators that use "
        "it (DATABASE_URL, as the web app does).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    pull = actions.add_parser(
        "pull",
        help="fetch one indicator for one area type and store its values",
        description=(
            "Fetch the indicator's data for the area type once and store the values of each matching "
            "indicator's area and benchmark. The same answer twice changes nothing ('unchanged'). "
            "Exit status 0: stored; 1: nothing could be pulled (one line on stderr; the data stay as "
            "they were)."
        ),
    )
    pull.add_argument(
        "--indicator", type=int, required=True, metavar="ID", help="the Fingertips indicator id"
    )
    pull.add_argument(
        "--area-type", type=int, required=True, metavar="ID", help="the Fingertips area type id"
    )
    pull.add_argument("--area", metavar="CODE", help="only the indicators of this area (a GSS code)")
    pull.add_argument(
        "--partnership", metavar="SLUG", help="the partnership; may be left out when there is one"
    )
    pull.set_defaults(handler=command_fingertips_pull)


def command_fingertips_pull(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traction.config.settings")
    import django

    django.setup()
    from traction.direction.commandline import run_pull_command

    return run_pull_command(
        indicator=args.indicator,
        area_type=args.area_type,
        area=args.area,
        partnership=args.partnership,
        out=sys.stdout,
        err=sys.stderr,
    )


# --- traction backup / restore ---------------------------------------------------------------------


def _add_backup(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "backup",
        help="write an archive of the whole instance, or of one partnership, with its stored files",
        description=(
            "Write a zip archive of the web app's database (DATABASE_URL) and stored files "
            "(TRACTION_MEDIA_ROOT): every partnership and account, or with --partnership one partnership's "
            "record and the accounts it names. Listening notes stay encrypted; the key is not included. "
            "Exit status 1 with one line on stderr when nothing could be written."
        ),
    )
    parser.add_argument("archive", metavar="ARCHIVE.zip", help="the archive to write (a new file)")
    parser.add_argument("--partnership", metavar="SLUG", help="only this partnership")
    parser.set_defaults(handler=command_backup)


def command_backup(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traction.config.settings")
    import django

    django.setup()
    from traction.core.backup.commandline import backup_command

    return backup_command(path=args.archive, partnership=args.partnership, out=sys.stdout, err=sys.stderr)


def _add_restore(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "restore",
        help="restore an archive written by traction backup",
        description=(
            "Check the archive (format, version, SHA-256 of every table and file, migration state, the "
            "listening key) and restore it in one transaction: a whole-instance archive into an empty "
            "database, a partnership's into a database without that partnership. Exit status 1 with one "
            "line on stderr, and nothing written, when it cannot be restored."
        ),
    )
    parser.add_argument("archive", metavar="ARCHIVE.zip", help="an archive written by traction backup")
    parser.set_defaults(handler=command_restore)


def command_restore(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "traction.config.settings")
    import django

    django.setup()
    from traction.core.backup.commandline import restore_command

    return restore_command(path=args.archive, out=sys.stdout, err=sys.stderr)


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
