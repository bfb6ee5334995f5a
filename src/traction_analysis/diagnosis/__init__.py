"""Work-avoidance diagnosis from extracted minutes: topics, records, findings, experiments, reports.

Pure Python, no Django: ``traction diagnose`` uses it offline, and the web body profile reuses the
findings, experiments and charts.
"""

from traction_analysis.diagnosis.diagnose import (
    BodyDiagnosis,
    Diagnosis,
    DiagnosisError,
    MeetingRow,
    diagnose_extracts,
)
from traction_analysis.diagnosis.experiments import EXPERIMENTS, Experiment, experiments_for
from traction_analysis.diagnosis.findings import (
    BLAME_WORDS,
    Finding,
    PartnershipFinding,
    Thresholds,
    findings_for,
)
from traction_analysis.diagnosis.from_extracts import (
    UNKNOWN_BODY,
    ExtractRecords,
    SkippedDocument,
    records_from_extracts,
)
from traction_analysis.diagnosis.report import render_html, render_text, to_dict
from traction_analysis.diagnosis.topics import TopicInput, assign_topics, content_words, normalise_title

__all__ = [
    "BLAME_WORDS",
    "EXPERIMENTS",
    "UNKNOWN_BODY",
    "BodyDiagnosis",
    "Diagnosis",
    "DiagnosisError",
    "Experiment",
    "ExtractRecords",
    "Finding",
    "MeetingRow",
    "PartnershipFinding",
    "SkippedDocument",
    "Thresholds",
    "TopicInput",
    "assign_topics",
    "content_words",
    "diagnose_extracts",
    "experiments_for",
    "findings_for",
    "normalise_title",
    "records_from_extracts",
    "render_html",
    "render_text",
    "to_dict",
]
