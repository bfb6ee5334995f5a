"""Which tables an archive holds, which rows of each, and how a row is written down and read back.

A row is the list of its columns' stored values, in the model's field order, as JSON: dates and times in
ISO form (microseconds kept), decimals and UUIDs as strings, bytes in base64, and the encrypted listening
columns as the ciphertext the database holds (read past the field's decryption, written back unchanged).
Rows are sorted by primary key and written one per line, so a table's text, and the SHA-256 of that
text, depend on its content only: the same record in two databases of the same kind gives the same hash.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.models import F, TextField
from django.db.models.functions import Cast

from traction.core.models import Partnership
from traction.listening.crypto import EncryptedTextField

# Tables an archive leaves out, and why. Everything else is carried.
EXCLUDED = {
    "admin.logentry": "the Django admin's own log of its edits",
    "auth.permission": "made by migrate from the code",
    "contenttypes.contenttype": "made by migrate from the code",
    "auth.group": "Traction grants access by partnership membership, not by Django groups",
    "auth.group_permissions": "Traction grants access by partnership membership, not by Django groups",
    "auth.user_groups": "Traction grants access by partnership membership, not by Django groups",
    "auth.user_user_permissions": "Traction grants access by partnership membership, not by permissions",
    "sessions.session": "logins: everyone signs in again after a restore",
    "api.apitoken": "personal API tokens are credentials: their owners make new ones after a restore",
    "otp_totp.totpdevice": "two-factor secrets are credentials: their owners set up two-factor sign-in again",
    "otp_static.staticdevice": "two-factor recovery codes are credentials: made anew with the app's set-up",
    "otp_static.statictoken": "two-factor recovery codes are credentials: made anew with the app's set-up",
    "django_tasks_database.dbtaskresult": "the background queue: run recover_documents after a restore",
}
# Instance-level tables that a partnership's archive leaves out (a whole-instance archive carries them).
INSTANCE_ONLY = {"core.formsubmission"}
BATCH = 500


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def carried_models() -> list[type[models.Model]]:
    """Every table an archive may hold, users and partnerships first (the order rows are restored in). A
    proxy model (another view of a table, such as ``privacy.PersonalData``) is not a table of its own."""
    user = get_user_model()
    rest = [
        model
        for model in apps.get_models(include_auto_created=True)
        if label(model) not in EXCLUDED and model not in (user, Partnership) and not model._meta.proxy
    ]
    return [user, Partnership, *rest]


def partnership_path(model: type[models.Model]) -> str | None:
    """The lookup from a model to the partnership its rows belong to (``partnership``,
    ``response__partnership``…), or None for an instance-level table."""
    if model is Partnership:
        return "pk"
    names = {field.name for field in model._meta.concrete_fields}
    if "partnership" in names:
        return "partnership"
    for field in model._meta.concrete_fields:
        target = field.related_model
        if field.many_to_one and target not in (None, model, get_user_model()):
            path = partnership_path(target)
            if path is not None:
                return f"{field.name}__{path}"
    return None


def scope_models(*, whole: bool) -> list[type[models.Model]]:
    """The tables of a whole-instance archive, or of a partnership's (its rows and the accounts named)."""
    if whole:
        return carried_models()
    return [
        model
        for model in carried_models()
        if label(model) not in INSTANCE_ONLY
        and (model is get_user_model() or partnership_path(model) is not None)
    ]


@dataclass(frozen=True)
class Scope:
    """A whole instance (``partnership`` None) or one partnership."""

    partnership: Partnership | None = None

    def carried(self) -> list[type[models.Model]]:
        return scope_models(whole=self.partnership is None)

    def rows(self, model: type[models.Model]) -> models.QuerySet[Any]:
        manager = model._base_manager
        if self.partnership is None:
            return manager.all()
        if model is get_user_model():
            return manager.filter(pk__in=sorted(self.user_ids()))
        path = partnership_path(model)
        assert path is not None
        return manager.filter(**{path: self.partnership.pk})

    def user_ids(self) -> set[int]:
        """The accounts that a partnership's rows point at (members, authors, actors…)."""
        user = get_user_model()
        found: set[int] = set()
        for model in self.carried():
            if model is user:
                continue
            for field in model._meta.concrete_fields:
                if field.many_to_one and field.related_model is user:
                    values = self.rows(model).exclude(**{field.attname: None})
                    found.update(values.values_list(field.attname, flat=True).distinct())
        return found


def columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.concrete_fields)


def pk_index(model: type[models.Model]) -> int:
    return columns(model).index(model._meta.pk)


def is_encrypted(field: models.Field[Any, Any]) -> bool:
    return isinstance(field, EncryptedTextField)


def _selected(model: type[models.Model]) -> list[Any]:
    # The encrypted columns are read as plain text, so the ciphertext comes back untouched.
    return [
        Cast(F(field.name), output_field=TextField()) if is_encrypted(field) else field.attname
        for field in columns(model)
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def row_lines(queryset: models.QuerySet[Any]) -> Iterator[bytes]:
    """One canonical JSON line per row, in primary-key order."""
    for row in queryset.order_by("pk").values_list(*_selected(queryset.model)).iterator(chunk_size=2000):
        yield _line([_plain(value) for value in row])


def _line(values: list[Any]) -> bytes:
    return (json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode()


def table_text(queryset: models.QuerySet[Any]) -> bytes:
    return b"".join(row_lines(queryset))


def insert_rows(model: type[models.Model], rows: Iterable[list[Any]]) -> int:
    """Insert rows as the archive holds them, keeping their ids and the ciphertext of encrypted columns.

    Raw inserts, not ``save()`` or ``bulk_create()``: those would stamp ``auto_now`` dates afresh and
    encrypt the ciphertext a second time.
    """
    fields = columns(model)
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(str(field.column)) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    prepared = [_stored(fields, row) for row in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), BATCH):
            cursor.executemany(sql, prepared[start : start + BATCH])
    return len(prepared)


def _stored(fields: list[models.Field[Any, Any]], row: list[Any]) -> list[Any]:
    if len(row) != len(fields):
        raise ValueError(f"a row has {len(row)} values for {len(fields)} columns")
    return [
        value
        if value is None or is_encrypted(field)
        else field.get_db_prep_save(field.to_python(value), connection)
        for field, value in zip(fields, row, strict=True)
    ]


def encrypted_values(model: type[models.Model], rows: Iterable[list[Any]]) -> Iterator[str]:
    positions = [index for index, field in enumerate(columns(model)) if is_encrypted(field)]
    for row in rows:
        for index in positions:
            if row[index] is not None:
                yield row[index]


def file_fields(model: type[models.Model]) -> list[tuple[int, models.FileField]]:
    return [
        (index, field) for index, field in enumerate(columns(model)) if isinstance(field, models.FileField)
    ]
