/**
 * One self-contained HTML page for people: the fleet's answer, a hosts × channels matrix,
 * each host's findings by file with the fix and the rule's page, what was not evaluated, the
 * rules by the hosts they hit, the fleet findings and the load problems. No external
 * request: inline CSS and script under a Content-Security-Policy that allows nothing else.
 * It reads without JavaScript; the script only filters, sorts and pages the matrix. Every
 * string from the input is escaped. Written in pieces, a host at a time.
 */
import { CHANNELS, type ChannelVerdict, type Finding, hasRegion, SEVERITY_ORDER, type Severity, type Verdict } from "../model/finding.js";
import { byCodePoint, type HostSummary, reportedFindings } from "../model/result.js";
import { type Rule, ruleById } from "../model/rule.js";
import type { ReportContext } from "./context.js";
import { firstSentence, fixLine, printable, type RenderedDiagnostic, renderDiagnostic, renderMessage, ruleHelpUri } from "./message.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text from the input as HTML text or an attribute value (quoted with "). */
export function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/** Escaped text whose `quoted` parts (option names and values in the rules' texts) are shown as code. */
function withCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/** The answers a host can get, in the order the page counts them, each with its style. */
const ANSWERS: readonly { summary: Verdict["summary"]; style: string }[] = [
  { summary: "encrypted and authenticated", style: "ok" },
  { summary: "encrypted, not fully authenticated", style: "part" },
  { summary: "not encrypted", style: "bad" },
  { summary: "migrations fail", style: "bad" },
  { summary: "nova-compute does not start", style: "bad" },
  { summary: "unknown", style: "unknown" },
  { summary: "not applicable", style: "na" },
];
const ANSWER_STYLE = new Map(ANSWERS.map((a, rank) => [a.summary, { style: a.style, rank }]));

/** Each channel status: its mark (the text that carries the meaning without colour), its words, its sort rank. */
const STATUS: Record<ChannelVerdict["status"], { mark: string; words: string; rank: number }> = {
  unprotected: { mark: "✗", words: "not protected", rank: 0 },
  unknown: { mark: "?", words: "unknown", rank: 1 },
  protected: { mark: "✓", words: "protected", rank: 2 },
  "not-applicable": { mark: "–", words: "not applicable", rank: 3 },
};

/**
 * Rows of the matrix the script shows at once. Rows past the first page are not laid out
 * until asked for (a 10,000-row table took Chromium 10 s to lay out, 1 s with them hidden);
 * without the script a <noscript> style shows them all.
 */
const PAGE_ROWS = 200;
/** Fleets up to this size show each host's findings open; larger ones one host at a time, as asked. */
const OPEN_HOSTS = 100;

const STYLE = `
:root{color-scheme:light;--ok:#cfe9df;--ok-ink:#0b5d43;--bad:#f6d3c2;--bad-ink:#8a2f00;--unknown:#fbe7b5;--unknown-ink:#6b4a00;--na:#eceff1;--na-ink:#455a64;--line:#c9d1d9}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1400px;padding:16px 24px;color:#1f2328;background:#fff}
h1{font-size:22px;margin:8px 0 12px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:0 0 6px}h4{font-size:13px;margin:12px 0 4px;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
a{color:#0550ae}.root,.by,.why,.muted{color:#57606a}.by,.why{display:block;font-size:12px}
.answer-counts{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0;margin:0 0 8px}
.answer-counts li{border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:150px}
.answer-counts b{display:block;font-size:22px}.answer-counts .zero{opacity:.55}
.a-ok{background:var(--ok);color:var(--ok-ink)}.a-part,.a-unknown{background:var(--unknown);color:var(--unknown-ink)}
.a-bad{background:var(--bad);color:var(--bad-ink);font-weight:600}.a-na{background:var(--na);color:var(--na-ink)}
table{border-collapse:collapse;width:100%}th,td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;text-align:left}
thead th{background:#f6f8fa;position:sticky;top:0}
.st-protected{background:var(--ok);color:var(--ok-ink)}
.st-unprotected{background:var(--bad) repeating-linear-gradient(135deg,transparent 0 6px,rgba(138,47,0,.12) 6px 9px);color:var(--bad-ink);font-weight:600}
.st-unknown{background:var(--unknown);color:var(--unknown-ink);outline:1px dashed var(--unknown-ink);outline-offset:-3px}
.st-not-applicable{background:var(--na);color:var(--na-ink)}
.mk{font-weight:700;display:inline-block;width:1.1em}
.sev{display:inline-block;min-width:64px;font-weight:600;text-transform:uppercase;font-size:11px}
.sev-critical,.sev-high{color:#8a2f00}.sev-medium{color:#6b4a00}.sev-low,.sev-info{color:#455a64}
.later{display:none}
.host{border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin:12px 0}
.host>summary{cursor:pointer;list-style-position:outside}.host>summary h3{display:inline}
.host h3 .answer{font-size:13px;padding:1px 6px;border-radius:4px;margin-left:6px}
ol.findings{margin:0;padding-left:20px}ol.findings li{margin:4px 0}
.msg{margin:2px 0}.fix{margin:2px 0;color:#1a4d2e}.fix::before{content:"fix: ";font-weight:600}
.related{font-size:12px;color:#57606a}
code,.place{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px}
#filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:end;margin:8px 0}
#filters label{display:flex;flex-direction:column;font-size:12px;color:#57606a}
#filters input,#filters select{font:inherit;padding:3px 6px}
.pager{margin:6px 0;display:flex;gap:8px;align-items:center}
th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;color:inherit}
th button::after{content:" ↕";color:#8c959f}th[aria-sort=ascending] button::after{content:" ↑"}th[aria-sort=descending] button::after{content:" ↓"}
@media print{#filters,.pager{display:none}.host{break-inside:avoid}}
`;

/** The script: filter (host, answer, rule, severity), sort by any column, page the rows; the state in the URL's #fragment. */
const SCRIPT = `
(function () {
  "use strict";
  var table = document.getElementById("matrix");
  var form = document.getElementById("filters");
  if (!table || !form) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var SEVERITIES = ["critical", "high", "medium", "low", "info", "none"];
  var PAGE = ${PAGE_ROWS};
  var page = 0;
  var shown = rows;
  var status = document.getElementById("shown");
  var prev = document.getElementById("prev");
  var next = document.getElementById("next");
  var fields = { q: form.elements.q, verdict: form.elements.verdict, rule: form.elements.rule, severity: form.elements.severity };
  form.hidden = false;
  document.getElementById("pager").hidden = false;
  function matches(row, needle, verdict, rule, severity) {
    if (needle && row.getAttribute("data-name").indexOf(needle) < 0) return false;
    if (verdict && row.getAttribute("data-verdict") !== verdict) return false;
    if (rule && row.getAttribute("data-rules").indexOf(" " + rule + " ") < 0) return false;
    if (severity && SEVERITIES.indexOf(row.getAttribute("data-severity")) > SEVERITIES.indexOf(severity)) return false;
    return true;
  }
  function render() {
    var first = page * PAGE;
    var last = Math.min(first + PAGE, shown.length);
    for (var i = 0; i < rows.length; i++) { rows[i].hidden = true; rows[i].className = ""; }
    for (var j = first; j < last; j++) shown[j].hidden = false;
    status.textContent = shown.length === 0 ? "No host matches (of " + rows.length + ")" :
      "Hosts " + (first + 1) + "–" + last + " of " + shown.length + (shown.length === rows.length ? "" : " matching (of " + rows.length + ")");
    prev.disabled = page === 0;
    next.disabled = last >= shown.length;
  }
  function apply() {
    var started = performance.now();
    var needle = fields.q.value.trim().toLowerCase();
    var verdict = fields.verdict.value, rule = fields.rule.value, severity = fields.severity.value;
    shown = rows.filter(function (row) { return matches(row, needle, verdict, rule, severity); });
    page = 0;
    render();
    table.setAttribute("data-filter-ms", (performance.now() - started).toFixed(1));
  }
  function toHash() {
    var params = new URLSearchParams();
    Object.keys(fields).forEach(function (name) { if (fields[name].value) params.set(name, fields[name].value); });
    var text = params.toString();
    history.replaceState(null, "", text ? "#" + text : location.pathname + location.search);
  }
  function fromHash() {
    if (location.hash.indexOf("=") < 0) return false;
    var params = new URLSearchParams(location.hash.slice(1));
    Object.keys(fields).forEach(function (name) { fields[name].value = params.get(name) || ""; });
    return true;
  }
  form.addEventListener("input", function () { apply(); toHash(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  prev.addEventListener("click", function () { if (page > 0) { page--; render(); } });
  next.addEventListener("click", function () { if ((page + 1) * PAGE < shown.length) { page++; render(); } });
  function openHost() {
    var target = location.hash.indexOf("#host-") === 0 ? document.getElementById(location.hash.slice(1)) : null;
    if (target && target.tagName === "DETAILS") { target.open = true; target.scrollIntoView(); }
  }
  window.addEventListener("hashchange", function () { if (fromHash()) { apply(); table.scrollIntoView(); } else openHost(); });
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (head, column) {
    var button = head.querySelector("button");
    if (!button) return;
    button.addEventListener("click", function () {
      var descending = head.getAttribute("aria-sort") === "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      head.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var numeric = head.getAttribute("data-numeric") === "1";
      var key = function (row) { var cell = row.cells[column]; var k = cell.getAttribute("data-key"); return k === null ? cell.textContent : k; };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = numeric ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
        return descending ? -order : order;
      });
      var fragment = document.createDocumentFragment();
      rows.forEach(function (row) { fragment.appendChild(row); });
      body.appendChild(fragment);
      apply();
    });
  });
  fromHash();
  apply();
  table.setAttribute("data-ready-ms", performance.now().toFixed(0));
  document.addEventListener("DOMContentLoaded", openHost);
})();
`;

/** The rule catalogue's severity of a finding (a bundle's rule the catalogue lacks counts as info). */
const severityOf = (rules: Map<string, Rule>, id: string): Severity => rules.get(id)?.severity ?? "info";
const rank = (severity: Severity | "none") => (severity === "none" ? SEVERITY_ORDER.length : SEVERITY_ORDER.indexOf(severity));

function worst(rules: Map<string, Rule>, findings: Finding[]): Severity | "none" {
  let best: Severity | "none" = "none";
  for (const f of findings) {
    const severity = severityOf(rules, f.rule);
    if (rank(severity) < rank(best)) best = severity;
  }
  return best;
}

function place(finding: { location: Finding["location"] }): string {
  return hasRegion(finding.location) ? `line ${finding.location.line}, column ${finding.location.column}` : "the whole file";
}

/** Which host a load problem is about: the one whose folder holds its file (the longest root that prefixes it). */
function hostOfFile(roots: Set<string>, file: string): string | null {
  if (roots.has(".")) return ".";
  let path = file;
  for (;;) {
    if (roots.has(path)) return path;
    const slash = path.lastIndexOf("/");
    if (slash <= 0) return null;
    path = path.slice(0, slash);
  }
}

function findingItem(f: Finding, rules: Map<string, Rule>, informationUri: string, withFile: boolean, hosts: string[] = []): string {
  const rule = rules.get(f.rule);
  const severity = severityOf(rules, f.rule);
  const fix = f.fix !== undefined ? fixLine(f.fix, f.location.file) : rule !== undefined ? firstSentence(rule.remediation) : "";
  const related = f.related.map((r) => escapeHtml(`${r.file}:${r.line}:${r.column}`));
  const where = withFile ? `${escapeHtml(f.location.file)}${hasRegion(f.location) ? `:${f.location.line}:${f.location.column}` : ""}` : place(f);
  return [
    `<li class="sev-${severity}" data-rule="${escapeHtml(f.rule)}"><span class="sev">${severity}</span> `,
    `<a class="rule" href="${escapeHtml(ruleHelpUri(informationUri, f.rule))}">${escapeHtml(f.rule)}</a> <span class="place">${where}</span>`,
    `<p class="msg">${withCode(renderMessage(rule, f.message, f.args))}</p>`,
    fix === "" ? "" : `<p class="fix">${withCode(fix)}</p>`,
    related.length === 0 ? "" : `<p class="related">also: ${related.join(", ")}</p>`,
    hosts.length === 0 ? "" : `<p class="related">hosts: ${hosts.map(escapeHtml).join(", ")}</p>`,
    "</li>",
  ].join("");
}

function problemItem(d: RenderedDiagnostic): string {
  return `<li><span class="sev">${d.severity}</span> <code>${escapeHtml(d.code)}</code> <span class="place">${escapeHtml(`${d.location.file}:${d.location.line}:${d.location.column}`)}</span> ${escapeHtml(d.message)}</li>`;
}

function channelCell(verdict: ChannelVerdict): string {
  const status = STATUS[verdict.status];
  return `<td class="st st-${verdict.status}" data-key="${status.rank}"><span class="mk" aria-hidden="true">${status.mark}</span>${status.words}<span class="by">${escapeHtml(verdict.by)}</span></td>`;
}

function answerOf(host: HostSummary): string {
  const { style } = ANSWER_STYLE.get(host.verdict.summary) ?? { style: "unknown" };
  return `<span class="answer a-${style}">${escapeHtml(host.verdict.summary)}</span>`;
}

export function* htmlChunks({ result, catalogue, tool }: ReportContext): Iterable<string> {
  const rules = ruleById(catalogue);
  const reported = reportedFindings(result);
  const byRoot = new Map<string | null, Finding[]>();
  for (const f of result.findings) {
    const group = byRoot.get(f.root);
    if (group === undefined) byRoot.set(f.root, [f]);
    else group.push(f);
  }
  const roots = new Set(result.hosts.map((h) => h.root));
  const problemsByRoot = new Map<string | null, RenderedDiagnostic[]>();
  for (const d of result.diagnostics.map(renderDiagnostic)) {
    const root = hostOfFile(roots, d.location.file);
    const group = problemsByRoot.get(root);
    if (group === undefined) problemsByRoot.set(root, [d]);
    else group.push(d);
  }
  // The hosts a fleet finding involves: those whose files it and its related locations name.
  const involved = new Map<Finding, string[]>();
  const fleetRules = new Map<string, Set<string>>();
  for (const f of byRoot.get(null) ?? []) {
    if (f.suppression !== undefined) continue;
    const hosts = new Set<string>();
    for (const file of [f.location.file, ...f.related.map((r) => r.file)]) {
      const root = hostOfFile(roots, file);
      if (root !== null) hosts.add(root);
    }
    involved.set(f, [...hosts]);
    for (const root of hosts) fleetRules.set(root, (fleetRules.get(root) ?? new Set()).add(f.rule));
  }
  const counts = new Map<Verdict["summary"], number>();
  for (const host of result.hosts) counts.set(host.verdict.summary, (counts.get(host.verdict.summary) ?? 0) + 1);
  const secure = counts.get("encrypted and authenticated") ?? 0;
  const title = `migpolicy: ${secure} of ${result.hosts.length} ${result.hosts.length === 1 ? "host" : "hosts"} encrypted and authenticated`;

  yield [
    "<!DOCTYPE html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${escapeHtml(`${tool.name} ${tool.version}`)}">`,
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style><noscript><style>.later{display:table-row}</style></noscript></head><body>`,
    `<header><h1>Live migration: ${secure} of ${result.hosts.length} ${result.hosts.length === 1 ? "host" : "hosts"} encrypted and authenticated</h1>`,
    `<p class="muted">${escapeHtml(`${tool.name} ${tool.version}`)}: ${result.hosts.length} ${result.hosts.length === 1 ? "host" : "hosts"}, ${reported.length} ${reported.length === 1 ? "finding" : "findings"}${result.findings.length > reported.length ? ` (${result.findings.length - reported.length} accepted)` : ""}, ${result.diagnostics.length} load ${result.diagnostics.length === 1 ? "problem" : "problems"}.</p></header>`,
    '<section id="answer" aria-label="The fleet\'s answer"><ul class="answer-counts">',
    ...ANSWERS.map(({ summary, style }) => {
      const n = counts.get(summary) ?? 0;
      return `<li class="a-${style}${n === 0 ? " zero" : ""}" data-verdict="${escapeHtml(summary)}"><b>${n}</b>${escapeHtml(summary)}</li>`;
    }),
    "</ul></section>",
  ].join("\n");

  // The matrix: one row a host.
  const ruleIds = [...new Set(reported.map((f) => f.rule))].sort(byCodePoint);
  const names = new Map(result.hosts.map((h) => [h.root, h.name]));
  yield [
    '<section id="hosts"><h2>Hosts × channels</h2>',
    '<form id="filters" hidden role="search" aria-label="Filter the hosts">',
    '<label>host <input name="q" type="search" placeholder="name or folder"></label>',
    `<label>answer <select name="verdict"><option value="">any</option>${ANSWERS.map((a) => `<option>${escapeHtml(a.summary)}</option>`).join("")}</select></label>`,
    `<label>rule <select name="rule"><option value="">any</option>${ruleIds.map((id) => `<option>${escapeHtml(id)}</option>`).join("")}</select></label>`,
    `<label>severity at least <select name="severity"><option value="">any</option>${SEVERITY_ORDER.map((s) => `<option>${s}</option>`).join("")}</select></label>`,
    "</form>",
    '<div class="pager" id="pager" hidden><button type="button" id="prev">previous</button><button type="button" id="next">next</button><span id="shown" aria-live="polite"></span></div>',
    '<table id="matrix"><thead><tr><th scope="col"><button type="button">host</button></th><th scope="col"><button type="button">answer</button></th>',
    ...CHANNELS.map((c) => `<th scope="col"><button type="button">${c}</button></th>`),
    '<th scope="col" data-numeric="1"><button type="button">findings</button></th><th scope="col" data-numeric="1"><button type="button">worst</button></th></tr></thead><tbody>',
  ].join("");
  let rows: string[] = [];
  for (const [index, host] of result.hosts.entries()) {
    const findings = (byRoot.get(host.root) ?? []).filter((f) => f.suppression === undefined);
    const severity = worst(rules, findings);
    const hostRules = [...new Set([...findings.map((f) => f.rule), ...(fleetRules.get(host.root) ?? [])])].sort(byCodePoint);
    rows.push(
      [
        `<tr${index < PAGE_ROWS ? "" : ' class="later"'} data-name="${escapeHtml(`${host.name} ${host.root}`.toLowerCase())}" data-verdict="${escapeHtml(host.verdict.summary)}" data-rules=" ${escapeHtml(hostRules.join(" "))} " data-severity="${severity}">`,
        `<th scope="row" data-key="${escapeHtml(host.name.toLowerCase())}"><a href="#host-${index + 1}">${escapeHtml(host.name)}</a><span class="by">${escapeHtml(host.root)}</span></th>`,
        `<td data-key="${ANSWER_STYLE.get(host.verdict.summary)?.rank ?? 0}">${answerOf(host)}${host.verdict.reason === "" ? "" : `<span class="why">${escapeHtml(host.verdict.reason)}</span>`}</td>`,
        ...CHANNELS.map((c) => channelCell(host.verdict[c])),
        `<td data-key="${findings.length}">${findings.length}</td>`,
        `<td data-key="${rank(severity)}"${severity === "none" ? "" : ` class="sev-${severity}"`}>${severity}</td></tr>`,
      ].join(""),
    );
    if (rows.length === 500) {
      yield rows.join("\n");
      rows = [];
    }
  }
  // The script right after the matrix: filtering works while the hosts' findings still load.
  yield `${rows.join("\n")}</tbody></table></section><script>${SCRIPT}</script>`;

  // Each host: its findings by file, what was not evaluated, its load problems.
  const open = result.hosts.length <= OPEN_HOSTS;
  yield `<section id="details"><h2>Findings by host</h2>${open ? "" : `<p class="muted">${result.hosts.length} hosts: open one here, or follow its name in the matrix.</p>`}`;
  for (const [index, host] of result.hosts.entries()) {
    const all = byRoot.get(host.root) ?? [];
    const findings = all.filter((f) => f.suppression === undefined);
    const accepted = all.filter((f) => f.suppression !== undefined);
    const parts = [
      `<details class="host" id="host-${index + 1}"${open ? " open" : ""}><summary><h3>${escapeHtml(host.name)} <span class="root">(${escapeHtml(host.root)}, ${escapeHtml(host.layout)})</span>${answerOf(host)}</h3> <span class="muted">${findings.length} ${findings.length === 1 ? "finding" : "findings"}</span></summary>`,
    ];
    if (host.verdict.reason !== "") parts.push(`<p class="why">${escapeHtml(host.verdict.reason)}</p>`);
    if (findings.length === 0) parts.push('<p class="muted">No finding.</p>');
    let file: string | null = null;
    for (const f of findings) {
      if (f.location.file !== file) {
        if (file !== null) parts.push("</ol>");
        file = f.location.file;
        parts.push(`<h4>${escapeHtml(file)}</h4><ol class="findings">`);
      }
      parts.push(findingItem(f, rules, tool.informationUri, false));
    }
    if (file !== null) parts.push("</ol>");
    if (accepted.length > 0) {
      parts.push(`<details><summary>Accepted (${accepted.length})</summary><ul>`);
      for (const f of accepted) {
        parts.push(
          `<li><code>${escapeHtml(f.rule)}</code> <span class="place">${escapeHtml(f.location.file)}</span> ${escapeHtml(renderMessage(rules.get(f.rule), f.message, f.args))}<span class="why">accepted: ${escapeHtml(f.suppression?.justification ?? "")}</span></li>`,
        );
      }
      parts.push("</ul></details>");
    }
    if (host.not_evaluated.length > 0) {
      const byReason = new Map<string, string[]>();
      for (const { rule, reason } of host.not_evaluated) {
        const ids = byReason.get(reason);
        if (ids === undefined) byReason.set(reason, [rule]);
        else ids.push(rule);
      }
      parts.push(`<details><summary>Not evaluated (${host.not_evaluated.length} ${host.not_evaluated.length === 1 ? "check" : "checks"})</summary><ul>`);
      for (const [reason, ids] of byReason) parts.push(`<li><code>${escapeHtml(ids.join(", "))}</code>: ${escapeHtml(reason)}</li>`);
      parts.push("</ul></details>");
    }
    const problems = problemsByRoot.get(host.root) ?? [];
    if (problems.length > 0) parts.push(`<h4>Load problems</h4><ul class="problems">${problems.map(problemItem).join("")}</ul>`);
    parts.push("</details>");
    yield parts.join("");
  }
  yield "</section>";

  // The rules, by the hosts they hit.
  const byRule = new Map<string, { findings: number; hosts: Set<string> }>();
  for (const f of reported) {
    const entry = byRule.get(f.rule) ?? { findings: 0, hosts: new Set<string>() };
    entry.findings++;
    for (const root of f.root === null ? (involved.get(f) ?? []) : [f.root]) entry.hosts.add(root);
    byRule.set(f.rule, entry);
  }
  const ordered = [...byRule.entries()].sort(
    ([a, x], [b, y]) => y.hosts.size - x.hosts.size || rank(severityOf(rules, a)) - rank(severityOf(rules, b)) || byCodePoint(a, b),
  );
  yield [
    '<section id="rules"><h2>Rules</h2>',
    ordered.length === 0
      ? '<p class="muted">No rule reports anything.</p>'
      : '<table><thead><tr><th scope="col">rule</th><th scope="col">severity</th><th scope="col">title</th><th scope="col">hosts</th><th scope="col">findings</th></tr></thead><tbody>',
    ...ordered.map(([id, { findings, hosts }]) => {
      const severity = severityOf(rules, id);
      return `<tr><th scope="row"><a href="${escapeHtml(ruleHelpUri(tool.informationUri, id))}">${escapeHtml(id)}</a></th><td class="sev-${severity}">${severity}</td><td>${escapeHtml(rules.get(id)?.title ?? "")}</td><td><a href="#rule=${encodeURIComponent(id)}" title="show these hosts">${hosts.size}</a></td><td>${findings}</td></tr>`;
    }),
    ordered.length === 0 ? "</section>" : "</tbody></table></section>",
  ].join("");

  const fleet = (byRoot.get(null) ?? []).filter((f) => f.suppression === undefined);
  if (fleet.length > 0) {
    yield `<section id="fleet"><h2>Fleet findings</h2><p class="muted">Findings about how hosts fit together; the files named are the hosts' own.</p><ol class="findings">${fleet
      .map((f) =>
        findingItem(
          f,
          rules,
          tool.informationUri,
          true,
          (involved.get(f) ?? []).map((root) => names.get(root) ?? root),
        ),
      )
      .join("")}</ol></section>`;
  }
  const elsewhere = problemsByRoot.get(null) ?? [];
  if (elsewhere.length > 0) yield `<section id="problems"><h2>Load problems</h2><ul class="problems">${elsewhere.map(problemItem).join("")}</ul></section>`;
  yield `<footer><p class="muted">Made by <a href="${escapeHtml(tool.informationUri)}">${escapeHtml(tool.name)}</a> ${escapeHtml(tool.version)}. Colours are a second cue: every cell says its status in words and marks (✓ protected, ✗ not protected, ? unknown, – not applicable).</p></footer>`;
  yield "</body></html>\n";
}
