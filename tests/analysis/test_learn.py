"""The trained engine: training on a small real fixture, the shipped model, layout-aware reading, owners and
dates."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest

from traction_analysis.document import Document, TextBlock
from traction_analysis.extract import extract, learn
from traction_analysis.extract.engine import read_document
from traction_analysis.extract.learn import FEATURES, Engine, default_engine
from traction_analysis.extract.learn.corpus import load_corpus
from traction_analysis.extract.learn.features import (
    _ALL_CUE_GATES,
    ACTION_CUES,
    CUE_GATES,
    FINITE_VERB,
    PATTERN_CUES,
    LineFeatures,
    action_cues,
    cues_stay_below,
    cues_that_may_match,
    sentence_features,
)
from traction_analysis.extract.learn.linear import LinearModel, expected_calibration_error
from traction_analysis.extract.learn.resolve import due_date, owner_of
from traction_analysis.extract.learn.train import collect, fit_engine
from traction_analysis.extract.numbering import SENTENCE_VERB
from traction_analysis.extract.text import sentences
from traction_analysis.ingest import read
from traction_analysis.scoring import words

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "shared" / "corpus"
# Four real documents of three publishers (a text file, two PDFs, Markdown): the training fixture.
FIXTURE = (
    "parish/uk-wye-valley-community-council-full-council-2024-02-26.txt",
    "parish/uk-milburn-parish-council-full-council-2018-11-06.pdf",
    "boards/uk-dclg-local-public-data-panel-2013-10-17.pdf",
    "us2/us-san-francisco-osvtac-technical-advisory-committee-2019-05-14.md",
)


@pytest.fixture(scope="module")
def fixture_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for relative in FIXTURE:
        source = CORPUS / relative
        shutil.copy(source, folder / source.name)
        shutil.copy(source.with_name(source.name + ".labels.json"), folder / (source.name + ".labels.json"))
    return folder


@pytest.fixture(scope="module")
def fixture_examples(fixture_folder: Path) -> list:
    return collect([fixture_folder], quiet=True)


def test_training_on_a_small_fixture_is_deterministic(fixture_examples: list) -> None:
    assert [e.error for e in fixture_examples] == [None] * len(FIXTURE)
    # Every gold item of these four documents starts on a line the model can choose.
    assert sum(e.reachable_items for e in fixture_examples) == sum(e.gold_items for e in fixture_examples)
    first = fit_engine(fixture_examples)
    second = fit_engine(fixture_examples)
    assert json.dumps(first.to_json(), sort_keys=True) == json.dumps(second.to_json(), sort_keys=True)
    assert first.version == second.version and first.version.startswith(f"{FEATURES}-")
    assert first.heads.weights[0], "the line model learned some weights"


def test_a_trained_engine_round_trips_through_its_file(fixture_examples: list, tmp_path: Path) -> None:
    engine = fit_engine(fixture_examples)
    path = tmp_path / "engine.json"
    path.write_text(json.dumps(engine.to_json()), encoding="utf-8")
    loaded = Engine.load(path)
    document = read(str(CORPUS / FIXTURE[0]))
    assert extract(document, loaded).to_dict() == extract(document, engine).to_dict()


def test_the_trained_engine_finds_the_items_of_a_document_it_was_trained_on(fixture_examples: list) -> None:
    engine = fit_engine(fixture_examples)
    document = read(str(CORPUS / FIXTURE[1]))
    gold = json.loads((CORPUS / (FIXTURE[1] + ".labels.json")).read_text())
    titles = [item.title for item in extract(document, engine).items]
    found = sum(1 for item in gold["items"] if any(item["title"].lower()[:12] in t.lower() for t in titles))
    assert found >= 0.8 * len(gold["items"])


def test_an_engine_file_for_other_features_is_refused(fixture_examples: list) -> None:
    data = fit_engine(fixture_examples).to_json()
    data["features"] = "f0"
    with pytest.raises(ValueError, match="features"):
        Engine.from_json(data)


def test_the_shipped_engine_names_its_version_in_the_json_line() -> None:
    engine = default_engine()
    assert engine is not None, "src/traction_analysis/extract/learn/engine.json is shipped (make train)"
    blocks = [
        TextBlock(text, None, n)
        for n, text in enumerate(
            [
                "MINUTES of the Parish Council held on 3 May 2024",
                "1. Apologies",
                "None were received.",
                "2. Village hall roof",
                "RESOLVED to repair the roof.",
                "ACTION: Clerk to obtain three quotes.",
            ],
            1,
        )
    ]
    line = json.loads(extract(Document("m.txt", "text", blocks)).to_json())
    assert line["engine"] == engine.version
    assert 0.0 <= line["segmentation_confidence"] <= 1.0 and isinstance(line["unsure"], bool)
    assert extract(Document("m.txt", "text", blocks), None).to_dict()["engine"] == "rules"


def test_the_engine_loads_without_scikit_learn_or_the_network() -> None:
    code = (
        "import sys; from traction_analysis.extract.learn import default_engine; "
        "assert default_engine() is not None; assert 'sklearn' not in sys.modules; print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.stdout.strip() == "ok", result.stderr


def test_linear_model_probabilities_and_temperature() -> None:
    binary = LinearModel(("0", "1"), ({"a": 2.0},), (-1.0,))
    assert binary.probability({"a": 1.0}) == pytest.approx(1 / (1 + 2.718281828**-1.0), rel=1e-6)
    cooler = LinearModel(("0", "1"), ({"a": 2.0},), (-1.0,), temperature=2.0)
    assert 0.5 < cooler.probability({"a": 1.0}) < binary.probability({"a": 1.0})
    three = LinearModel(("decided", "noted", "procedural"), ({"x": 1.0}, {}, {}), (0.0, 0.0, 0.0))
    p = three.probabilities({"x": 1.0})
    assert max(p, key=p.__getitem__) == "decided" and sum(p.values()) == pytest.approx(1.0)
    assert LinearModel.from_json(three.to_json()) == three


def test_item_confidence_is_platt_scaled_and_keeps_its_order(fixture_examples: list, tmp_path: Path) -> None:
    plain = fit_engine(fixture_examples)
    assert plain.item_confidence(0.3) == 0.3  # no scaling fitted: the raw product stands
    scaled = fit_engine(fixture_examples, item_calibration=(0.6, 1.1))
    raws = [0.05, 0.2, 0.4, 0.6, 0.9]
    values = [scaled.item_confidence(p) for p in raws]
    assert values == sorted(values)  # the review queue's order is unchanged
    assert values[1] == pytest.approx(1 / (1 + (0.8 / 0.2) ** 0.6 * 2.718281828**-1.1), rel=1e-6)
    assert scaled.version != plain.version  # the scaling is part of what the version names
    path = tmp_path / "engine.json"
    path.write_text(json.dumps(scaled.to_json()), encoding="utf-8")
    assert Engine.from_json(json.loads(path.read_text(encoding="utf-8"))).item_calibration == (0.6, 1.1)


def test_expected_calibration_error() -> None:
    assert expected_calibration_error([0.9] * 10, [True] * 9 + [False]) == pytest.approx(0.0)
    assert expected_calibration_error([0.9] * 10, [True] * 5 + [False] * 5) == pytest.approx(0.4)
    assert expected_calibration_error([], []) == 0.0


def test_corpus_loader_takes_publisher_and_family_from_labels_or_manifest(tmp_path: Path) -> None:
    (tmp_path / "a-2024-01-01.txt").write_text("MINUTES\n1. Apologies\n", encoding="utf-8")
    (tmp_path / "a-2024-01-01.txt.labels.json").write_text(json.dumps({"items": []}), encoding="utf-8")
    (tmp_path / "b-2024-01-01.txt").write_text("MINUTES\n1. Apologies\n", encoding="utf-8")
    (tmp_path / "b-2024-01-01.txt.labels.json").write_text(
        json.dumps({"publisher": "b-council", "family": "parish", "items": []}), encoding="utf-8"
    )
    (tmp_path / "publishers.json").write_text(
        json.dumps({"a-2024-01-01.txt": {"publisher": "a-board", "family": "nhs"}})
    )
    found = {d.name: (d.publisher, d.family, d.format) for d in load_corpus([tmp_path])}
    assert found == {
        "a-2024-01-01.txt": ("a-board", "nhs", "txt"),
        "b-2024-01-01.txt": ("b-council", "parish", "txt"),
    }


@pytest.mark.parametrize(
    ("sentence", "owner", "due"),
    [
        (
            "ACTION: Director of Public Health to circulate the dashboard by 31 March 2025.",
            "Director of Public Health",
            date(2025, 3, 31),
        ),
        (
            "Head of Integrated Commissioning to submit the plan by 10 June 2024.",
            "Head of Integrated Commissioning",
            date(2024, 6, 10),
        ),
        ("The Clerk will write to the highways department about the potholes.", "The Clerk", None),
        (
            "It was agreed to ask the Finance Manager to report back at the next meeting.",
            "the Finance Manager",
            None,
        ),
        ("Members noted the report.", None, None),
    ],
)
def test_owners_are_roles_as_often_as_names(sentence: str, owner: str | None, due: date | None) -> None:
    assert owner_of(sentence) == owner
    assert due_date(sentence, date(2024, 1, 1), False, None) == due


def test_by_the_next_meeting_takes_the_next_meetings_date() -> None:
    assert due_date(
        "Clerk to obtain quotes by the next meeting.", date(2024, 1, 1), False, date(2024, 2, 5)
    ) == date(2024, 2, 5)


def test_line_scores_from_terms_are_exactly_the_scores_of_the_feature_dicts() -> None:
    engine = default_engine()
    assert engine is not None
    for relative in FIXTURE:
        found = read_document(read(str(CORPUS / relative))).found
        features, fresh = LineFeatures(found), LineFeatures(found)
        weights = engine.heads.weights[0]
        for index in features.candidates:
            assert engine.heads.probability_of_terms(
                features.terms(index, weights)
            ) == engine.heads.probability(fresh.of(index))
        assert engine.head_probabilities(found) == {
            index: engine.heads.probability(fresh.of(index)) for index in fresh.candidates
        }


def _gated_cues(lowered: str) -> list[str]:
    """The action cues as found before: every gate word tested, each cue searched from the start."""
    present = {gate for gate in _ALL_CUE_GATES if gate in lowered}
    return [
        name
        for name, pattern in ACTION_CUES
        if not present.isdisjoint(CUE_GATES[name]) and pattern.search(lowered)
    ]


CUE_SENTENCES = (
    "The Clerk will write to the County Council about the verges.",
    "Members agreed that the hedge be cut back before the bird nesting season.",
    "It was resolved that the accounts be approved and signed by the Chair.",
    "Cllr Smith would be asked to chase the contractor by 14th March.",
    "The Chairman requested that the matter be brought back to the next meeting.",
    "Residents asked that the footpath be cleared; the clerk said that it had been reported.",
    "The officer was tasked to investigate and report back to a future meeting.",
    "The Council noted that the grant had been received.",
    "Sheffield Council will shortly be consulted; it is felt that the bench be moved was not agreed.",
    "that be rated",
    "thatched roofs will be repaired",
    "ask\tthat the clerk be informed",
    "Councillors instructed  that the sign be installed",
    "İstanbul Twinning: the secretary shall   circulate the minutes",
    "ACTION: Clerk to order the new dog bin (JB)",
    "The group would need to meet again; wills and testaments were not discussed.",
    "Shall we? No later than the end of June.",
    "",
)


def test_action_cues_are_those_every_gate_word_and_a_full_search_find() -> None:
    texts = list(CUE_SENTENCES)
    for relative in FIXTURE:
        found = read_document(read(str(CORPUS / relative))).found
        texts += [sentence.text for sentence in sentences(found.lines)]
    for text in texts:
        lowered = text.lower()
        assert action_cues(lowered) == _gated_cues(lowered), text
    assert action_cues(CUE_SENTENCES[2].lower()) == ["clerk", "it_was_agreed", "that_be"]
    assert action_cues(CUE_SENTENCES[4].lower()) == ["clerk", "asked", "report_back", "request_that"]


def test_a_sentence_matches_only_cues_whose_gate_words_it_has() -> None:
    texts = list(CUE_SENTENCES)
    for relative in FIXTURE:
        found = read_document(read(str(CORPUS / relative))).found
        texts += [sentence.text for sentence in sentences(found.lines)]
    for text in texts:
        keywords = {
            "rule_action": False,
            "in_table": False,
            "list_item": True,
            "outcome": "decided",
            "explicit_only": False,
            "position": 0.5,
        }
        whole = sentence_features(text, **keywords)
        matched = [name[4:] for name in whole if name[4:] in PATTERN_CUES]
        assert set(matched) <= set(cues_that_may_match(text, PATTERN_CUES)), text
        # Without its cues: the same features less those, in the same order.
        assert list(sentence_features(text, **keywords, cues=False)) == [
            name for name in whole if name[4:] not in matched
        ]


def test_room_below_a_threshold_is_score_a_probability_stays_below_it_with() -> None:
    model = LinearModel(("action",), ({"a": 1.5, "b": -0.5, "cue:will": 2.0},), (-3.0,), temperature=1.2)
    checked = 0
    for features in ({}, {"a": 1.0}, {"b": 1.0}, {"a": 1.0, "b": 1.0}):
        for threshold in (0.05, 0.3, 0.5, 0.62, 0.9):
            room = model.room_below(features, threshold)
            assert room is not None
            # with a cue that may be there, the score rises by at most its weight
            if 2.0 < room:
                checked += 1
                assert model.probability({**features, "cue:will": 1.0}) < threshold
            assert (0.0 < room) <= (model.probability(features) < threshold)
    assert checked >= 5
    # at the threshold there is no room; no probability is below 0
    assert model.room_below({"a": 1.0}, model.probability({"a": 1.0})) < 0.0
    assert model.room_below({}, 0.0) is None


def test_cues_stay_below_adds_the_weights_of_the_cues_a_sentence_may_match() -> None:
    rising = [("will", 1.2), ("asked", 0.8), ("clerk", 0.6), ("request_that", 0.2)]
    text = "The Clerk will write to the highways authority."  # may match "will" and "clerk" only
    assert cues_that_may_match(text, [name for name, _ in rising]) == ["will", "clerk"]
    assert cues_stay_below(text, rising, 1.81)
    assert not cues_stay_below(text, rising, 1.8)
    assert cues_stay_below("Noted.", rising, 0.0 + 1e-12)
    assert not cues_stay_below("Noted.", rising, 0.0)
    assert cues_stay_below(text, rising, 2.9)  # all four together fit: no gate word tested


def test_sentences_the_model_need_not_score_get_the_decision_scoring_gives(monkeypatch) -> None:
    engine = default_engine()
    assert engine is not None
    documents = [read(str(CORPUS / relative)) for relative in FIXTURE]
    quick = [extract(document, engine).to_json() for document in documents]
    # Every sentence scored: no bound taken, and a veto threshold above 0 (that no probability is under).
    monkeypatch.setattr(LinearModel, "room_below", lambda *args: None)
    asking = dataclasses.replace(engine, veto_threshold=1e-300)
    assert [extract(document, asking).to_json() for document in documents] == quick


def test_rule_actions_a_sentence_states_are_found_by_word_as_by_trying_every_pair() -> None:
    rule = [
        "Write to the Highways Authority about the potholes on Mill Lane",
        "Clerk to obtain three quotes for the fence repair",
        "Circulate the draft budget",  # short: only its words can match
        "Obtain quotes",
        "",
    ]
    sentences = [
        "The Clerk was asked to obtain three quotes for the fence repair before the next meeting.",
        "It was agreed to write to the highways authority about the potholes on Mill Lane.",
        "Cllr Reed said that the potholes on Mill Lane were getting worse.",
        "circulate the draft budget to all members",
        "The meeting closed at 9.15pm.",
        "",
        "RESOLVED: that quotes be obtained.",
    ]
    matcher = learn._RuleMatcher(rule)
    for sentence in sentences:
        expected = [i for i, action in enumerate(rule) if learn._overlaps(action, sentence)]
        assert matcher.overlapping(learn._Text(sentence)) == expected
    assert matcher.overlapping(learn._Text(sentences[0])) == [1, 3]
    # all the sentences of an item at once, as the engine asks
    read = [learn._Text(sentence) for sentence in sentences]
    assert matcher.stated(read) == [matcher.overlapping(sentence) for sentence in read]
    assert matcher.stated(read[::-1]) == [matcher.overlapping(sentence) for sentence in read[::-1]]
    assert matcher.stated([]) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Clerk was asked to obtain 3 quotes (fence repair) before the next meeting.",
        "Cllr O'Neill's e-mail re: item 7b; see www.example.org/x?y=1",
        "Café “Déjà vu” – Straße 12 £40, İstanbul",
        "  two  spaces\tand a tab\n",
        "non\xa0breaking space",
        "",
    ],
)
def test_a_texts_words_and_flat_form_are_the_scorers_and_its_spaces_collapsed(text: str) -> None:
    read = learn._Text(text)
    assert read.words == words(text)
    assert read.flat == " ".join(text.lower().split())


def test_a_neighbour_sees_the_same_features_of_a_line_whether_or_not_its_own_were_worked_out() -> None:
    found = read_document(read(str(CORPUS / FIXTURE[1]))).found
    whole, partial = LineFeatures(found), LineFeatures(found)
    for index in range(len(found.lines)):
        whole.own(index)
        assert whole.context(index, "p:") == partial.context(index, "p:")
        assert list(whole.context(index, "n:")) == list(partial.context(index, "n:"))


# --- what the readers see -----------------------------------------------------------------------


def test_pdf_lines_carry_font_size_bold_indent_and_gap() -> None:
    weasyprint = pytest.importorskip("weasyprint")
    html = (
        "<html><body style='font: 11pt serif'><p style='font-size:15pt'><b>Village Hall Roof</b></p>"
        "<p style='margin-left:40pt'>The council agreed to repair the roof.</p></body></html>"
    )
    pdf = weasyprint.HTML(string=html).write_pdf()
    blocks = read(pdf, name="m.pdf").blocks
    heading, body = blocks[0], blocks[1]
    assert heading.text == "Village Hall Roof" and heading.style is not None
    assert heading.style.bold and body.style is not None and not body.style.bold
    # PDFium reports the size in the font's own space; what matters is the heading is larger than the text.
    assert heading.style.size / body.style.size == pytest.approx(15 / 11, rel=0.02)
    assert body.style.indent > heading.style.indent + 30
    assert body.style.gap is not None and body.style.gap > 0


def test_html_list_items_get_the_numbers_a_browser_draws() -> None:
    html = (
        b"<html><body><h2>Minutes</h2><ol start='3'><li><b>Apologies</b><p>None.</p></li><li>Budget"
        b"<ol type='a'><li>Capital</li><li>Revenue</li></ol></li></ol><ol type='I'><li>Close</li></ol></body></html>"
    )
    blocks = read(html, name="m.html").blocks
    assert [(b.text, b.style.marker if b.style else None) for b in blocks] == [
        ("Minutes", None),
        ("3. Apologies", "3."),
        ("None.", None),
        ("4. Budget", "4."),
        ("a. Capital", "a."),
        ("b. Revenue", "b."),
        ("I. Close", "I."),
    ]
    assert blocks[0].style.level == 2 and blocks[1].style.bold and not blocks[3].style.bold


def test_docx_paragraphs_carry_heading_level_and_bold() -> None:
    document = docx.Document()
    document.add_heading("Planning", level=2)
    paragraph = document.add_paragraph()
    paragraph.add_run("Village Hall Roof").bold = True
    document.add_paragraph("The council agreed to repair the roof.")
    buffer = io.BytesIO()
    document.save(buffer)
    blocks = read(buffer.getvalue(), name="m.docx").blocks
    assert [(b.text, b.style.level, b.style.bold) for b in blocks] == [
        ("Planning", 2, False),
        ("Village Hall Roof", None, True),
        ("The council agreed to repair the roof.", None, False),
    ]


def test_markdown_keeps_whole_line_bold_and_reads_embedded_html() -> None:
    text = b"# Minutes\n**Apologies**\nNone were received.\n<p><strong>Village Hall Roof</strong></p>\n"
    blocks = read(text, name="m.md").blocks
    assert [(b.text, b.style.bold, b.style.level) for b in blocks] == [
        ("Minutes", False, 1),
        ("Apologies", True, None),
        ("None were received.", False, None),
        ("Village Hall Roof", True, None),
    ]
    assert all(b.line for b in blocks) and blocks[-1].line == 4


@pytest.mark.parametrize(
    "text",
    [
        "CHAIR ________",
        "Signed ___ Date ___",
        "Date……………",
        "Date……",
        "Chairman ..........",
        "See page 4 .....",
        "The meeting closed at 9.15pm...",
    ],
)
def test_a_signature_blank_is_found_by_substring_as_by_its_pattern(text: str) -> None:
    from traction_analysis.extract.learn.features import SIGNATURE_BLANK, _signature_blank

    assert _signature_blank(text) == bool(SIGNATURE_BLANK.search(text))


@pytest.mark.parametrize(
    "text",
    [
        "Members agreed to write to the council",
        "Report to be received",
        "To be discussed at the next meeting",
        "The proposed budget for 2025/26",
        "A proposed ordinance amending Chapter 4",
        "An agreed timetable",
        "Beenham Parish Council",
        "Clerk had been asked to chase the contractor",
        "Minutes of the meeting held on 3 March",
        "Play area – the fence was repaired",
        "Highways: potholes reported on Mill Lane",
        "",
    ],
)
def test_the_factored_verb_pattern_finds_a_verb_exactly_where_the_rules_pattern_does(text: str) -> None:
    assert (FINITE_VERB.search(text) is None) == (SENTENCE_VERB.search(text) is None)
    assert FINITE_VERB.pattern != SENTENCE_VERB.pattern  # the factored form is in use, not the fallback
