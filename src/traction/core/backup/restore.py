"""Restoring an archive: every check first, then one transaction that writes the rows with their ids,
writes the files, and compares each restored table's SHA-256 with the archive's before it commits.

A refusal writes nothing: the checks run before the transaction, and a failure inside it rolls the rows
back and removes the files it had written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction

from traction.core.backup import tables
from traction.core.backup.archive import Archive, BackupError, applied_migrations, sha256
from traction.core.backup.tables import Scope
from traction.core.models import Partnership
from traction.listening import crypto

OTHER_SCHEMA = (
    "The archive was made by a database at another migration state ({difference}); migrate this "
    "database to the same version of Traction as the one that made the archive, then restore again. "
    "Nothing was restored."
)
UNKNOWN_TABLES = (
    "The archive does not hold the tables this version of Traction has ({names}). Nothing was restored."
)
OTHER_COLUMNS = "The archive's table {name} has other columns than this database's. Nothing was restored."
NOT_EMPTY = (
    "A whole-instance archive restores into an empty database only (a new database after migrate); this "
    "one already holds {what}. Nothing was restored."
)
SLUG_TAKEN = (
    "A partnership with the slug {slug!r} already exists here. Nothing was restored: delete it first, or "
    "restore into another database."
)
IDS_TAKEN = (
    "This database already holds rows with the ids of the archive's {name} rows (the archive comes from "
    "another instance). Restore it into an empty database, or into the instance it came from. Nothing was "
    "restored."
)
USER_CONFLICT = (
    "The archive's account {username!r} (id {id}) clashes with another account here. Nothing was restored."
)
KEY_UNREADABLE = (
    "The archive's listening notes cannot be decrypted with the configured TRACTION_LISTENING_KEY: set "
    "the key they were written with (it is kept apart from backups), then restore again. Nothing was "
    "restored."
)
FILE_CLASH = "A different file is already stored as {name}. Nothing was restored."
FILE_UNWRITABLE = "The file {name} could not be stored ({reason}). Nothing was restored."
NOT_EQUAL = "The restored table {name} does not match the archive's SHA-256. Nothing was restored."
DATABASE_REFUSED = "The database refused the archive's rows ({reason}). Nothing was restored."


@dataclass
class Restored:
    kind: str
    slug: str | None
    counts: dict[str, int]
    files_written: int
    files_present: int
    users_kept: list[str] = field(default_factory=list)


@dataclass
class _Plan:
    archive: Archive
    models: list[type[models.Model]]
    skip_users: set[int]
    files: dict[str, Storage]
    present: set[str]
    users_kept: list[str]


def backup_restore(*, archive: Archive) -> Restored:
    """Restore a checked archive into this database, all or nothing."""
    plan = _plan(archive)
    written: list[tuple[Storage, str]] = []
    try:
        with transaction.atomic():
            counts = _insert(plan)
            _write_files(plan, written)
            _compare(plan)
    except DatabaseError as exc:
        _remove(written)
        raise BackupError(DATABASE_REFUSED.format(reason=str(exc).strip().splitlines()[0])) from exc
    except BaseException:
        _remove(written)
        raise
    return Restored(
        kind=archive.kind,
        slug=archive.slug,
        counts=counts,
        files_written=len(written),
        files_present=len(plan.present),
        users_kept=plan.users_kept,
    )


# --- checks, before anything is written ---------------------------------------------------------------


def _plan(archive: Archive) -> _Plan:
    _check_schema(archive)
    scope_models = _check_tables(archive)
    skip_users: set[int] = set()
    kept: list[str] = []
    if archive.kind == "instance":
        _check_empty(scope_models)
    else:
        skip_users, kept = _check_partnership_target(archive, scope_models)
    _check_key(archive, scope_models)
    files, present = _check_files(archive, scope_models)
    return _Plan(archive, scope_models, skip_users, files, present, kept)


def _check_schema(archive: Archive) -> None:
    theirs, ours = set(archive.manifest["migrations"]), set(applied_migrations())
    if theirs != ours:
        only_theirs, only_ours = sorted(theirs - ours), sorted(ours - theirs)
        parts = []
        if only_theirs:
            parts.append(
                "the archive has " + ", ".join(only_theirs[:3]) + (" …" if len(only_theirs) > 3 else "")
            )
        if only_ours:
            parts.append(
                "this database has " + ", ".join(only_ours[:3]) + (" …" if len(only_ours) > 3 else "")
            )
        raise BackupError(OTHER_SCHEMA.format(difference="; ".join(parts)))


def _check_tables(archive: Archive) -> list[type[models.Model]]:
    expected = tables.scope_models(whole=archive.kind == "instance")
    names = [tables.label(model) for model in expected]
    if set(names) != set(archive.manifest["tables"]):
        different = sorted(set(names) ^ set(archive.manifest["tables"]))
        raise BackupError(UNKNOWN_TABLES.format(names=", ".join(different[:5])))
    for model in expected:
        name = tables.label(model)
        if archive.manifest["tables"][name]["columns"] != [column.column for column in tables.columns(model)]:
            raise BackupError(OTHER_COLUMNS.format(name=name))
    return expected


def _check_empty(scope_models: list[type[models.Model]]) -> None:
    held = [f"{tables.label(model)} rows" for model in scope_models if model._base_manager.exists()]
    if held:
        raise BackupError(NOT_EMPTY.format(what=", ".join(held[:3]) + (" and more" if len(held) > 3 else "")))


def _check_partnership_target(
    archive: Archive, scope_models: list[type[models.Model]]
) -> tuple[set[int], list[str]]:
    if Partnership.objects.filter(slug=archive.slug).exists():
        raise BackupError(SLUG_TAKEN.format(slug=archive.slug))
    skip, kept = _check_users(archive)
    for model in scope_models:
        if model is get_user_model():
            continue
        at = tables.pk_index(model)
        ids = [row[at] for row in archive.rows[tables.label(model)]]
        if any(model._base_manager.filter(pk__in=chunk).exists() for chunk in _chunks(ids)):
            raise BackupError(IDS_TAKEN.format(name=tables.label(model)))
    return skip, kept


def _check_users(archive: Archive) -> tuple[set[int], list[str]]:
    """Accounts already here (same id, same username) are kept as they are; any other clash refuses."""
    user = get_user_model()
    columns = [column.attname for column in tables.columns(user)]
    id_at, name_at = columns.index(user._meta.pk.attname), columns.index(user.USERNAME_FIELD)
    skip: set[int] = set()
    kept: list[str] = []
    for row in archive.rows[tables.label(user)]:
        found = user._base_manager.filter(pk=row[id_at]).values_list(user.USERNAME_FIELD, flat=True).first()
        if found == row[name_at]:
            skip.add(row[id_at])
            kept.append(row[name_at])
        elif found is not None or user._base_manager.filter(**{user.USERNAME_FIELD: row[name_at]}).exists():
            raise BackupError(USER_CONFLICT.format(username=row[name_at], id=row[id_at]))
    return skip, kept


def _check_key(archive: Archive, scope_models: list[type[models.Model]]) -> None:
    for model in scope_models:
        for token in tables.encrypted_values(model, archive.rows[tables.label(model)]):
            try:
                crypto.decrypt(str(token))
            except ImproperlyConfigured as exc:
                raise BackupError(KEY_UNREADABLE) from exc


def _check_files(
    archive: Archive, scope_models: list[type[models.Model]]
) -> tuple[dict[str, Storage], set[str]]:
    files: dict[str, Storage] = {}
    present: set[str] = set()
    for model in scope_models:
        for index, file_field in tables.file_fields(model):
            for row in archive.rows[tables.label(model)]:
                name = row[index]
                if name and name in archive.files:
                    files[name] = file_field.storage
    for name, storage in files.items():
        if storage.exists(name):
            with storage.open(name, "rb") as stored:
                if sha256(stored.read()) != archive.manifest["files"][name]["sha256"]:
                    raise BackupError(FILE_CLASH.format(name=name))
            present.add(name)
    return files, present


def _chunks(ids: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


# --- the transaction ------------------------------------------------------------------------------------


def _insert(plan: _Plan) -> dict[str, int]:
    user = get_user_model()
    counts: dict[str, int] = {}
    for model in plan.models:
        rows = plan.archive.rows[tables.label(model)]
        if model is user:
            rows = [row for row in rows if row[tables.pk_index(user)] not in plan.skip_users]
        counts[tables.label(model)] = tables.insert_rows(model, rows)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), plan.models):
            cursor.execute(statement)
    connection.check_constraints(table_names=[model._meta.db_table for model in plan.models])
    return counts


def _write_files(plan: _Plan, written: list[tuple[Storage, str]]) -> None:
    for name, storage in sorted(plan.files.items()):
        if name in plan.present:
            continue
        try:
            stored = storage.save(name, ContentFile(plan.archive.files[name]))
        except Exception as exc:  # a storage refuses in its own ways (OSError, SuspiciousFileOperation…)
            raise BackupError(FILE_UNWRITABLE.format(name=name, reason=exc)) from exc
        written.append((storage, stored))
        if stored != name:
            raise BackupError(FILE_UNWRITABLE.format(name=name, reason=f"stored as {stored}"))


def _compare(plan: _Plan) -> None:
    partnership = None
    if plan.archive.kind == "partnership":
        partnership = Partnership.objects.get(slug=plan.archive.slug)
    scope = Scope(partnership)
    for model in plan.models:
        if partnership is not None and model is get_user_model():
            continue  # accounts kept as they were here need not equal the archive's copy
        name = tables.label(model)
        digest = hashlib.sha256(tables.table_text(scope.rows(model))).hexdigest()
        if digest != plan.archive.manifest["tables"][name]["sha256"]:
            raise BackupError(NOT_EQUAL.format(name=name))


def _remove(written: list[tuple[Storage, str]]) -> None:
    for storage, name in written:
        storage.delete(name)
