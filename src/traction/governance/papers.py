"""Papers: one way into the record, whichever path a paper comes by.

A paper reaches the record from a meeting's page, from an upload read in the background, or from a
ModernGov import. All three call ``paper_store``: the same bytes are one paper (a partnership's papers
are unique by SHA-256, enforced by the database) and one file on disk. A paper added on a meeting's page
is stored at once and read in the background (``paper_read``), through the same killable, time-limited
reader as every other upload, to count its pages and words.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from traction.core import policy
from traction.core.audit import audit_record
from traction.core.models import Partnership
from traction.core.uploads import count_words, read_stored, sniff_upload
from traction.governance.models import Meeting, Organisation, Paper
from traction_analysis.document import Document
from traction_analysis.errors import IngestError, NoTextLayer

logger = logging.getLogger(__name__)

NOT_READ = "The paper could not be read, so its pages and words are not counted: {reason}"


@dataclass(frozen=True)
class Stored:
    paper: Paper
    created: bool  # False: the same bytes were already a paper of this partnership, and that one is returned


def existing_paper(*, partnership: Partnership, sha256: str) -> Paper | None:
    return Paper.objects.filter(partnership=partnership, sha256=sha256).first() if sha256 else None


def paper_store(
    *,
    actor: Any,
    partnership: Partnership,
    meeting: Meeting | None,
    title: str,
    upload: UploadedFile | None = None,
    stored_file: str = "",
    original_filename: str = "",
    sha256: str = "",
    pages: int | None = None,
    words: int | None = None,
    author_organisation: Organisation | None = None,
) -> Stored:
    """Store one paper, or return the one already holding the same bytes.

    ``upload`` is a file from a request (checked with ``sniff_upload`` here and saved under a name of
    its fingerprint); ``stored_file`` a file already in storage (an upload read in the background,
    which keeps its one file); neither, a paper known by title only (an imported link). ``actor=None``
    is the operator at the command line (an import run), whose permission is the caller's to check.
    """
    if actor is not None:
        policy.require_write(user=actor, partnership=partnership, action="add", model=Paper)
    if upload is not None:
        sha256 = sniff_upload(upload).sha256
    if (earlier := existing_paper(partnership=partnership, sha256=sha256)) is not None:
        return Stored(earlier, created=False)
    try:
        with transaction.atomic():
            paper = _create(
                actor=actor,
                partnership=partnership,
                meeting=meeting,
                title=title,
                upload=upload,
                stored_file=stored_file,
                original_filename=original_filename,
                sha256=sha256,
                pages=pages,
                words=words,
                author_organisation=author_organisation,
            )
    except IntegrityError:  # the same bytes stored at the same moment by another path (its file removed)
        if (earlier := existing_paper(partnership=partnership, sha256=sha256)) is None:
            raise
        return Stored(earlier, created=False)
    if upload is not None:
        from traction.governance.tasks import read_paper

        read_paper.enqueue(paper.pk)  # a row in the same transaction as the paper (database task backend)
    return Stored(paper, created=True)


def _create(
    *,
    actor: Any,
    partnership: Partnership,
    meeting: Meeting | None,
    title: str,
    upload: UploadedFile | None,
    stored_file: str,
    original_filename: str,
    sha256: str,
    pages: int | None,
    words: int | None,
    author_organisation: Organisation | None,
) -> Paper:
    paper = Paper(
        partnership=partnership,
        meeting=meeting,
        title=title[:300],
        sha256=sha256,
        original_filename=(original_filename or (upload.name if upload else "") or "")[-255:],
        pages=pages,
        words=words,
        author_organisation=author_organisation,
    )
    if upload is not None:
        # Never a user-chosen name on disk: the fingerprint and the checked extension.
        paper.file.save(f"{sha256[:32]}{PurePath(upload.name or '').suffix.lower()}", upload, save=False)
    elif stored_file:
        paper.file.name = stored_file
    paper.full_clean(exclude=["file"])
    try:
        paper.save()
    except BaseException:
        if upload is not None and paper.file.name:
            paper.file.storage.delete(paper.file.name)  # a refused paper leaves no file behind
        raise
    audit_record(
        actor=actor,
        partnership=partnership,
        verb="created",
        instance=paper,
        changes={
            "title": [None, paper.title],
            "meeting": [None, str(meeting) if meeting else None],
            "file": [None, paper.original_filename or None],
            "sha256": [None, sha256 or None],
        },
    )
    return paper


def paper_counts(document: Document) -> dict[str, int | None]:
    """The pages and words a read document gives its paper."""
    return {"pages": document.pages, "words": count_words(document.text)}


def paper_read(*, paper_id: int) -> str:
    """Read a paper added on a meeting's page, once, outside any transaction; store its counts."""
    paper = Paper.objects.filter(pk=paper_id).first()
    if paper is None or not paper.file:
        return "skipped"
    error = ""
    try:
        counts = paper_counts(read_stored(paper.file, name=paper.original_filename or paper.file.name or ""))
    except NoTextLayer as exc:  # a scan is still a paper, and its pages still count
        counts = {"pages": exc.pages, "words": None}
    except IngestError as exc:
        counts, error = {"pages": None, "words": None}, NOT_READ.format(reason=exc)
    with transaction.atomic():
        current = Paper.objects.select_for_update().filter(pk=paper_id).first()
        if current is None:
            return "skipped"
        current.pages, current.words, current.read_error = counts["pages"], counts["words"], error
        current.save(update_fields=["pages", "words", "read_error"])
        audit_record(
            actor=None,
            partnership=current.partnership,
            verb="read",
            instance=current,
            changes={
                "pages": [None, current.pages],
                "words": [None, current.words],
                **({"error": [None, error]} if error else {}),
            },
        )
    return "failed" if error else "read"
