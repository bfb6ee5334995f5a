"""Writes of the intake app: uploads, their extraction, and the review that turns proposals into the
record."""

from traction.intake.services.submit import origin_key, review_submit

__all__ = ["origin_key", "review_submit"]
