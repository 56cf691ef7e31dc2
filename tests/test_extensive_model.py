"""Extensive models from files (kind = "extensive"): the sequential core and THEORY fact 4."""

import random
from fractions import Fraction as F

import pytest
import sympy

from sbgames import ModelError, load_model
from sbgames.cli import main

SEQ = load_model("core_sequential")


def test_fact4_numerically_on_both_sides():
    # S soft balances a revision and bandwagons after restraint; T restrains iff lam*l > (1 - e_s) g
    rng = random.Random(4)
    checked = 0
    while checked < 60:
        p = {"g": F(rng.randint(1, 40), 4), "e_s": F(rng.randint(1, 7), 8), "lam": F(rng.randint(0, 20), 4),
             "l": F(rng.randint(0, 20), 4), "l_r": F(0)}
        p["theta"] = (F(1) + F(1) + F(rng.randint(1, 8), 4)) / p["e_s"]  # e_s theta > b + c_s: soft beats bandwagon
        p["e_h"] = p["e_s"]  # hard balancing blocks no more than soft balancing: it never pays
        lhs, rhs = p["lam"] * p["l"], (1 - p["e_s"]) * p["g"]
        if lhs == rhs:
            continue
        (spe,) = SEQ.equilibria(**p)
        assert spe.actions == (("Restrain", "Bandwagon") if lhs > rhs else ("Revise", "Soft")), p
        checked += 1


def test_fact4_symbolically():
    branches = SEQ.symbolic_equilibria()
    restraint = [b for b in branches if dict(b.strategies)["T"] == "Restrain"
                 and dict(b.strategies)["T:Revise/S"] == "Soft" and dict(b.strategies)["T:Restrain/S"] == "Bandwagon"]
    assert len(restraint) == 1
    cond = restraint[0].conditions
    atoms = cond.args if isinstance(cond, sympy.And) else (cond,)
    g, e_s, lam, l = (SEQ.symbols[k] for k in ("g", "e_s", "lam", "l"))
    # T's condition (restraint meets bandwagoning, revision meets soft balancing): lam l >= (1 - e_s) g
    assert any(sympy.simplify((a.lhs - a.rhs) - (lam * l - (1 - e_s) * g)) == 0 for a in atoms)


def test_expected_blocks_and_boundary():
    assert SEQ.check_expected(exact=True) == []
    assert {s.actions for s in SEQ.equilibria(l=1)} == {("Restrain", "Bandwagon"), ("Revise", "Soft")}


def test_non_credible_threat_is_reported(capsys):
    assert main(["solve", "core_sequential"]) == 0
    out = capsys.readouterr().out
    assert "path Restrain -> Bandwagon" in out
    assert "not credible: Hard at T:Revise/S" in out
    assert main(["show", "core_sequential"]) == 0
    assert "Soft -> (g*(1 - e_s) - l*lam" in capsys.readouterr().out


@pytest.mark.parametrize("old, new, fragment", [
    ('Revise = { player = "S"', 'Revise = { player = "Z"', "is not a player"),
    ('"Revise/Soft" = ["(1 - e_s)*g - lam*l", "-(1 - e_s)*theta - c_s"]', '', "nothing describes the path 'Revise/Soft'"),
    ('"Revise/Soft" = ["(1 - e_s)*g - lam*l", "-(1 - e_s)*theta - c_s"]',
     '"Revise/Soft" = ["__import__(\'os\')", "0"]', "calls are allowed only"),
    ('[payoffs]', '[payoffs]\n"Nowhere/At" = ["0", "0"]', "no path leads to"),
])
def test_bad_extensive_files(tmp_path, old, new, fragment):
    text = (SEQ.path).read_text()
    assert old in text
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace(old, new, 1))
    with pytest.raises(ModelError, match=fragment):
        load_model(bad)


def test_restraint_region_of_the_sequential_core():
    from sbgames import regions
    rmap = regions(SEQ, x=("l", 0, 6), y=("lam", 0, 4), resolution=40)
    assert rmap.method == "closed form"
    assert set(rmap.region_names) <= {"Restrain -> Bandwagon (unique)", "Revise -> Soft (unique)",
                                      "multiple: Restrain -> Bandwagon; Revise -> Soft"}
    assert [str(b) for b in rmap.boundaries] == ["lam = 2/l"]  # lam l = (1 - e_s) g = 2: fact 4
    rng = random.Random(7)
    for _ in range(40):
        i, j = rng.randrange(40), rng.randrange(40)
        l, lam = F(float(rmap.x[i])), F(float(rmap.y[j]))
        if lam * l == 2:
            continue
        expected = "Restrain -> Bandwagon (unique)" if lam * l > 2 else "Revise -> Soft (unique)"
        assert rmap.labels[j, i] == expected


def test_public_names_of_the_sequential_games_issue(tmp_path):
    import sbgames
    tree = SEQ.game(exact=True)
    spe = tree.subgame_perfect_equilibria()
    assert [e.actions for e in spe] == [("Restrain", "Bandwagon")]
    assert spe[0].strategies["T"] == "Restrain" and spe[0].payoffs == (0, 0)
    normal = tree.to_normal_form()
    assert isinstance(normal, sbgames.Game) and normal.players == ("T", "S")
    path = tmp_path / "seq.efg"
    sbgames.write_efg(tree, path)
    again = sbgames.read_efg(path)
    assert [e.actions for e in again.subgame_perfect_equilibria()] == [("Restrain", "Bandwagon")]
