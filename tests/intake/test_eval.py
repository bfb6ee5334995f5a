"""Reviewers' corrections scored like the gold files: `traction eval` gives the evaluation scorer's
figures."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from intakekit import minutes_text, run_worker, upload

from factories import World
from traction.cli import main
from traction.core.models import Role
from traction.intake.models import ProposalStatus, Review
from traction.intake.services.decisions import proposal_accept, proposal_reject, proposals_decide
from traction.intake.services.documents import documents_upload
from traction_analysis import scoring

# The real worker closes a connection left inside a transaction (as it must between tasks), so these
# tests commit for real instead of running inside one rolled-back transaction.
pytestmark = pytest.mark.django_db(transaction=True)

SHARED = Path(__file__).resolve().parents[3] / "shared"
SCORER = SHARED / "eval" / "score_minutes.py"
LABELS = SHARED / "data" / "minutes"
needs_scorer = pytest.mark.skipif(
    not SCORER.exists(), reason="the evaluation scorer is not beside the project"
)


def _reference_scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_minutes", SCORER)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _reviewed(world: World, secretary: Any) -> Review:
    """Minutes uploaded, read by the worker, then reviewed: one corrected, one rejected, the rest accepted."""
    documents_upload(
        user=secretary,
        partnership=world.partnership,
        body=world.body,
        meeting=world.meeting,
        kind="minutes",
        uploads=[upload("hwb-2025-03-10.txt", minutes_text())],
    )
    run_worker()
    review = Review.objects.get()
    winter = review.proposals.get(original__number="6")
    proposal_accept(
        user=secretary,
        proposal=winter,
        values={
            "number": "6",
            "title": "Winter pressures",
            "outcome": "deferred",
            "resolution": "",
            "actions": [
                {"text": "Officers to bring the winter plan back in June", "owner": "Officers", "due": None}
            ],
        },
    )
    proposal_reject(user=secretary, proposal=review.proposals.get(original__number="1"))
    proposals_decide(
        user=secretary,
        review=review,
        decision="accept",
        proposals=list(review.proposals.filter(status=ProposalStatus.PENDING)),
    )
    return review


def test_eval_prints_the_scorers_figures_for_reviewed_documents(
    users: dict[str, Any], world_a: World, capsys: Any, tmp_path: Path
) -> None:
    _reviewed(world_a, users[Role.SECRETARY])
    assert (
        main(["eval", "--partnership", world_a.partnership.slug, "--per-doc", "--write", str(tmp_path)]) == 0
    )
    out = capsys.readouterr().out
    # 4 proposed, 3 accepted (one rejected): precision 3/4; outcome right on 2 of 3; 1 action proposed and
    # kept apart from the corrected one (different words), 1 added by the reviewer.
    assert "hwb-2025-03-10.txt: items 3/3 (pred 4), outcome 2/3, actions 1/2 (pred 1)" in out
    assert "item_precision: 0.75\nitem_recall: 1.0" in out
    assert (tmp_path / "hwb-2025-03-10.txt.labels.json").exists()
    gold = json.loads((tmp_path / "hwb-2025-03-10.txt.labels.json").read_text())
    assert [item["outcome"] for item in gold["items"]] == ["procedural", "decided", "deferred"]
    if SCORER.exists():
        reference = subprocess.run(
            [sys.executable, str(SCORER), str(tmp_path / "predictions.jsonl"), str(tmp_path), "--per-doc"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert out == reference


def test_eval_names_an_unknown_partnership(db: None, capsys: Any) -> None:
    assert main(["eval", "--partnership", "nowhere"]) == 1
    assert "no partnership with the slug 'nowhere'" in capsys.readouterr().err


def test_a_review_still_pending_is_not_scored(users: dict[str, Any], world_a: World, capsys: Any) -> None:
    documents_upload(
        user=users[Role.SECRETARY],
        partnership=world_a.partnership,
        body=world_a.body,
        meeting=world_a.meeting,
        kind="minutes",
        uploads=[upload("m.txt", minutes_text())],
    )
    run_worker()
    assert main(["eval", "--partnership", world_a.partnership.slug, "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no fully reviewed document yet" in captured.err


def _perturbed(gold: dict[str, Any], seed: int) -> dict[str, Any]:
    """A plausible, imperfect prediction: items dropped, outcomes changed, actions and owners altered."""
    items = copy.deepcopy(gold.get("items") or [])
    out = []
    for index, item in enumerate(items):
        if (index + seed) % 7 == 3:
            continue
        if (index + seed) % 5 == 1:
            item["outcome"] = "noted" if item.get("outcome") != "noted" else "decided"
        if (index + seed) % 4 == 2:
            item["title"] = item["title"].split(" ")[0]
            item["number"] = None
        for a_index, action in enumerate(item.get("actions") or []):
            if (a_index + index + seed) % 3 == 0:
                action["owner"] = None
            if (a_index + seed) % 4 == 1:
                action["text"] = "Report back"
        out.append(item)
    out.append(
        {
            "number": "99",
            "title": "Any other business",
            "outcome": "procedural",
            "actions": [{"text": "Circulate the notes", "owner": "Clerk", "due": None}],
        }
    )
    return {"items": out}


@needs_scorer
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_scoring_gives_the_reference_scorers_numbers_on_the_gold_files(tmp_path: Path, seed: int) -> None:
    gold = {
        path.name[: -len(".labels.json")]: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(LABELS.glob("*.labels.json"))
    }
    predictions = {name: {"document": name, **_perturbed(labels, seed)} for name, labels in gold.items()}
    names = sorted(predictions)
    del predictions[names[seed]]  # one document without a prediction counts as fully missed
    path = tmp_path / "predictions.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in predictions.values()), encoding="utf-8")
    reference_summary, reference_docs = _reference_scorer().score(path, LABELS)
    summary, per_doc = scoring.score(gold, predictions)
    assert summary == reference_summary
    assert [dict(doc=d.doc, **d.counts, found=d.found) for d in per_doc] == reference_docs


def test_an_item_added_in_review_counts_as_missed(users: dict[str, Any], world_a: World, capsys: Any) -> None:
    from traction.governance.models import AgendaItem
    from traction.intake.services.decisions import proposal_add

    review = _reviewed(world_a, users[Role.SECRETARY])
    added = proposal_add(
        user=users[Role.SECRETARY],
        review=review,
        values={
            "number": "7",
            "title": "Date of next meeting",
            "outcome": "procedural",
            "resolution": "",
            "actions": [{"text": "Book the room", "owner": None, "due": "2025-06-01"}],
        },
    )
    assert added.status == ProposalStatus.ACCEPTED and not added.extracted
    assert (
        AgendaItem.objects.get(meeting=world_a.meeting, number="7").provenance["title"]["review"] == review.pk
    )
    assert main(["eval", "--partnership", world_a.partnership.slug, "--per-doc"]) == 0
    out = capsys.readouterr().out
    assert "hwb-2025-03-10.txt: items 3/4 (pred 4), outcome 2/3, actions 1/3 (pred 1)" in out


def test_written_corrections_carry_the_documents_and_can_teach_the_engine(
    users: dict[str, Any], world_a: World, tmp_path: Path
) -> None:
    from traction_analysis.extract.learn import FEATURES
    from traction_analysis.extract.learn.train import collect, fit_engine

    _reviewed(world_a, users[Role.SECRETARY])
    assert main(["eval", "--partnership", world_a.partnership.slug, "--write", str(tmp_path)]) == 0
    assert (tmp_path / "hwb-2025-03-10.txt").read_bytes() == minutes_text()
    labels = json.loads((tmp_path / "hwb-2025-03-10.txt.labels.json").read_text())
    assert (labels["publisher"], labels["family"]) == (world_a.partnership.slug, "corrections")
    examples = collect([tmp_path], quiet=True)
    assert [(e.document.name, e.error, e.reachable_items) for e in examples] == [
        ("hwb-2025-03-10.txt", None, 3)
    ]
    assert [outcome for _, outcome in examples[0].outcomes] == ["procedural", "decided", "deferred"]
    assert fit_engine(examples).version.startswith(f"{FEATURES}-")
