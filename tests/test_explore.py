"""The explorer page: self-contained, exact, and equal to the Python solver in a real browser."""

from __future__ import annotations

import html
import json
import random
import re
import shutil
import subprocess
from fractions import Fraction
from urllib.parse import quote

import pytest
import sympy

from sbgames import load_model
from sbgames.errors import InputError
from sbgames.explore import explorer_html, write_explorer
from sbgames.explore import jscode
from sbgames.explore.page import MAX_GRID, page_data, parameter_range

CHROMIUM = next((path for path in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if path), None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (Debian package 'chromium'); "
                                                                  ".ci/run installs it")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--virtual-time-budget=10000"]


def address(page, query: dict) -> str:
    return page.as_uri() + "?" + "&".join(f"{k}={quote(str(v), safe='/')}" for k, v in query.items())


def dump_dom(url: str, tmp_path) -> str:
    done = subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url],
                          capture_output=True, text=True, timeout=180)
    return done.stdout + done.stderr[-2000:]


def render(page, tmp_path, query: dict) -> str:
    """The page's DOM after its scripts ran, opened at ``page?query`` in headless Chromium."""
    dom = dump_dom(address(page, query), tmp_path)
    assert 'data-ready="1"' in dom, dom
    return dom


def render_many(page, tmp_path, queries: list) -> list:
    """The equilibria lists of the page opened at each query, in one browser start.

    A harness page opens each address in a frame and copies the frame's list
    out when it has loaded (file pages may read each other with
    ``--allow-file-access-from-files``).
    """
    harness = tmp_path / "harness.html"
    harness.write_text("""<!DOCTYPE html><html><body><div id="out"></div><script>
const urls = %s;
urls.forEach((url, k) => {
  const frame = document.createElement("iframe");
  frame.onload = () => {
    const doc = frame.contentDocument, pre = document.createElement("pre");
    pre.id = "result-" + k;
    pre.textContent = doc.body.dataset.ready + "|" + [...doc.querySelectorAll("li.equilibrium")].map(li => li.outerHTML.split(">")[0] + ">").join("");
    document.getElementById("out").append(pre);
  };
  frame.src = url;
  document.body.append(frame);
});
</script></body></html>""" % json.dumps([address(page, query) for query in queries]))
    done = subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, "--allow-file-access-from-files",
                           f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", harness.as_uri()],
                          capture_output=True, text=True, timeout=180)
    out = []
    for k in range(len(queries)):
        found = re.search(rf'<pre id="result-{k}">(.*?)</pre>', done.stdout, re.S)
        assert found and found.group(1).startswith("1|"), (k, done.stdout[-500:], done.stderr[-1000:])
        out.append(html.unescape(found.group(1)[2:]))
    return out


def shown(dom: str, key: str = "strategies") -> set:
    """The equilibria the page lists: (strategies or description, payoffs) as exact strings."""
    rows = re.findall(r'<li class="equilibrium" ([^>]*)>', dom)
    out = set()
    for row in rows:
        attributes = {name: html.unescape(value) for name, value in re.findall(r'data-(\w+)="([^"]*)"', row)}
        out.add((attributes[key] if key == "describe" else json.dumps(json.loads(attributes[key])),
                 json.dumps(json.loads(attributes["payoffs"]))))
    return out


def solved(model, point, key: str = "strategies") -> set:
    result = model.equilibria(exact=True, **point)
    assert result.complete
    return {(eq.describe() if key == "describe" else json.dumps([[str(Fraction(p)) for p in vec] for vec in eq.strategies]),
             json.dumps([str(Fraction(v)) for v in eq.payoffs])) for eq in result}


def random_point(model, rng) -> dict:
    """A random rational point inside the sliders' ranges and the model's constraints."""
    while True:
        point = {}
        for name, param in model.parameters.items():
            low, high = parameter_range(param)
            value = low + (high - low) * Fraction(rng.randrange(1, 96), 96)
            point[name] = round(value) if param.integer else value
        try:
            model.values(**point)
        except InputError:
            continue
        return point


@needs_chromium
def test_browser_shows_the_python_equilibria_at_twenty_random_points(tmp_path):
    model = load_model("core")
    page = write_explorer(model, tmp_path / "core.html", x=("theta", 0, 12), y=("lam", 0, 4))
    rng = random.Random(20261202)
    points = [random_point(model, rng) for _ in range(20)]
    kinds = set()
    for point, dom in zip(points, render_many(page, tmp_path, points)):
        expected = solved(model, point)
        assert shown(dom) == expected, point
        kinds.add(len(expected) > 1 or any("/" in s for s, _ in expected))
    assert kinds == {True, False}, "the points should include pure and mixed outcomes"


@needs_chromium
def test_browser_reads_the_documented_link(tmp_path):
    model = load_model("core")
    page = write_explorer(model, tmp_path / "core.html")
    dom = render(page, tmp_path, {"lam": "1/2", "theta": 6})
    assert shown(dom) == solved(model, {"lam": Fraction(1, 2), "theta": 6})
    assert 'value="1/2"' in dom or "T: Revise; S: Soft" in dom


@needs_chromium
def test_browser_refuses_values_outside_the_bounds(tmp_path):
    page = write_explorer(load_model("core"), tmp_path / "core.html")
    dom = render(page, tmp_path, {"e_s": "3/2", "lam": "abc"})
    assert "Ignored from the address" in dom and "e_s=3/2" in dom and "lam=abc" in dom
    assert shown(dom) == solved(load_model("core"), {})


@needs_chromium
def test_browser_grid_mode_for_a_game_tree(tmp_path):
    model = load_model("core_sequential")
    page = write_explorer(model, tmp_path / "tree.html", x=("theta", 0, 12), y=("lam", 0, 4), grid=3)
    dom = render(page, tmp_path, {"theta": 6, "lam": 2})
    assert "precomputed in Python on a 3 x 3 grid" in dom
    assert shown(dom, "describe") == solved(model, {"theta": 6, "lam": 2}, "describe")


def test_page_is_self_contained(tmp_path):
    text = explorer_html(load_model("core"))
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=|@import|url\(|https?://", text)
    assert text.count("<script") == 2


def test_closed_form_mode_and_grid_mode_are_named():
    core, scope = page_data(load_model("core"))
    assert core["mode"] == "closed-form" and "complete" in core["scope"]
    assert "CLOSED.branches" not in scope and "branches: [" in scope
    tree, _ = page_data(load_model("core_sequential"), grid=2)
    assert tree["mode"] == "grid" and tree["reason"]
    assert len(tree["grid"]["cells"]) == 2 and len(tree["grid"]["cells"][0]) == 2


def test_hostile_title_cannot_close_the_script(tmp_path):
    model = load_model("core")
    data, script = page_data(model)
    data["title"] = "</script><script>alert(1)</script> {{DATA}}"
    from sbgames.explore.page import page_html
    text = page_html(data, script)
    assert "</script><script>alert(1)" not in text
    payload = re.search(r'<script id="model-data" type="application/json">(.*?)</script>', text, re.S).group(1)
    assert json.loads(payload)["title"] == data["title"]  # the title's text is data, not a template slot


@pytest.mark.parametrize("grid", [0, 1, MAX_GRID + 1, 2.5, True, "5"])
def test_grid_size_is_checked_before_work(grid):
    with pytest.raises(InputError, match="grid must be an integer"):
        page_data(load_model("core"), grid=grid)


def test_axes_are_checked():
    model = load_model("core")
    with pytest.raises(InputError, match="no parameter 'zeta'"):
        page_data(model, x=("zeta", 0, 1))
    with pytest.raises(InputError, match="not below"):
        page_data(model, x=("theta", 5, 1))
    with pytest.raises(InputError, match="different parameters"):
        page_data(model, x=("theta", 0, 1), y=("theta", 0, 2))


def test_irrational_closed_forms_are_not_compiled():
    a = sympy.Symbol("a")
    with pytest.raises(jscode.NotCompilable):
        jscode.expression(sympy.sqrt(a))
    with pytest.raises(jscode.NotCompilable):
        jscode.expression(a ** 1000)
    with pytest.raises(jscode.NotCompilable):
        jscode.js_name("a-b")


def test_compiled_closed_forms_evaluate_as_sympy_does():
    """The compiled text, read back as Python with Fraction arithmetic, equals sympy's value."""
    def product(*xs):
        out = Fraction(1)
        for x in xs:
            out *= x
        return out

    K = type("K", (), {"c": staticmethod(Fraction), "add": staticmethod(lambda *xs: sum(xs, Fraction(0))),
                       "mul": staticmethod(product), "pow": staticmethod(lambda x, k: x ** k),
                       "cmp": staticmethod(lambda x, y: (x > y) - (x < y))})
    model = load_model("core")
    values = {name: Fraction(v) for name, v in model.values(lam=Fraction(1, 2), theta=7).items()}
    P = type("P", (), values)
    substitution = {param.symbol: values[name] for name, param in model.parameters.items()}
    checked = 0
    for branch in model.symbolic_equilibria():
        for p in [*[p for vec in branch.strategies for p in vec], *branch.payoffs]:
            text = re.sub(r"(\d+)n\b", r"\1", jscode.expression(p))
            assert eval(text, {"K": K, "P": P}) == Fraction(str(sympy.sympify(p).subs(substitution)))  # noqa: S307
            checked += 1
        text = re.sub(r"(\d+)n\b", r"\1", jscode.condition(branch.conditions))
        text = text.replace("&&", " and ").replace("||", " or ").replace("===", "==").replace("!==", "!=")
        assert eval(text, {"K": K, "P": P}) == bool(branch.conditions.subs(substitution))  # noqa: S307
    assert checked > 20


def test_jupyter_widget_holds_the_same_page():
    ipywidgets = pytest.importorskip("ipywidgets", reason="the 'explore' extra (ipywidgets) is not installed")
    from sbgames.explore import widget
    view = widget(load_model("core"), grid=2)
    assert isinstance(view, ipywidgets.HTML)
    assert view.value.startswith("<iframe srcdoc=") and "CLOSED" in html.unescape(view.value)


@needs_chromium
def test_screenshot_for_the_docs(tmp_path):
    """docs/how-to/share-a-model.md shows the page at lam = 1/2, theta = 6 (regenerated here)."""
    from pathlib import Path
    figure = Path(__file__).resolve().parent.parent / "docs" / "figures" / "explorer.png"
    page = write_explorer(load_model("core"), tmp_path / "core.html", x=("theta", 0, 12), y=("lam", 0, 4))
    shot = tmp_path / "explorer.png"
    subprocess.run([CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,900",
                    "--hide-scrollbars", f"--screenshot={shot}", address(page, {"lam": "1/2", "theta": 6})],
                   capture_output=True, timeout=180, check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    figure.write_bytes(shot.read_bytes())


def test_cli_writes_the_page(tmp_path, capsys):
    from sbgames.cli import main
    path = tmp_path / "core.html"
    assert main(["explore", "core", "-o", str(path), "--x", "theta:0:12", "--y", "lam:0:4"]) == 0
    data = json.loads(re.search(r'<script id="model-data" type="application/json">(.*?)</script>',
                                path.read_text(), re.S).group(1))
    assert data["x"] == ["theta", "0", "12"] and data["y"] == ["lam", "0", "4"] and data["mode"] == "closed-form"
    assert "explorer written to" in capsys.readouterr().out


@pytest.mark.parametrize("arguments, message", [
    (["-o", "page.txt"], "must end in .html"),
    (["-o", "page.html", "--grid", "500"], "over the limit of 81"),
    (["-o", "page.html", "--x", "theta:0:12"], "give both --x and --y"),
    (["-o", "page.html", "--x", "zeta:0:1", "--y", "lam:0:4"], "zeta"),
])
def test_cli_refuses_bad_options_before_work(tmp_path, capsys, monkeypatch, arguments, message):
    from sbgames.cli import main
    monkeypatch.chdir(tmp_path)
    assert main(["explore", "core", *arguments]) != 0
    assert message in capsys.readouterr().err
    assert not (tmp_path / "page.html").exists()


def test_model_explore_in_a_notebook():
    ipywidgets = pytest.importorskip("ipywidgets", reason="the 'explore' extra (ipywidgets) is not installed")
    import sbgames
    view = sbgames.load_model("core").explore(x=("theta", 0, 12), y=("lam", 0, 4))
    assert isinstance(view, ipywidgets.HTML) and "theta" in html.unescape(view.value)
