"""Backup and restore: a round trip is equal by content hash, the key never travels, bad archives change
nothing.

The source is the demo (both partnerships) plus a row in every table the demo leaves empty and two stored
files, so every table that can hold a partnership's rows holds some.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from traction.cli import main
from traction.core.backup import EXCLUDED, Scope, archive_read, archive_write, backup_restore, tables
from traction.core.backup import archive as archive_module
from traction.core.backup import restore as restore_module
from traction.core.models import FormSubmission, Partnership
from traction.governance.demo import load_demo
from traction.listening.models import ListeningExercise, ListeningNote

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 18)
PAPER_BYTES = b"%PDF-1.4 a paper that the backup must carry\n"
MINUTES_BYTES = b"Minutes of the board\n1. Budget. RESOLVED that the budget be approved.\n"


def _create(label: str, **values: Any) -> Any:
    return apps.get_model(label)._base_manager.create(**values)


def _fill_the_rest(p: Partnership) -> None:
    """A row in each table the demo leaves empty, and two stored files."""
    m = {
        label: apps.get_model(label) for label in ("governance.Body", "governance.Paper", "governance.Person")
    }
    body = m["governance.Body"].objects.filter(partnership=p).first()
    user = get_user_model().objects.filter(memberships__partnership=p).first()
    paper = m["governance.Paper"].objects.filter(partnership=p).first()
    paper.file.name = default_storage.save("papers/2026/03/budget.pdf", ContentFile(PAPER_BYTES))
    paper.save(update_fields=["file"])
    stored = default_storage.save("intake/2026/03/minutes.txt", ContentFile(MINUTES_BYTES))
    document = _create(
        "intake.SourceDocument",
        partnership=p,
        body=body,
        file=stored,
        original_filename="minutes.txt",
        sha256=hashlib.sha256(MINUTES_BYTES).hexdigest(),
        size=len(MINUTES_BYTES),
        uploaded_by=user,
    )
    review = _create(
        "intake.Review",
        partnership=p,
        body=body,
        source_document=document,
        document_title="Minutes",
        origin_key=f"document:{document.pk}",
    )
    first = _create("intake.Proposal", partnership=p, review=review, original={"title": "Budget"})
    second = _create("intake.Proposal", partnership=p, review=review, position=1)
    second.derived_from.add(first)
    _create("governance.TopicConfirmation", partnership=p, key="budget", confirmed_by=user)
    _create("diagnosis.DiagnosisSettings", partnership=p)
    source = _create(
        "imports.ImportSource", partnership=p, site="https://democracy.example.gov.uk", created_by=user
    )
    _create("imports.ImportRun", partnership=p, source=source, started_by=user)
    _create(
        "imports.ImportedRecord", partnership=p, source=source, kind="meeting", external_id="42", object_id=1
    )
    _create(
        "imports.SiteAnswer",
        partnership=p,
        source=source,
        url="https://democracy.example.gov.uk/mgWebService.asmx/GetMeeting?lMeetingId=42",
        etag='"abc123"',
        last_modified="Wed, 04 Mar 2026 09:00:00 GMT",
    )
    tree = apps.get_model("workshop.ProblemTree").objects.filter(partnership=p).first()
    _create(
        "workshop.SharedPicture",
        partnership=p,
        tree=tree,
        number=1,
        title="Picture",
        k=3,
        published_at=datetime.datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=datetime.UTC),
    )
    agreement = apps.get_model("workshop.AgreementRound").objects.filter(partnership=p).first()
    agreement.follow_ups.add(apps.get_model("governance.Action").objects.filter(partnership=p).first())
    _create("workshop.Position", partnership=p, round=agreement, voter=user, value="agree")
    awayday = _create("workshop.Awayday", partnership=p, title="Away day", created_by=user)
    awayday.participants.add(m["governance.Person"].objects.filter(partnership=p).first())
    for label, parent, field in (
        ("direction.HealthParticipation", "direction.HealthCheckRun", "run"),
        ("direction.PulseParticipation", "direction.PulseWave", "wave"),
        ("stakeholders.PrioritiesParticipation", "stakeholders.PrioritiesExercise", "exercise"),
    ):
        owner = apps.get_model(parent).objects.filter(partnership=p).first()
        _create(label, partnership=p, user=user, **{field: owner})
    strategy = apps.get_model("commissioning.Strategy").objects.filter(partnership=p).first()
    step = apps.get_model("commissioning.ToolkitStep").objects.filter(partnership=p).first()
    _create(
        "commissioning.ChecklistTick", partnership=p, strategy=strategy, step=step, iteration=1, done_by=user
    )
    response = apps.get_model("programmes.FeedbackResponse").objects.filter(partnership=p).first()
    objective = apps.get_model("programmes.LearningObjective").objects.filter(partnership=p).first()
    _create("programmes.ObjectiveRating", response=response, objective=objective, before=2, now=4)
    _create(
        "programmes.CalendarFeed",
        partnership=p,
        user=user,
        programme=apps.get_model("programmes.Programme").objects.filter(partnership=p).first(),
        nonce="0123456789abcdef0123456789abcdef",
    )
    person = m["governance.Person"].objects.filter(partnership=p).first()
    _create("reminders.ReminderSettings", partnership=p, enabled=True, cadence="weekly", weekday=2)
    _create("reminders.ReminderOptOut", partnership=p, person=person)
    _create(
        "reminders.SentReminder",
        partnership=p,
        person=person,
        kind="owner_digest",
        period_key="2026-W10",
        recipient="jo@example.org",
        message_id="<1@traction.example>",
        sent_at=datetime.datetime(2026, 3, 4, 7, 0, 1, 123456, tzinfo=datetime.UTC),
        actions=[1, 2],
    )
    _create(
        "reminders.PackMailing",
        partnership=p,
        meeting=apps.get_model("governance.Meeting").objects.filter(partnership=p).first(),
        requested_by=user,
        requested_at=datetime.datetime(2026, 3, 4, 7, 0, 0, 654321, tzinfo=datetime.UTC),
        finished_at=datetime.datetime(2026, 3, 4, 7, 0, 2, tzinfo=datetime.UTC),
        sent_count=6,
        skipped_count=1,
        failed=[person.pk],
        without_email=[],
    )
    FormSubmission.objects.create(token="t" * 32, user=user, result_url="/")


@pytest.fixture
def source() -> Partnership:
    load_demo(today=TODAY)
    partnership = ListeningExercise.objects.get().partnership
    _fill_the_rest(partnership)
    return partnership


def fingerprint(scope: Scope) -> dict[str, str]:
    """The content hash of every table of the scope: what a round trip must keep."""
    return {
        tables.label(model): hashlib.sha256(tables.table_text(scope.rows(model))).hexdigest()
        for model in scope.carried()
    }


def stored_files() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def wipe() -> None:
    """Empty every carried table and the media folder: an empty database after migrate."""
    with connection.cursor() as cursor:
        for model in reversed(tables.carried_models()):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
    for path in sorted(Path(settings.MEDIA_ROOT).rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()


def erase(partnership: Partnership) -> None:
    """Delete one partnership's rows (not its accounts) and its files."""
    scope = Scope(partnership)
    doomed = {
        model: list(scope.rows(model).values_list("pk", flat=True))
        for model in scope.carried()
        if model is not get_user_model()
    }
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model, ids in doomed.items():
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
                cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({marks})", chunk)
    for name in ("papers/2026/03/budget.pdf", "intake/2026/03/minutes.txt"):
        default_storage.delete(name)


def test_the_fixture_gives_every_partnership_table_rows(source: Partnership, tmp_path: Path) -> None:
    written = archive_write(path=tmp_path / "p.zip", scope=Scope(source))
    empty = sorted(name for name, count in written.counts.items() if not count)
    assert not empty, f"tables with no rows in the round trip, so not tested: {empty}"
    assert written.files == 2


def test_every_table_with_rows_is_in_a_whole_instance_archive(source: Partnership, tmp_path: Path) -> None:
    written = archive_write(path=tmp_path / "all.zip", scope=Scope())
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy:  # another view of a table that is carried under its own name
            assert tables.label(model._meta.concrete_model) in written.counts
            continue
        count = model._base_manager.count()
        name = tables.label(model)
        if count and name not in EXCLUDED:
            assert written.counts.get(name) == count, name


def test_a_whole_instance_round_trip_into_an_empty_database_is_equal(
    source: Partnership, tmp_path: Path
) -> None:
    before, files = fingerprint(Scope()), stored_files()
    assert main(["backup", str(tmp_path / "all.zip")]) == 0
    wipe()
    assert not stored_files() and not Partnership.objects.exists()
    assert main(["restore", str(tmp_path / "all.zip")]) == 0
    assert fingerprint(Scope()) == before
    assert stored_files() == files
    assert len(files) == 2
    # New rows get new ids after the restored ones (PostgreSQL's sequences were moved past them).
    body = apps.get_model("governance.Body")
    highest = body._base_manager.order_by("-pk").values_list("pk", flat=True).first()
    assert body._base_manager.create(partnership=source, name="A new body").pk > highest


def test_a_partnership_round_trip_after_deleting_it_is_equal(source: Partnership, tmp_path: Path) -> None:
    other = Partnership.objects.exclude(pk=source.pk).get()
    before, others = fingerprint(Scope(source)), fingerprint(Scope(other))
    assert main(["backup", str(tmp_path / "p.zip"), "--partnership", source.slug]) == 0
    erase(source)
    assert not Partnership.objects.filter(slug=source.slug).exists()
    assert main(["restore", str(tmp_path / "p.zip")]) == 0
    assert fingerprint(Scope(Partnership.objects.get(slug=source.slug))) == before
    assert fingerprint(Scope(other)) == others
    assert default_storage.open("papers/2026/03/budget.pdf").read() == PAPER_BYTES


def test_a_partnership_restores_into_an_empty_database_with_its_accounts(
    source: Partnership, tmp_path: Path
) -> None:
    before = fingerprint(Scope(source))
    archive_write(path=tmp_path / "p.zip", scope=Scope(source))
    wipe()
    restored = backup_restore(archive=archive_read(tmp_path / "p.zip"))
    assert restored.files_written == 2 and not restored.users_kept
    assert fingerprint(Scope(Partnership.objects.get())) == before
    assert get_user_model().objects.count() == len(Scope(Partnership.objects.get()).user_ids())


def test_the_archive_holds_ciphertext_and_no_key(source: Partnership, tmp_path: Path) -> None:
    note = next(note for note in ListeningNote.objects.filter(partnership=source) if len(note.facts) > 20)
    words = note.facts
    archive_write(path=tmp_path / "all.zip", scope=Scope())
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        content = b"".join(archive.read(name) for name in archive.namelist())
    for key in settings.TRACTION_LISTENING_KEY.split(","):
        assert key.encode() not in content
        assert Fernet(key.encode())._signing_key not in content
        assert Fernet(key.encode())._encryption_key not in content
    assert settings.SECRET_KEY.encode() not in content
    assert words.encode() not in content
    with connection.cursor() as cursor:
        cursor.execute("SELECT facts FROM listening_listeningnote WHERE id = %s", [note.pk])
        [ciphertext] = cursor.fetchone()
    assert ciphertext.encode() in content  # kept as is, not encrypted again
    wipe()
    backup_restore(archive=archive_read(tmp_path / "all.zip"))
    assert ListeningNote.objects.get(pk=note.pk).facts == words


def test_a_restore_without_the_notes_key_is_refused(
    source: Partnership, tmp_path: Path, settings: Any
) -> None:
    archive_write(path=tmp_path / "all.zip", scope=Scope())
    wipe()
    settings.TRACTION_LISTENING_KEY = Fernet.generate_key().decode()
    with pytest.raises(archive_module.BackupError, match="TRACTION_LISTENING_KEY"):
        backup_restore(archive=archive_read(tmp_path / "all.zip"))
    assert not Partnership.objects.exists()


def _rewrite(source: Path, target: Path, change: Any) -> None:
    """Copy an archive, letting ``change(name, data)`` alter each member."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            new.writestr(name, change(name, old.read(name)))


def _manifest_edit(edit: Any) -> Any:
    def change(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()

    return change


def _bad_archives(good: Path, folder: Path) -> dict[str, tuple[Path, str]]:
    data = good.read_bytes()
    cases: dict[str, tuple[Path, str]] = {}

    def add(name: str, message: str, content: bytes | None = None, change: Any = None) -> None:
        path = folder / f"{name}.zip"
        if content is not None:
            path.write_bytes(content)
        else:
            _rewrite(good, path, change)
        cases[name] = (path, message)

    add("not-a-zip", "could not be opened as a zip file", content=b"hello, not an archive\n" * 50)
    add("truncated", "could not be opened as a zip file", content=data[: len(data) // 2])
    add("corrupt", "damaged", content=_flip_inside_first_table(data))
    add("wrong-version", "format version 99", change=_manifest_edit(lambda m: m.update(version=99)))
    add("wrong-format", "not a Traction backup", change=_manifest_edit(lambda m: m.update(format="other")))
    add(
        "tampered-file",
        "does not match its SHA-256",
        change=lambda n, d: d + b"tampered" if n.startswith("files/") else d,
    )
    add(
        "tampered-table",
        "does not match its SHA-256",
        change=lambda n, d: d.replace(b"Riverside", b"Riverbank") if n.startswith("tables/") else d,
    )
    add(
        "other-migrations",
        "another migration state",
        change=_manifest_edit(lambda m: m["migrations"].append("core.9999_future")),
    )
    add(
        "escaping-file",
        "damaged",
        change=_manifest_edit(lambda m: m["files"].update({"../outside.txt": {"sha256": "0", "size": 1}})),
    )
    add("missing-manifest", "no readable manifest", content=_without(data, "manifest.json"))
    return cases


def _flip_inside_first_table(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = next(
            i for i in archive.infolist() if i.filename.startswith("tables/") and i.compress_size > 64
        )
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 20
    return data[:start] + bytes(b ^ 0xFF for b in data[start : start + 16]) + data[start + 16 :]


def _without(data: bytes, member: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for name in old.namelist():
            if name != member:
                new.writestr(name, old.read(name))
    return out.getvalue()


def test_bad_archives_are_refused_with_a_plain_message_and_nothing_written(
    source: Partnership, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "p.zip"
    archive_write(path=good, scope=Scope(source))
    cases = _bad_archives(good, tmp_path)
    erase(source)
    before, files = fingerprint(Scope()), stored_files()
    for name, (path, message) in cases.items():
        capsys.readouterr()
        assert main(["restore", str(path)]) == 1, name
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err and err.count("\n") == 1, (name, err)
        assert fingerprint(Scope()) == before, name
        assert stored_files() == files, name
    assert main(["restore", str(good)]) == 0  # and the good one still restores


def test_restoring_over_what_exists_is_refused(source: Partnership, tmp_path: Path, capsys: Any) -> None:
    archive_write(path=tmp_path / "p.zip", scope=Scope(source))
    archive_write(path=tmp_path / "all.zip", scope=Scope())
    before, files = fingerprint(Scope()), stored_files()
    assert main(["restore", str(tmp_path / "p.zip")]) == 1
    assert restore_module.SLUG_TAKEN.format(slug=source.slug) in capsys.readouterr().err
    assert main(["restore", str(tmp_path / "all.zip")]) == 1
    assert "empty database only" in capsys.readouterr().err
    assert fingerprint(Scope()) == before and stored_files() == files


def test_a_partnership_from_another_instance_whose_ids_are_taken_is_refused(
    source: Partnership, tmp_path: Path, capsys: Any
) -> None:
    archive_write(path=tmp_path / "p.zip", scope=Scope(source))
    erase(source)
    body = apps.get_model("governance.Body")
    taken = archive_read(tmp_path / "p.zip").rows["governance.body"][0][0]
    other = Partnership.objects.get()
    body._base_manager.create(pk=taken, partnership=other, name="A body made here since")
    before = fingerprint(Scope())
    assert main(["restore", str(tmp_path / "p.zip")]) == 1
    assert "governance.body" in capsys.readouterr().err
    assert fingerprint(Scope()) == before


def test_backup_refuses_an_unknown_partnership_and_an_existing_file(tmp_path: Path, capsys: Any) -> None:
    assert main(["backup", str(tmp_path / "x.zip"), "--partnership", "nowhere"]) == 1
    assert "no partnership with the slug 'nowhere'" in capsys.readouterr().err
    (tmp_path / "x.zip").write_bytes(b"keep me")
    assert main(["backup", str(tmp_path / "x.zip")]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "x.zip").read_bytes() == b"keep me"
    assert [path.name for path in tmp_path.iterdir()] == ["x.zip"]
