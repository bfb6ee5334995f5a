"""Backup and restore of the whole instance or of one partnership: the record, the accounts it names and
the stored files, in one archive (see docs/backup.md). Listening notes stay encrypted; the key is never in
an archive."""

from traction.core.backup.archive import Archive, BackupError, Written, archive_read, archive_write
from traction.core.backup.restore import Restored, backup_restore
from traction.core.backup.tables import EXCLUDED, Scope

__all__ = [
    "EXCLUDED",
    "Archive",
    "BackupError",
    "Restored",
    "Scope",
    "Written",
    "archive_read",
    "archive_write",
    "backup_restore",
]
