"""Encryption at rest for what was said in a listening conversation.

The key comes from ``settings.TRACTION_LISTENING_KEY``: one Fernet key, or several separated by commas
(the first encrypts; every one decrypts, so a key can be rotated without rewriting old rows first). With
debug on, settings derive a development key from the secret key; with debug off a missing key is a
start-up error (see ``traction.listening.checks``).
"""

from __future__ import annotations

import functools
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

MISSING_KEY = (
    "TRACTION_LISTENING_KEY must be set when TRACTION_DEBUG is off: listening notes are encrypted "
    'with it. Generate one with: python -c "from cryptography.fernet import Fernet; '
    'print(Fernet.generate_key().decode())"'
)
BAD_KEY = (
    "TRACTION_LISTENING_KEY is not a valid key: each comma-separated key must be 32 url-safe "
    "base64-encoded bytes, as Fernet.generate_key() makes."
)
UNREADABLE = "A listening record could not be decrypted with the configured TRACTION_LISTENING_KEY."


def configured_keys() -> list[str]:
    raw = getattr(settings, "TRACTION_LISTENING_KEY", "") or ""
    return [key.strip() for key in raw.split(",") if key.strip()]


def key_problem() -> str | None:
    """Why the configured key cannot be used, or None when it can."""
    keys = configured_keys()
    if not keys:
        return MISSING_KEY
    try:
        for key in keys:
            Fernet(key.encode())
    except (ValueError, TypeError):
        return BAD_KEY
    return None


@functools.lru_cache(maxsize=4)
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def cipher() -> MultiFernet:
    problem = key_problem()
    if problem:
        raise ImproperlyConfigured(problem)
    return _cipher(tuple(configured_keys()))


def encrypt(text: str) -> str:
    return cipher().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return cipher().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as exc:
        raise ImproperlyConfigured(UNREADABLE) from exc


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token: the database column never holds the words. It cannot be searched,
    filtered or ordered on (each encryption of the same text differs)."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return value if value is None else decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return value if value is None else encrypt(str(value))

    def get_lookup(self, lookup_name: str) -> Any:
        # Comparing ciphertexts would silently find nothing: refuse every lookup but "is null".
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None

    def to_python(self, value: Any) -> Any:
        # A dump (dumpdata) carries the ciphertext: loading it back must restore the words, not store the
        # token as if it were the text. Only a token made with one of the configured keys is read this way.
        value = super().to_python(value)
        if isinstance(value, str) and value.startswith("gAAAAA"):
            try:
                return cipher().decrypt(value.encode("ascii")).decode("utf-8")
            except (InvalidToken, UnicodeError):
                return value
        return value

    def value_to_string(self, obj: models.Model) -> str:
        # Serialisation (dumpdata) carries the ciphertext, never the words.
        return encrypt(str(self.value_from_object(obj)))
