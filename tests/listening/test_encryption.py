"""Notes are encrypted at rest with TRACTION_LISTENING_KEY; without a usable key, production refuses to
start."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from factories import World
from listening import kit
from traction.listening import crypto
from traction.listening.checks import listening_key_check
from traction.listening.models import ListeningNote
from web.test_settings_docs import PRODUCTION, manage  # type: ignore[import-not-found]


def _raw(note: ListeningNote) -> tuple[str, str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT facts, feelings, setting FROM listening_listeningnote WHERE id = %s", [note.pk]
        )
        return cursor.fetchone()


@pytest.mark.django_db
def test_the_columns_hold_ciphertext_and_read_back_as_text(world_a: World) -> None:
    note = kit.make_note(kit.make_exercise(world_a.partnership), setting="")
    raw = _raw(note)
    assert all(value.startswith("gAAAA") for value in raw)
    assert kit.FACTS not in "".join(raw)
    assert ListeningNote.objects.get(pk=note.pk).facts == kit.FACTS
    assert ListeningNote.objects.get(pk=note.pk).setting == ""


@pytest.mark.django_db
def test_encrypted_columns_cannot_be_searched(world_a: World) -> None:
    from django.core.exceptions import FieldError

    kit.make_note(kit.make_exercise(world_a.partnership))
    for lookup in ("facts", "facts__icontains", "feelings__startswith"):
        with pytest.raises(FieldError):
            list(ListeningNote.objects.filter(**{lookup: "papers"}))
    assert ListeningNote.objects.filter(setting__isnull=False).count() == 1


@pytest.mark.django_db
def test_a_key_can_be_rotated(world_a: World, settings: pytest.FixtureRequest) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.TRACTION_LISTENING_KEY = old
    note = kit.make_note(kit.make_exercise(world_a.partnership))
    settings.TRACTION_LISTENING_KEY = f"{new},{old}"
    assert ListeningNote.objects.get(pk=note.pk).facts == kit.FACTS
    settings.TRACTION_LISTENING_KEY = new
    with pytest.raises(ImproperlyConfigured, match="could not be decrypted"):
        ListeningNote.objects.get(pk=note.pk)


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("", crypto.MISSING_KEY),
        ("not-a-key", crypto.BAD_KEY),
        (f"{Fernet.generate_key().decode()},short", crypto.BAD_KEY),
    ],
    ids=["missing", "not-a-key", "good-then-short"],  # a random key would name the test differently each run
)
def test_the_system_check_reports_a_missing_or_bad_key(
    settings: pytest.FixtureRequest, key: str, problem: str
) -> None:
    settings.TRACTION_LISTENING_KEY = key
    [error] = listening_key_check()
    assert error.id == "listening.E001" and error.msg == problem and error.is_serious()
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("anything")


def test_a_good_key_passes_the_check(settings: pytest.FixtureRequest) -> None:
    settings.TRACTION_LISTENING_KEY = Fernet.generate_key().decode()
    assert listening_key_check() == []


def test_production_refuses_to_start_without_a_listening_key(tmp_path: object) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "TRACTION_LISTENING_KEY"}
    result = manage("check", env={**env, "TRACTION_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "TRACTION_LISTENING_KEY must be set" in result.stderr


def test_production_refuses_to_start_with_a_malformed_listening_key(tmp_path: object) -> None:
    result = manage(
        "check",
        env={**PRODUCTION, "TRACTION_LISTENING_KEY": "password123", "TRACTION_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "listening.E001" in result.stderr and crypto.BAD_KEY in result.stderr


def test_debug_derives_a_development_key(tmp_path: object) -> None:
    result = manage("check", env={"TRACTION_VAR_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
