"""The [labels] table of a model file: readable names for outcomes, used by every figure (issue 18)."""

import pickle

import matplotlib
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sbgames
from sbgames.errors import ModelError
from sbgames.figcheck import check_figure
from sbgames.modelfile.labels import MAX_LABEL
from sbgames.plot import outcome_label

matplotlib.use("Agg")

NAMES = {"mixed: Revise-Restrain x Soft-Bandwagon": "soft balancing restrains T",
         "Revise / Bandwagon": "S bandwagons"}


@pytest.fixture(scope="module")
def named():
    return sbgames.Model.from_dict({"base": "core", "name": "core_named", "labels": NAMES})


def test_labels_are_read_and_kept(named):
    assert dict(named.labels) == NAMES
    assert dict(sbgames.load_model("core").labels) == {}
    assert dict(pickle.loads(pickle.dumps(named)).labels) == NAMES
    with pytest.raises(TypeError):
        named.labels["Revise / Soft"] = "changed"  # read-only, like the model


def test_labels_from_a_toml_file(tmp_path):
    path = tmp_path / "named.toml"
    path.write_text('base = "core"\n\n[labels]\n"Revise / Soft" = "soft balancing fails to restrain"\n',
                    encoding="utf-8")
    model = sbgames.load_model(path)
    assert outcome_label("Revise / Soft (unique)", model) == "soft balancing fails to restrain"


def test_figures_print_the_names(named):
    import matplotlib.pyplot as plt
    try:
        fig = sbgames.regions(named, x=("theta", 0, 30), y=("lam", 0, 4), resolution=60).plot()
        shown = [t.get_text().replace("\n", " ") for t in fig.axes[0].texts]
        shown += [t.get_text().replace("\n", " ") for legend in fig.legends for t in legend.get_texts()]
        assert "soft balancing restrains T" in shown and "S bandwagons" in shown
        assert check_figure(fig) == []
        fig = sbgames.statics(named, param=("lam", 0, 5), resolution=51).plot()
        listed = [t.get_text().replace("\n", " ") for t in fig.legends[0].get_texts()]
        assert "soft balancing restrains T" in listed
    finally:
        plt.close("all")


@pytest.mark.parametrize("labels, message", [
    ({"Revise / Sfot": "x"}, "<dict>: labels.\"Revise / Sfot\": 'Sfot' is not a strategy of S; did you mean 'Soft'?"),
    ({"mixed: Revise-Restrian x Soft-Bandwagon": "x"}, "'Restrian' is not a strategy of T"),
    ({"Revise": "x"}, "'Revise' is not an equilibrium label"),
    ({"Revise / Soft / Hard": "x"}, "is not an equilibrium label"),
    ({"multiple: Revise / Hard; Revise / Sfot": "x"}, "'Sfot' is not a strategy of S"),
    ({"Revise / Soft": 3}, "expected a non-empty string, found 3"),
    ({"Revise / Soft": "  "}, "expected a non-empty string"),
    ({"Revise / Soft": "x" * (MAX_LABEL + 1)}, f"at most {MAX_LABEL} printable characters"),
    ({"Revise / Soft": "two\nlines"}, "printable characters"),
    (["Revise / Soft"], "labels: expected a table"),
])
def test_bad_labels_are_refused_naming_the_field(labels, message):
    with pytest.raises(ModelError, match=message.replace("(", r"\(").replace(")", r"\)").replace("?", r"\?")):
        sbgames.Model.from_dict({"base": "core", "labels": labels})


@given(st.text(min_size=1, max_size=MAX_LABEL).filter(lambda s: s.strip() and s.isprintable()))
def test_any_printable_name_is_kept_as_data(name):
    model = sbgames.Model.from_dict({"base": "core", "labels": {"Revise / Soft": name}})
    assert outcome_label("Revise / Soft (unique)", model) == name.strip()
