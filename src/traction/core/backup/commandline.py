"""``traction backup`` and ``traction restore``: parse nothing, call the backup services, print one
summary (or one plain message on stderr and exit status 1)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from traction.core.backup.archive import KEY_NOTE, BackupError, archive_read, archive_write
from traction.core.backup.restore import backup_restore
from traction.core.backup.tables import Scope
from traction.core.models import Partnership

NO_PARTNERSHIP = "traction backup: there is no partnership with the slug {slug!r}; nothing was written."
BACKED_UP = "Backed up {what} to {path}: {rows} rows in {tables} tables and {files} stored files."
FILES_MISSING = (
    "warning: {count} stored file(s) named by the record were missing and are not in the archive: {names}"
)
RESTORED = (
    "Restored {what} from {path}: {rows} rows in {tables} tables; {written} stored files written, "
    "{present} already there."
)
USERS_KEPT = "Accounts already here were kept as they are: {names}."
AFTER_RESTORE = (
    "Run `manage.py recover_documents` before starting workers (the task queue is not in archives)."
)


def backup_command(*, path: str, partnership: str | None, out: TextIO, err: TextIO) -> int:
    scope = Scope()
    if partnership is not None:
        found = Partnership.objects.filter(slug=partnership).first()
        if found is None:
            print(NO_PARTNERSHIP.format(slug=partnership), file=err)
            return 1
        scope = Scope(found)
    try:
        written = archive_write(path=Path(path), scope=scope)
    except BackupError as exc:
        print(f"traction backup: {exc}", file=err)
        return 1
    what = f"the partnership {partnership!r}" if partnership else "the whole instance"
    rows = sum(written.counts.values())
    print(
        BACKED_UP.format(what=what, path=path, rows=rows, tables=len(written.counts), files=written.files),
        file=out,
    )
    if written.missing_files:
        print(
            FILES_MISSING.format(count=len(written.missing_files), names=", ".join(written.missing_files)),
            file=err,
        )
    print(KEY_NOTE, file=out)
    return 0


def restore_command(*, path: str, out: TextIO, err: TextIO) -> int:
    try:
        restored = backup_restore(archive=archive_read(Path(path)))
    except BackupError as exc:
        print(f"traction restore: {exc}", file=err)
        return 1
    what = f"the partnership {restored.slug!r}" if restored.kind == "partnership" else "the whole instance"
    print(
        RESTORED.format(
            what=what,
            path=path,
            rows=sum(restored.counts.values()),
            tables=len(restored.counts),
            written=restored.files_written,
            present=restored.files_present,
        ),
        file=out,
    )
    if restored.users_kept:
        print(USERS_KEPT.format(names=", ".join(sorted(restored.users_kept))), file=out)
    print(AFTER_RESTORE, file=out)
    return 0
