// growth8 explore: the page only draws. Every number comes from the server (growth8's library).
"use strict";

const state = { data: null, values: {}, lang: "id", province: null, timer: null, seq: 0 };

function word(key) {
  return (state.data && state.data.words[key]) || key;
}

function fmtPct(v, digits) {
  if (v === null || v === undefined) return "–";
  const pct = v * 100;
  if (pct > 0 && pct < Math.pow(10, -digits)) return "< " + (0).toFixed(digits).replace(/0$/, "1") + "%";
  return localeNumber(pct, digits) + "%";
}

function localeNumber(v, digits) {
  return v.toLocaleString(state.lang === "id" ? "id-ID" : "en-US", {
    minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function fmtTn(v) {
  if (v === null || v === undefined) return "–";
  return (state.lang === "id" ? "Rp" : "Rp") + localeNumber(v, v < 10 ? 2 : 1);
}

async function api(path, body) {
  const opts = body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
  const res = await fetch(path, opts);
  return res;
}

async function loadState() {
  const res = await api("/api/state?lang=" + state.lang);
  state.data = await res.json();
  document.documentElement.lang = state.lang;
  document.getElementById("title").textContent = state.data.title;
  document.querySelectorAll("[data-word]").forEach((el) => { el.textContent = word(el.dataset.word); });
  const select = document.getElementById("province");
  const keep = state.province;
  select.innerHTML = "";
  for (const p of state.data.provinces) {
    const opt = document.createElement("option");
    opt.value = String(p.code); opt.textContent = p.name; select.appendChild(opt);
  }
  state.province = keep && state.data.provinces.some((p) => p.code === keep) ? keep : state.data.provinces[0].code;
  select.value = String(state.province);
  buildLevers();
  evaluate();
}

function provinceData() {
  return state.data.provinces.find((p) => p.code === state.province);
}

function buildLevers() {
  const box = document.getElementById("levers");
  box.innerHTML = "";
  const base = provinceData().values;
  for (const lever of state.data.levers) {
    const value = lever.name in state.values ? state.values[lever.name] : base[lever.name];
    const div = document.createElement("div");
    div.className = "lever"; div.dataset.lever = lever.name;
    const label = document.createElement("label");
    label.textContent = lever.title + (lever.unit === "fraction" ? " (%)" : lever.unit === "Rp bn" ? " (Rp miliar)" : "");
    const range = document.createElement("input");
    range.type = "range"; range.name = lever.name;
    const scale = lever.unit === "fraction" ? 100 : 1;
    range.min = lever.low * scale; range.max = lever.high * scale; range.step = lever.step * scale;
    range.value = value * scale;
    const num = document.createElement("input");
    num.type = "number"; num.name = lever.name + "-value"; num.step = lever.step * scale;
    const decimals = Math.max(0, -Math.floor(Math.log10(lever.step * scale)) + 1);
    num.value = (value * scale).toFixed(decimals);
    const err = document.createElement("div"); err.className = "error";
    const changed = (raw) => {
      const v = Number(raw) / scale;
      state.values[lever.name] = v;
      range.value = raw; num.value = raw;
      schedule();
    };
    range.addEventListener("input", () => changed(range.value));
    num.addEventListener("change", () => changed(num.value));
    div.append(label, range, num, err);
    box.appendChild(div);
  }
}

function upper(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : text; }

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(evaluate, 120);
}

function body() {
  return { province: state.province, values: state.values, lang: state.lang };
}

async function evaluate() {
  const seq = ++state.seq;
  const started = performance.now();
  const status = document.getElementById("status");
  status.textContent = word("explore.page.computing"); status.className = "";
  document.querySelectorAll(".lever .error").forEach((e) => { e.textContent = ""; });
  const res = await api("/api/evaluate", body());
  const payload = await res.json();
  if (seq !== state.seq) return;  // a newer request is on its way
  if (!res.ok) {
    showProblems(payload.problems || []);
    return;
  }
  status.textContent = "";
  draw(payload);
  document.body.dataset.lastMs = String(performance.now() - started);  // request, answer and drawing
  document.body.dataset.evaluations = String(seq);
  // the slow part (both maxima, the probability) follows in a second request
  const more = await api("/api/maxima", body());
  if (seq !== state.seq || !more.ok) return;
  drawMaxima(await more.json());
  document.body.dataset.maxima = String(seq);
}

function showProblems(problems) {
  const status = document.getElementById("status");
  status.className = "bad";
  const general = [];
  for (const p of problems) {
    const lever = state.data.levers.find((l) => p.key && p.key.split(".").includes(l.name))
      || (p.key && p.key.startsWith("target") ? state.data.levers.find((l) => l.kind !== "parameter") : null);
    const box = lever ? document.querySelector('.lever[data-lever="' + lever.name + '"] .error') : null;
    if (box) box.textContent = p.message; else general.push(p.message);
  }
  status.textContent = general.join(" ") || word("explore.page.fix_fields");
}

function draw(d) {
  const start = d.years.indexOf(d.years[1]);
  lineChart("chart-growth", d.years.slice(start), [
    { label: word("explore.page.series.growth"), values: d.growth.slice(start), color: "#1f4e79" },
    { label: word("explore.page.series.baseline"), values: d.growth_baseline.slice(start), color: "#8897a5", dash: "4 3" },
    { label: word("explore.page.series.target"), values: d.target.slice(start), color: "#c0392b", dash: "6 3" },
  ]);
  lineChart("chart-investment", d.years, [
    { label: word("explore.page.series.required"), values: d.required_investment_rate, color: "#c0392b" },
    { label: word("explore.page.series.available"), values: d.investment_rate, color: "#1f4e79" },
  ]);
  document.getElementById("financing-title").textContent =
    word("explore.page.financing").replace("{year}", d.target_year).replace("{gap}", fmtTn(d.gap_tn));
  const tbody = document.querySelector("#financing tbody");
  tbody.innerHTML = "";
  for (const r of d.financing) {
    const tr = document.createElement("tr");
    tr.dataset.source = r.source;
    const cells = [upper(r.label), fmtTn(r.max_extra_tn), fmtTn(r.financed_tn), fmtPct(r.share_of_gap, 2), upper(r.limit)];
    cells.forEach((c, i) => {
      const td = document.createElement("td"); td.textContent = c; if (i > 0 && i < 4) td.className = "num"; tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }
  drawMaxima(d);
}

function drawMaxima(d) {
  document.getElementById("maxima").textContent = d.max_growth_bpd === null ? "" : word("explore.page.maxima")
    .replace("{bpd}", fmtPct(d.max_growth_bpd, 2)).replace("{all}", fmtPct(d.max_growth_all, 2));
  document.getElementById("probability").textContent = d.probability === null ? "" :
    word("explore.page.probability").replace("{p}", fmtPct(d.probability, 1)).replace("{year}", d.target_year);
  document.getElementById("sentences").textContent = d.sentences.join(" ");
}

function lineChart(id, years, series) {
  const svg = document.getElementById(id);
  const W = 640, H = 260, L = 48, R = 12, T = 12, B = 44;
  const all = series.flatMap((s) => s.values).filter((v) => v !== null && isFinite(v));
  let lo = Math.min(0, ...all), hi = Math.max(...all);
  if (!(hi > lo)) hi = lo + 0.01;
  const x = (i) => L + (W - L - R) * (years.length > 1 ? i / (years.length - 1) : 0);
  const y = (v) => T + (H - T - B) * (1 - (v - lo) / (hi - lo));
  let out = '<line class="axis" x1="' + L + '" y1="' + y(lo) + '" x2="' + (W - R) + '" y2="' + y(lo) + '"/>';
  out += '<line class="axis" x1="' + L + '" y1="' + T + '" x2="' + L + '" y2="' + (H - B) + '"/>';
  for (let k = 0; k <= 4; k++) {
    const v = lo + (hi - lo) * k / 4;
    out += '<text x="4" y="' + (y(v) + 4) + '">' + localeNumber(v * 100, 1) + "%</text>";
  }
  const step = Math.max(1, Math.ceil(years.length / 8));
  years.forEach((yr, i) => { if (i % step === 0) out += '<text x="' + (x(i) - 14) + '" y="' + (H - B + 16) + '">' + yr + "</text>"; });
  series.forEach((s, n) => {
    const pts = s.values.map((v, i) => (v === null ? null : x(i).toFixed(1) + "," + y(v).toFixed(1))).filter(Boolean);
    out += '<polyline data-series="' + n + '" fill="none" stroke="' + s.color + '" stroke-width="2"' +
      (s.dash ? ' stroke-dasharray="' + s.dash + '"' : "") + ' points="' + pts.join(" ") + '"/>';
    const lx = L + 8 + n * 190;
    out += '<line x1="' + lx + '" y1="' + (H - 10) + '" x2="' + (lx + 22) + '" y2="' + (H - 10) + '" stroke="' + s.color +
      '" stroke-width="2"' + (s.dash ? ' stroke-dasharray="' + s.dash + '"' : "") + "/>";
    out += '<text class="legend" x="' + (lx + 28) + '" y="' + (H - 6) + '">' + s.label + "</text>";
  });
  svg.innerHTML = out;
}

async function download(path, filename) {
  const res = await api(path, body());
  if (!res.ok) { showProblems((await res.json()).problems || []); return; }
  const blob = await res.blob();
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob); a.download = filename; document.body.appendChild(a); a.click(); a.remove();
}

document.getElementById("province").addEventListener("change", (e) => {
  state.province = Number(e.target.value); state.values = {}; buildLevers(); evaluate();
});
document.getElementById("lang").addEventListener("change", (e) => { state.lang = e.target.value; loadState(); });
document.getElementById("save").addEventListener("click", () => download("/api/scenario", "explore.yaml"));
document.getElementById("report").addEventListener("click", () => download("/api/report", "explore.pdf"));
document.getElementById("lang").value = state.lang;
loadState();
