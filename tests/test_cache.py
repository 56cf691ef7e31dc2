"""The disk cache of closed forms: data read back through the whitelist parser, keyed by content."""

import json
import subprocess
import sys

import pytest

import sbgames
from sbgames import cache, load_model
from sbgames.solvers import symbolic
from sbgames.solvers.symbolic import symbolic_equilibria


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SBGAMES_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SBGAMES_NO_CACHE", raising=False)
    return tmp_path


def _fields(result):
    return [(b.supports, b.strategies, b.payoffs, b.conditions, b.witness) for b in result] + [
        result.complete, result.degenerate_supports]


def test_second_derivation_comes_from_the_cache(cache_dir, monkeypatch):
    core = load_model("core")
    first = symbolic_equilibria(core)
    assert len(list(cache_dir.glob("*.json"))) == 1

    def no_derivation(*args):
        raise AssertionError("derived again although the cache holds the result")
    monkeypatch.setattr(symbolic, "_two_player", no_derivation)
    second = symbolic_equilibria(core)
    assert _fields(second) == _fields(first)
    assert second.branch(("Revise",), ("Soft",)).holds_at(**core.values(l="1/2"))


def test_no_cache_reads_and_writes_nothing(cache_dir, monkeypatch):
    monkeypatch.setenv("SBGAMES_NO_CACHE", "1")
    symbolic_equilibria(load_model("prisoners_dilemma"))
    assert not list(cache_dir.iterdir())


def test_the_key_follows_content_and_version(monkeypatch):
    core = load_model("core")
    key = cache.model_key(core, "x")
    assert cache.model_key(load_model("core"), "x") == key
    assert cache.model_key(core, "y") != key
    assert cache.model_key(load_model("prisoners_dilemma"), "x") != key
    monkeypatch.setattr(sbgames, "__version__", "999")
    assert cache.model_key(core, "x") != key


@pytest.mark.parametrize("payload", [
    "not json at all",
    json.dumps({"complete": True, "degenerate_supports": [], "branches": [
        {"supports": [["Revise"], ["Soft"]], "strategies": [["__import__('os').system('true')"], ["1"]],
         "payoffs": ["0", "0"], "conditions": True, "witness": None}]}),
    json.dumps({"complete": True, "degenerate_supports": [], "branches": [
        {"supports": [["Nope"], ["Soft"]], "strategies": [["1", "0"], ["0", "1", "0"]],
         "payoffs": ["0", "0"], "conditions": True, "witness": None}]}),
])
def test_a_damaged_or_hostile_entry_is_ignored_and_derived_anew(cache_dir, payload):
    core = load_model("core")
    fresh = symbolic_equilibria(core)
    (path,) = cache_dir.glob("*.json")
    path.write_text(payload)
    again = symbolic_equilibria(core)
    assert _fields(again) == _fields(fresh)
    assert json.loads(path.read_text())["branches"]  # rewritten whole


def test_two_processes_writing_one_entry_leave_one_whole_file(cache_dir):
    code = ("import sys; from sbgames import cache\n"
            "for i in range(200): cache.store('k', {'writer': sys.argv[1], 'data': list(range(500))})")
    procs = [subprocess.Popen([sys.executable, "-c", code, str(w)]) for w in range(2)]
    assert all(p.wait(timeout=60) == 0 for p in procs)
    assert json.loads((cache_dir / "k.json").read_text())["data"] == list(range(500))
    assert [p.name for p in cache_dir.iterdir()] == ["k.json"]  # no temporary files left behind


def test_a_closed_form_that_does_not_read_back_is_not_stored(cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "expression_text", lambda expr: "pi_is_not_a_parameter")
    result = symbolic_equilibria(load_model("prisoners_dilemma"))
    assert [b.label for b in result] == ["Defect / Defect"]
    assert not list(cache_dir.glob("*.json"))
