"""Typed outcomes: notes that know their kind, and the output plan's own error."""

import io
import json
import pickle

import pytest

from cleaner import batch, clean, inputs, output
from cleaner.errors import OutputError, OutputPlanError
from cleaner.model import Result
from cleaner.notes import Note, NoteKind, kind_of, limit, warning
from cleaner.output import plan
from cleaner.output.sink import Sink

ARTICLE = "The council voted on Tuesday to extend the river walk by two kilometres.\n"


def test_a_note_is_its_text_and_keeps_its_kind_through_a_pool():
    note = limit("page too large, only its first 2,000,000 read")
    assert note == "limit: page too large, only its first 2,000,000 read"
    assert json.dumps([note]) == '["limit: page too large, only its first 2,000,000 read"]'
    assert kind_of(pickle.loads(pickle.dumps(note))) is NoteKind.LIMIT
    assert kind_of(pickle.loads(pickle.dumps(warning("x")))) is NoteKind.WARNING
    assert kind_of("markup: 5 raw HTML tags removed") is NoteKind.REMARK


def _take(*notes: str) -> tuple[list[str], Sink]:
    said: list[str] = []
    sink = Sink(
        fmt="text", plan={}, many=False, jsonl_in=False, say=said.append, stdout=output.Stream(io.BytesIO())
    )
    result = clean(ARTICLE)
    result = Result(**{**result.__dict__, "notes": notes})
    task = batch.Task(0, "a.txt")
    sink.take(batch.Done(task, result, output=result.text + "\n", removed={}))
    return said, sink


def test_the_sink_goes_by_a_notes_kind_not_its_words():
    said, sink = _take(
        warning("rule x timed out after 1s; skipped for this document"),
        limit("page has 9,000 elements, only its first 8,000 read"),
        Note("a remark that says timed out and limit: in its words"),
    )
    assert said == [
        "a.txt: warning: rule x timed out after 1s; skipped for this document",
        "a.txt: limit: page has 9,000 elements, only its first 8,000 read",
    ]
    assert sink.incomplete == 1


def test_a_plain_string_note_is_a_remark():
    said, sink = _take("limit: words alone do not make a limit note")
    assert (said, sink.incomplete) == ([], 0)


def test_a_clash_of_outputs_is_a_plan_error_not_a_write_error(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text(ARTICLE)
    (tmp_path / "x.txt").write_text(ARTICLE)
    items = inputs.expand([str(tmp_path / "a" / "x.txt"), str(tmp_path / "x.txt")])
    with pytest.raises(OutputPlanError, match="would both be written to"):
        plan.plan_outputs(items, tmp_path / "out")
    assert issubclass(OutputPlanError, OutputError)
