import gc

import pytest

from traction_analysis.collection import collection_paused


@pytest.fixture
def collector_state():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_the_collector_pauses_for_the_block_and_resumes(collector_state):
    gc.enable()
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_resumes_when_the_block_raises(collector_state):
    gc.enable()
    with pytest.raises(ValueError), collection_paused():
        raise ValueError("a reader's error")
    assert gc.isenabled()


def test_a_collector_someone_else_paused_stays_paused(collector_state):
    gc.disable()
    with collection_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_extract_runs_with_the_collector_paused_and_resumes_it(collector_state):
    from traction_analysis.document import Document, TextBlock
    from traction_analysis.extract import extract

    gc.enable()
    document = Document(name="m.txt", format="txt", blocks=[TextBlock("1. Apologies", 1, 1)], pages=1)
    running: list[bool] = []
    result = extract(document, on_item=lambda item, page: running.append(gc.isenabled()))
    assert [item.title for item in result.items] == ["Apologies"]
    assert running == [False]
    assert gc.isenabled()
