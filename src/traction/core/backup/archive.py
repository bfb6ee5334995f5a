"""The archive: a zip file with ``manifest.json``, one ``tables/<app>.<model>.jsonl`` per table and the
stored files under ``files/``. The manifest gives the format and its version, what the archive holds (the
whole instance or one partnership), the database's applied migrations, and per table its columns, row
count and SHA-256, per file its size and SHA-256. Reading an archive checks all of that before anything
is used; a zip that is corrupt, truncated or altered is refused with a plain message.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from traction.core.backup import tables
from traction.core.backup.tables import Scope

FORMAT = "traction-backup"
VERSION = 1
MANIFEST = "manifest.json"
KEY_NOTE = (
    "Listening notes are held as the ciphertext the database holds. The key (TRACTION_LISTENING_KEY) is "
    "not in this archive: keep it apart, and configure it before restoring."
)

NOT_AN_ARCHIVE = "{path} is not a Traction backup: it could not be opened as a zip file ({reason})."
NO_MANIFEST = "{path} is not a Traction backup: it has no readable manifest.json."
WRONG_FORMAT = "{path} is not a Traction backup (its manifest names the format {found!r})."
WRONG_VERSION = (
    "{path} is a Traction backup of format version {found!r}; this version of Traction reads version "
    "{expected} only."
)
DAMAGED = "{path} is damaged: {what} (the archive was truncated or altered after it was written)."
OUTPUT_EXISTS = "{path} already exists: choose a new file name, nothing was written."
OUTPUT_UNWRITABLE = "{path} could not be written: {reason}"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message is for the person who ran it."""


def applied_migrations() -> list[str]:
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Written:
    path: Path
    counts: dict[str, int]
    files: int
    missing_files: list[str] = field(default_factory=list)


def archive_write(*, path: Path, scope: Scope) -> Written:
    """Write the archive of ``scope`` to ``path`` (a new file), from one consistent read of the database."""
    if path.exists():
        raise BackupError(OUTPUT_EXISTS.format(path=path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=".backup-", suffix=".zip", dir=path.parent or ".")
    except OSError as exc:
        raise BackupError(OUTPUT_UNWRITABLE.format(path=path, reason=exc.strerror or exc)) from exc
    os.close(handle)
    try:
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if outermost:  # inside a caller's transaction, that one's snapshot is the one we read
                _snapshot()
            written = _write_zip(Path(temporary), scope)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    written.path = path
    return written


def _snapshot() -> None:
    # PostgreSQL: every table read from the same snapshot. SQLite's transaction already is one.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def _write_zip(target: Path, scope: Scope) -> Written:
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "scope": _scope_entry(scope),
        "database": connection.vendor,
        "migrations": applied_migrations(),
        "listening_key": KEY_NOTE,
        "tables": {},
        "files": {},
        "missing_files": [],
    }
    counts: dict[str, int] = {}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for model in scope.carried():
            name = tables.label(model)
            text = tables.table_text(scope.rows(model))
            entry = f"tables/{name}.jsonl"
            archive.writestr(entry, text)
            counts[name] = text.count(b"\n")
            manifest["tables"][name] = {
                "file": entry,
                "columns": [column.column for column in tables.columns(model)],
                "rows": counts[name],
                "sha256": sha256(text),
            }
            _write_files(archive, manifest, scope, model)
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
    return Written(target, counts, len(manifest["files"]), manifest["missing_files"])


def _scope_entry(scope: Scope) -> dict[str, str]:
    if scope.partnership is None:
        return {"kind": "instance"}
    return {"kind": "partnership", "slug": scope.partnership.slug, "name": scope.partnership.name}


def _write_files(archive: zipfile.ZipFile, manifest: dict[str, Any], scope: Scope, model: Any) -> None:
    for _index, file_field in tables.file_fields(model):
        names = (
            scope.rows(model).exclude(**{file_field.attname: ""}).values_list(file_field.attname, flat=True)
        )
        for name in names.order_by(file_field.attname).distinct():
            if name in manifest["files"]:
                continue
            try:
                with file_field.storage.open(name, "rb") as stored:
                    data = stored.read()
            except OSError:
                manifest["missing_files"].append(name)
                continue
            archive.writestr(f"files/{name}", data)
            manifest["files"][name] = {"sha256": sha256(data), "size": len(data)}


@dataclass
class Archive:
    """An archive whose manifest, tables and files have all been read and checked."""

    path: Path
    manifest: dict[str, Any]
    rows: dict[str, list[list[Any]]]
    files: dict[str, bytes]

    @property
    def kind(self) -> str:
        return str(self.manifest["scope"]["kind"])

    @property
    def slug(self) -> str | None:
        slug = self.manifest["scope"].get("slug")
        return str(slug) if slug is not None else None


def archive_read(path: Path) -> Archive:
    """Open and check an archive: format, version, and every table's and file's SHA-256."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = _manifest(archive, path)
            rows = {name: _table(archive, path, name, entry) for name, entry in manifest["tables"].items()}
            files = {name: _file(archive, path, name, entry) for name, entry in manifest["files"].items()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, zlib.error) as exc:
        raise BackupError(NOT_AN_ARCHIVE.format(path=path, reason=_reason(exc))) from exc
    return Archive(path, manifest, rows, files)


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc) or type(exc).__name__


def _manifest(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (KeyError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise BackupError(NO_MANIFEST.format(path=path)) from exc
    if not isinstance(manifest, dict):
        raise BackupError(NO_MANIFEST.format(path=path))
    if manifest.get("format") != FORMAT:
        raise BackupError(WRONG_FORMAT.format(path=path, found=manifest.get("format")))
    if manifest.get("version") != VERSION:
        raise BackupError(WRONG_VERSION.format(path=path, found=manifest.get("version"), expected=VERSION))
    try:
        _check_shape(manifest)
    except (KeyError, TypeError, AttributeError) as exc:
        raise BackupError(DAMAGED.format(path=path, what="its manifest is incomplete")) from exc
    return manifest


def _check_shape(manifest: dict[str, Any]) -> None:
    if manifest["scope"]["kind"] not in ("instance", "partnership"):
        raise KeyError("scope")
    for entry in manifest["tables"].values():
        _ = entry["file"], entry["sha256"], entry["rows"], list(entry["columns"])
    for name, entry in manifest["files"].items():
        _ = entry["sha256"], safe_file_name(name)
    _ = list(manifest["migrations"])


def safe_file_name(name: str) -> str:
    parts = PurePosixPath(name).parts
    if not name or name.startswith("/") or ".." in parts or "\\" in name:
        raise KeyError(name)
    return name


def _table(archive: zipfile.ZipFile, path: Path, name: str, entry: dict[str, Any]) -> list[list[Any]]:
    data = _member(archive, path, entry["file"])
    if sha256(data) != entry["sha256"]:
        raise BackupError(DAMAGED.format(path=path, what=f"the table {name} does not match its SHA-256"))
    try:
        rows = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    except ValueError as exc:
        raise BackupError(DAMAGED.format(path=path, what=f"the table {name} is not valid JSON")) from exc
    if len(rows) != entry["rows"] or not all(isinstance(row, list) for row in rows):
        raise BackupError(DAMAGED.format(path=path, what=f"the table {name} does not hold its rows"))
    return rows


def _file(archive: zipfile.ZipFile, path: Path, name: str, entry: dict[str, Any]) -> bytes:
    data = _member(archive, path, f"files/{name}")
    if sha256(data) != entry["sha256"]:
        raise BackupError(DAMAGED.format(path=path, what=f"the file {name} does not match its SHA-256"))
    return data


def _member(archive: zipfile.ZipFile, path: Path, entry: str) -> bytes:
    try:
        return archive.read(entry)
    except KeyError as exc:
        raise BackupError(DAMAGED.format(path=path, what=f"{entry} is missing")) from exc
    except (zipfile.BadZipFile, EOFError, ValueError, zlib.error) as exc:  # a bad CRC, a cut-off member
        raise BackupError(DAMAGED.format(path=path, what=f"{entry} cannot be read ({exc})")) from exc
