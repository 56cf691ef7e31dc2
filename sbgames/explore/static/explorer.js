"use strict";
// sbgames explorer: exact rationals (BigInt) for what is printed, floats for the map.
const DATA = JSON.parse(document.getElementById("model-data").textContent);
const PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
                 "#999933", "#882255", "#44AA99", "#332288", "#AA4499"];

function gcd(a, b) { a = a < 0n ? -a : a; b = b < 0n ? -b : b; while (b) { [a, b] = [b, a % b]; } return a; }
const R = {  // exact rationals {n, d} with d > 0 and gcd(n, d) = 1
  c(n, d) {
    if (d === 0n) throw new RangeError("division by zero");
    if (d < 0n) { n = -n; d = -d; }
    const g = gcd(n, d) || 1n;
    return { n: n / g, d: d / g };
  },
  add(...xs) { return xs.reduce((a, b) => R.c(a.n * b.d + b.n * a.d, a.d * b.d)); },
  mul(...xs) { return xs.reduce((a, b) => R.c(a.n * b.n, a.d * b.d)); },
  pow(a, k) {
    let out = { n: 1n, d: 1n };
    for (let i = 0; i < Math.abs(k); i++) out = R.mul(out, a);
    return k < 0 ? R.c(out.d, out.n) : out;
  },
  cmp(a, b) { const s = a.n * b.d - b.n * a.d; return s > 0n ? 1 : s < 0n ? -1 : 0; },
  text(a) { return a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`; },
  num(a) { return Number(a.n) / Number(a.d); },
};
const F = {  // floats, for the phase diagram
  c(n, d) { return Number(n) / Number(d); },
  add(...xs) { return xs.reduce((a, b) => a + b); },
  mul(...xs) { return xs.reduce((a, b) => a * b); },
  pow(a, k) { return Math.pow(a, k); },
  cmp(a, b) { return a > b ? 1 : a < b ? -1 : 0; },
};

// "1/2", "-3", "0.25", "1e-3" -> exact rational, or null.
function parseExact(text) {
  text = String(text).trim();
  let m = /^([+-]?\d+)\s*\/\s*(\d+)$/.exec(text);
  if (m) return BigInt(m[2]) === 0n ? null : R.c(BigInt(m[1]), BigInt(m[2]));
  m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/.exec(text);
  if (!m || (m[2] === "" && (m[3] || "") === "")) return null;
  const digits = BigInt((m[2] || "0") + (m[3] || "")), exp = Number(m[4] || 0) - (m[3] || "").length;
  const sign = m[1] === "-" ? -1n : 1n;
  return exp >= 0 ? R.c(sign * digits * 10n ** BigInt(exp), 1n) : R.c(sign * digits, 10n ** BigInt(-exp));
}
function toFloats(P) { const out = {}; for (const k in P) out[k] = R.num(P[k]); return out; }

const PARAMS = DATA.parameters;
const BYNAME = Object.fromEntries(PARAMS.map(p => [p.name, p]));
const state = {};
const GRID = DATA.mode === "grid" ? DATA.grid : null;

function inBounds(p, v) {
  const below = (bound, strict) => bound === null || (strict ? R.cmp(v, parseExact(bound)) < 0 : R.cmp(v, parseExact(bound)) <= 0);
  const above = (bound, strict) => bound === null || (strict ? R.cmp(v, parseExact(bound)) > 0 : R.cmp(v, parseExact(bound)) >= 0);
  return above(p.min, false) && above(p.above, true) && below(p.max, false) && below(p.below, true)
    && (!p.integer || v.d === 1n);
}

function readQuery() {
  const query = new URLSearchParams(window.location.search);
  for (const p of PARAMS) {
    const given = query.has(p.name) ? parseExact(query.get(p.name)) : null;
    state[p.name] = given !== null && inBounds(p, given) ? given : parseExact(p.default);
    p.rejected = query.has(p.name) && (given === null || !inBounds(p, given)) ? query.get(p.name) : null;
  }
}
function writeQuery() {
  const query = new URLSearchParams();
  for (const p of PARAMS) query.set(p.name, R.text(state[p.name]));
  try { history.replaceState(null, "", "?" + query.toString().replace(/%2F/g, "/")); } catch (e) { /* file: pages may refuse */ }
}

function lattice(p, k) {  // the k-th slider step, exactly
  const lo = parseExact(p.low), hi = parseExact(p.high);
  return R.add(lo, R.mul(R.add(hi, R.mul(lo, R.c(-1n, 1n))), R.c(BigInt(k), BigInt(p.steps))));
}
function sliderIndex(p, v) {
  const lo = R.num(parseExact(p.low)), hi = R.num(parseExact(p.high));
  return Math.max(0, Math.min(p.steps, Math.round((R.num(v) - lo) / (hi - lo) * p.steps)));
}

function buildControls() {
  const box = document.getElementById("sliders");
  for (const p of PARAMS) {
    const fixed = GRID && p.name !== DATA.x[0] && p.name !== DATA.y[0];
    const div = document.createElement("div"); div.className = "param";
    const label = document.createElement("label");
    label.textContent = `${p.name}` + (p.description ? `: ${p.description}` : "") + (fixed ? " (fixed at its default: grid mode)" : "");
    const slider = document.createElement("input");
    Object.assign(slider, { type: "range", min: 0, max: p.steps, step: 1, id: `slider-${p.name}`, disabled: fixed });
    const field = document.createElement("input");
    Object.assign(field, { type: "text", id: `value-${p.name}`, disabled: fixed });
    field.setAttribute("aria-label", p.name);
    slider.addEventListener("input", () => { state[p.name] = lattice(p, Number(slider.value)); update(); });
    field.addEventListener("change", () => {
      const v = parseExact(field.value);
      field.classList.toggle("bad", v === null || !inBounds(p, v));
      if (v !== null && inBounds(p, v)) { state[p.name] = v; update(); }
    });
    div.append(label, slider, field); box.append(div);
  }
}
function syncControls() {
  for (const p of PARAMS) {
    document.getElementById(`slider-${p.name}`).value = sliderIndex(p, state[p.name]);
    const field = document.getElementById(`value-${p.name}`);
    field.value = R.text(state[p.name]); field.classList.remove("bad");
  }
}

function describe(strategies, exact) {
  return DATA.players.map((player, i) => {
    const names = DATA.strategies[i] || [], played = [];
    strategies[i].forEach((p, j) => { if (exact ? p.n !== 0n : p !== "0") played.push([names[j], p]); });
    if (played.length === 1) return `${player}: ${played[0][0]}`;
    return `${player}: ` + played.map(([n, p]) => `${exact ? R.text(p) : p} ${n}`).join(" + ");
  }).join("; ");
}
function supportLabel(strategies) {
  const supports = strategies.map((vec, i) => vec.map((p, j) => p !== "0" ? DATA.strategies[i][j] : null).filter(x => x));
  if (supports.every(s => s.length === 1)) return supports.map(s => s[0]).join(" / ");
  return "mixed: " + supports.map(s => s.join("-")).join(" x ");
}

function brokenConstraints(K, P) {
  return CLOSED && CLOSED.constraints ? CLOSED.constraints.filter(([, holds]) => !holds(K, P)).map(([text]) => text) : [];
}
function closedFormEquilibria(P) {
  const found = new Map();
  for (const branch of CLOSED.branches) {
    if (!branch.holds(R, P)) continue;
    const strategies = branch.strategies(R, P).map(vec => vec.map(R.text));
    found.set(JSON.stringify(strategies), { strategies, payoffs: branch.payoffs(R, P).map(R.text) });
  }
  return [...found.values()];
}
function gridCell(P) {
  const nearest = (axis, values) => {
    const v = R.num(P[axis]); let best = 0;
    values.forEach((t, i) => { if (Math.abs(R.num(parseExact(t)) - v) < Math.abs(R.num(parseExact(values[best])) - v)) best = i; });
    return best;
  };
  const i = nearest(DATA.x[0], GRID.xs), j = nearest(DATA.y[0], GRID.ys);
  return { i, j, equilibria: GRID.cells[j][i] };
}

function renderEquilibria() {
  const list = document.getElementById("equilibria"), status = document.getElementById("status");
  list.replaceChildren(); status.textContent = ""; status.className = "";
  const broken = brokenConstraints(R, state);
  if (broken.length) { status.textContent = `Outside the model's constraints: ${broken.join(", ")}.`; status.className = "warn"; return; }
  let equilibria;
  if (GRID) {
    const cell = gridCell(state);
    equilibria = cell.equilibria;
    status.textContent = `Solved in Python at the nearest grid point: ${DATA.x[0]} = ${GRID.xs[cell.i]}, ${DATA.y[0]} = ${GRID.ys[cell.j]}.`;
  } else {
    try { equilibria = closedFormEquilibria(state); }
    catch (e) { status.textContent = `A closed form cannot be evaluated here (${e.message}).`; status.className = "warn"; return; }
  }
  for (const eq of equilibria) {
    const li = document.createElement("li");
    li.className = "equilibrium";
    li.dataset.describe = eq.describe || describe(eq.strategies, false);
    if (eq.strategies) li.dataset.strategies = JSON.stringify(eq.strategies);
    li.dataset.payoffs = JSON.stringify(eq.payoffs);
    li.textContent = (eq.describe || describe(eq.strategies, false)) + " | payoffs: "
      + DATA.players.map((pl, k) => `${pl} ${eq.payoffs[k]}`).join(", ");
    list.append(li);
  }
  document.body.dataset.count = String(equilibria.length);
}

function renderPayoffs() {
  const box = document.getElementById("payoffs"); box.replaceChildren();
  if (!CLOSED || !CLOSED.payoffs) { box.textContent = "This model has no payoff table in closed form (a game tree or a generated game)."; return; }
  const table = document.createElement("table");
  const cell = (tag, text) => { const c = document.createElement(tag); c.textContent = text; return c; };
  if (DATA.players.length === 2) {
    const head = document.createElement("tr");
    head.append(cell("th", `${DATA.players[0]} \\ ${DATA.players[1]}`), ...DATA.strategies[1].map(s => cell("th", s)));
    table.append(head);
    for (const row of DATA.strategies[0]) {
      const tr = document.createElement("tr"); tr.append(cell("th", row));
      for (const col of DATA.strategies[1]) {
        const entry = CLOSED.payoffs.find(([profile]) => profile[0] === row && profile[1] === col);
        tr.append(cell("td", entry[1](R, state).map(R.text).join(", ")));
      }
      table.append(tr);
    }
  } else {
    const head = document.createElement("tr");
    head.append(cell("th", "profile"), ...DATA.players.map(p => cell("th", p))); table.append(head);
    for (const [profile, values] of CLOSED.payoffs) {
      const tr = document.createElement("tr"); tr.append(cell("th", profile.join(" / ")), ...values(R, state).map(v => cell("td", R.text(v))));
      table.append(tr);
    }
  }
  box.append(table);
}

// The phase diagram: one label per cell (the equilibria's supports), the current point marked.
const MAP = { left: 56, top: 10, size: 350, cells: 70 };
function axisValue(axis, t) { return R.num(parseExact(axis[1])) + t * (R.num(parseExact(axis[2])) - R.num(parseExact(axis[1]))); }
function mapLabels() {
  const labels = [];
  if (GRID) {
    for (let j = 0; j < GRID.ys.length; j++) {
      labels.push(GRID.cells[j].map(eqs => eqs.map(eq => eq.label || supportLabel(eq.strategies)).sort().join("; ")));
    }
    return { labels, nx: GRID.xs.length, ny: GRID.ys.length };
  }
  const P = toFloats(state), n = MAP.cells;
  for (let j = 0; j < n; j++) {
    const row = [];
    for (let i = 0; i < n; i++) {
      P[DATA.x[0]] = axisValue(DATA.x, (i + 0.5) / n); P[DATA.y[0]] = axisValue(DATA.y, (j + 0.5) / n);
      if (brokenConstraints(F, P).length) { row.push("outside the model's constraints"); continue; }
      let names = [];
      try { names = CLOSED.branches.filter(b => b.holds(F, P)).map(b => b.label); } catch (e) { names = []; }
      row.push([...new Set(names)].sort().join("; "));
    }
    labels.push(row);
  }
  return { labels, nx: n, ny: n };
}
function renderMap() {
  const canvas = document.getElementById("canvas"), ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const { labels, nx, ny } = mapLabels(), colours = new Map(), counts = new Map();
  const w = MAP.size / nx, h = MAP.size / ny;
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const label = labels[j][i];
    if (!colours.has(label)) colours.set(label, label.startsWith("outside") ? "#FFFFFF" : PALETTE[colours.size % PALETTE.length]);
    counts.set(label, (counts.get(label) || 0) + 1);
    ctx.fillStyle = colours.get(label);
    ctx.fillRect(MAP.left + i * w, MAP.top + MAP.size - (j + 1) * h, Math.ceil(w), Math.ceil(h));
  }
  ctx.strokeStyle = "#333"; ctx.strokeRect(MAP.left, MAP.top, MAP.size, MAP.size);
  ctx.fillStyle = "#222"; ctx.font = "12px sans-serif";
  ctx.textAlign = "center";
  ctx.fillText(DATA.x[1], MAP.left, MAP.top + MAP.size + 14); ctx.fillText(DATA.x[2], MAP.left + MAP.size, MAP.top + MAP.size + 14);
  ctx.fillText(`${BYNAME[DATA.x[0]].description || ""} (${DATA.x[0]})`, MAP.left + MAP.size / 2, MAP.top + MAP.size + 30);
  ctx.save(); ctx.translate(14, MAP.top + MAP.size / 2); ctx.rotate(-Math.PI / 2);
  ctx.fillText(`${BYNAME[DATA.y[0]].description || ""} (${DATA.y[0]})`, 0, 0); ctx.restore();
  ctx.textAlign = "right";
  ctx.fillText(DATA.y[1], MAP.left - 4, MAP.top + MAP.size); ctx.fillText(DATA.y[2], MAP.left - 4, MAP.top + 10);
  const tx = (R.num(state[DATA.x[0]]) - axisValue(DATA.x, 0)) / (axisValue(DATA.x, 1) - axisValue(DATA.x, 0));
  const ty = (R.num(state[DATA.y[0]]) - axisValue(DATA.y, 0)) / (axisValue(DATA.y, 1) - axisValue(DATA.y, 0));
  if (tx >= 0 && tx <= 1 && ty >= 0 && ty <= 1) {
    ctx.beginPath(); ctx.arc(MAP.left + tx * MAP.size, MAP.top + (1 - ty) * MAP.size, 6, 0, 2 * Math.PI);
    ctx.fillStyle = "#000"; ctx.fill(); ctx.strokeStyle = "#fff"; ctx.lineWidth = 2; ctx.stroke(); ctx.lineWidth = 1;
  }
  const legend = document.getElementById("legend"); legend.replaceChildren();
  for (const [label, colour] of colours) {
    const li = document.createElement("li"), swatch = document.createElement("span");
    swatch.style.background = colour;
    li.append(swatch, `${label || "(none found)"}: ${(100 * counts.get(label) / (nx * ny)).toFixed(1)}% of the map`);
    legend.append(li);
  }
}
function movePoint(event) {
  const canvas = document.getElementById("canvas"), box = canvas.getBoundingClientRect();
  const px = (event.clientX - box.left) * canvas.width / box.width, py = (event.clientY - box.top) * canvas.height / box.height;
  const tx = (px - MAP.left) / MAP.size, ty = 1 - (py - MAP.top) / MAP.size;
  if (tx < 0 || tx > 1 || ty < 0 || ty > 1) return;
  for (const [axis, t] of [[DATA.x, tx], [DATA.y, ty]]) {
    const p = { ...BYNAME[axis[0]], low: axis[1], high: axis[2] };
    const v = lattice(p, Math.round(t * p.steps));
    if (inBounds(BYNAME[axis[0]], v)) state[axis[0]] = v;
  }
  update();
}

function update() { syncControls(); writeQuery(); renderEquilibria(); renderPayoffs(); renderMap(); }

document.getElementById("title").textContent = DATA.title;
document.getElementById("mode").textContent = DATA.mode === "grid"
  ? `Equilibria precomputed in Python on a ${DATA.grid.xs.length} x ${DATA.grid.ys.length} grid over ${DATA.x[0]} and ${DATA.y[0]}, because ${DATA.reason}; the other parameters are fixed at their defaults.`
  : "Equilibria computed in this page from the model's closed forms, in exact arithmetic.";
document.getElementById("scope").textContent = `Result: ${DATA.scope}.`;
readQuery(); buildControls();
const canvas = document.getElementById("canvas");
let dragging = false;
canvas.addEventListener("pointerdown", e => { dragging = true; movePoint(e); });
canvas.addEventListener("pointermove", e => { if (dragging) movePoint(e); });
window.addEventListener("pointerup", () => { dragging = false; });
update();
const rejected = PARAMS.filter(p => p.rejected !== null).map(p => `${p.name}=${p.rejected}`);
if (rejected.length) {
  const status = document.getElementById("status");
  status.textContent = `Ignored from the address (not a number in the parameter's bounds): ${rejected.join(", ")}. ` + status.textContent;
  status.className = "warn";
}
document.body.dataset.ready = "1";
