"""The permission object of erasure and subject-access export: a person of the record, seen as the personal
data held about them. A proxy (no table of its own), so that the permission table names it (``personaldata``,
admins only) apart from the ordinary ``person`` record that secretaries keep."""

from __future__ import annotations

from traction.governance.models import Person


class PersonalData(Person):
    class Meta:
        proxy = True
        verbose_name = "personal data"
        verbose_name_plural = "personal data"
