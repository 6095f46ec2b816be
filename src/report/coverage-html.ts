/**
 * The coverage report as one self-contained HTML page: no network, no external files. The
 * report's JSON is embedded; a small script draws a coverage bar per provider, a sortable
 * and filterable table of documented responses, and the extracted fields, drift and
 * conflicts below it.
 */
import type { CoverageReport } from '../coverage'

/** JSON that is safe inside a `<script>` element. */
function embed(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

export function coverageHtml(report: CoverageReport, title = 'specpact coverage'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${escapeHtml(title)}</h1>
  <p id="summary"><span data-testid="summary-covered"></span> of <span data-testid="summary-total"></span>
  documented responses covered (<span data-testid="summary-percent"></span>%) ·
  <span data-testid="summary-extracts"></span> ·
  drift: <span data-testid="summary-drift"></span> ·
  conflicts: <span data-testid="summary-conflicts"></span></p>
</header>
<section id="providers" aria-label="Coverage per provider"></section>
<section>
  <h2>Documented responses</h2>
  <form id="filters" onsubmit="return false">
    <label>Provider <select id="filter-provider"><option value="">all</option></select></label>
    <label>Consumer <select id="filter-consumer"><option value="">all</option></select></label>
    <label>State <select id="filter-state">
      <option value="">all</option><option value="covered">covered</option>
      <option value="uncovered">uncovered</option><option value="failed">failed verification</option>
    </select></label>
    <label>Search <input id="filter-text" type="search" placeholder="path, status, spec…"></label>
    <span id="row-count" data-testid="row-count"></span>
  </form>
  <table id="responses">
    <thead><tr>
      <th data-key="provider" aria-sort="none">Provider</th>
      <th data-key="method" aria-sort="none">Method</th>
      <th data-key="path" aria-sort="none">Path</th>
      <th data-key="status" aria-sort="none">Status</th>
      <th data-key="count" aria-sort="none">Interactions</th>
      <th data-key="consumers" aria-sort="none">Consumers</th>
      <th data-key="state" aria-sort="none">State</th>
    </tr></thead>
    <tbody></tbody>
  </table>
</section>
<section><h2>Interactions no documented response answers</h2><table id="undocumented"><thead><tr>
  <th>Spec</th><th>Interaction</th><th>Request</th><th>Why</th>
</tr></thead><tbody></tbody></table></section>
<section><h2>Extracted fields</h2><table id="extracts"><thead><tr>
  <th>Spec</th><th>Variable</th><th>Path</th><th>Endpoint</th><th>In OpenAPI</th><th>State</th>
</tr></thead><tbody></tbody></table></section>
<section><h2>Drift against the OpenAPI</h2><table id="drift"><thead><tr>
  <th>Spec</th><th>Interaction</th><th>Severity</th><th>Code</th><th>Message</th>
</tr></thead><tbody></tbody></table></section>
<section><h2>Conflicts between specs</h2><ul id="conflicts"></ul></section>
<script type="application/json" id="coverage-data">${embed(report)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 2rem 3rem;color:#1d232a;background:#fff}
h1{font-size:1.5rem;margin:1.2rem 0 .3rem}h2{font-size:1.15rem;margin:2rem 0 .6rem}
#providers{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:.8rem;margin-top:1rem}
.provider{border:1px solid #d6dbe1;border-radius:6px;padding:.7rem .9rem}
.provider h3{margin:0 0 .4rem;font-size:1rem}
.bar{height:.8rem;background:#eceff3;border-radius:4px;overflow:hidden}
.bar>span{display:block;height:100%;background:#2f9e5b}
.figures{margin-top:.35rem;color:#4a5561}
form{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin-bottom:.6rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e5e8ec;vertical-align:top}
th{background:#f5f7f9;position:sticky;top:0}
#responses th{cursor:pointer;user-select:none}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.path,td.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}
.state-covered{color:#1f7a45}.state-uncovered{color:#8a96a3}.state-failed{color:#c0392b;font-weight:600}
.sev-error{color:#c0392b}.sev-warning{color:#b7791f}
#row-count{color:#4a5561}
`

/* Runs in the browser: plain ES2017, no dependencies. */
const SCRIPT = `
(function () {
  var report = JSON.parse(document.getElementById('coverage-data').textContent);
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function at(l) { return l ? l.file + ':' + l.line : ''; }
  var s = report.summary;
  function put(id, v) { document.querySelector('[data-testid=' + id + ']').textContent = String(v); }
  put('summary-covered', s.covered); put('summary-total', s.total); put('summary-percent', s.percent);
  put('summary-extracts', (s.extracts - s.unverifiedExtracts) + ' of ' + s.extracts + ' extracted fields verified');
  put('summary-drift', s.drift.errors + ' errors, ' + s.drift.warnings + ' warnings');
  put('summary-conflicts', s.conflicts);

  var cards = document.getElementById('providers');
  report.providers.forEach(function (p) {
    var f = p.figures;
    var card = el('article', { 'class': 'provider', 'data-provider': p.provider });
    card.appendChild(el('h3', {}, p.provider));
    var bar = el('div', { 'class': 'bar', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(f.percent), 'aria-label': p.provider + ' coverage' });
    var fill = el('span'); fill.style.width = f.percent + '%'; bar.appendChild(fill);
    card.appendChild(bar);
    var fig = el('div', { 'class': 'figures' });
    fig.appendChild(el('span', { 'class': 'figure-covered' }, f.covered));
    fig.appendChild(document.createTextNode(' of '));
    fig.appendChild(el('span', { 'class': 'figure-total' }, f.total));
    fig.appendChild(document.createTextNode(' responses ('));
    fig.appendChild(el('span', { 'class': 'figure-percent' }, f.percent));
    fig.appendChild(document.createTextNode('%) · ' + f.operationsCovered + ' of ' + f.operations + ' operations · ' + (p.consumers.join(', ') || 'no consumer')));
    card.appendChild(fig);
    cards.appendChild(card);
  });

  var rows = [];
  report.providers.forEach(function (p) {
    p.operations.forEach(function (op) {
      op.statuses.forEach(function (st) { rows.push(row(p.provider, op.method, op.path, st.status, st.interactions)); });
    });
    p.events.forEach(function (e) { rows.push(row(p.provider, 'EVENT', e.event, e.documented ? 'event' : 'event (not documented)', e.interactions)); });
  });
  function row(provider, method, path, status, interactions) {
    var failed = interactions.some(function (i) { return i.verification === 'failed'; });
    var consumers = interactions.map(function (i) { return i.consumer; }).filter(function (c, i, a) { return a.indexOf(c) === i; });
    return { provider: provider, method: method, path: path, status: String(status), count: interactions.length,
      consumers: consumers.join(', '), consumerList: consumers,
      state: interactions.length === 0 ? 'uncovered' : failed ? 'failed' : 'covered',
      specs: interactions.map(function (i) { return i.description + ' ' + at(i.spec); }).join(' ') };
  }
  function options(id, values) {
    var select = document.getElementById(id);
    values.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort().forEach(function (v) { select.appendChild(el('option', { value: v }, v)); });
  }
  options('filter-provider', report.providers.map(function (p) { return p.provider; }));
  options('filter-consumer', [].concat.apply([], report.providers.map(function (p) { return p.consumers; })));

  var sort = { key: null, dir: 1 };
  var tbody = document.querySelector('#responses tbody');
  function render() {
    var provider = document.getElementById('filter-provider').value;
    var consumer = document.getElementById('filter-consumer').value;
    var state = document.getElementById('filter-state').value;
    var text = document.getElementById('filter-text').value.trim().toLowerCase();
    var shown = rows.filter(function (r) {
      return (!provider || r.provider === provider) && (!consumer || r.consumerList.indexOf(consumer) >= 0) &&
        (!state || r.state === state) &&
        (!text || [r.provider, r.method, r.path, r.status, r.consumers, r.specs].join(' ').toLowerCase().indexOf(text) >= 0);
    });
    if (sort.key) shown.sort(function (a, b) {
      var x = a[sort.key], y = b[sort.key];
      return (typeof x === 'number' ? x - y : String(x).localeCompare(String(y))) * sort.dir;
    });
    tbody.textContent = '';
    shown.forEach(function (r) {
      var tr = el('tr', { 'data-row': '', 'data-state': r.state, 'data-provider': r.provider });
      tr.appendChild(el('td', {}, r.provider)); tr.appendChild(el('td', {}, r.method));
      tr.appendChild(el('td', { 'class': 'path', title: r.specs }, r.path)); tr.appendChild(el('td', {}, r.status));
      tr.appendChild(el('td', {}, r.count)); tr.appendChild(el('td', {}, r.consumers || '—'));
      tr.appendChild(el('td', { 'class': 'state-' + r.state }, r.state));
      tbody.appendChild(tr);
    });
    document.getElementById('row-count').textContent = shown.length + ' of ' + rows.length + ' rows';
  }
  document.querySelectorAll('#responses th').forEach(function (th) {
    th.addEventListener('click', function () {
      var key = th.getAttribute('data-key');
      sort.dir = sort.key === key ? -sort.dir : 1; sort.key = key;
      document.querySelectorAll('#responses th').forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', sort.dir > 0 ? 'ascending' : 'descending');
      render();
    });
  });
  ['filter-provider', 'filter-consumer', 'filter-state', 'filter-text'].forEach(function (id) {
    document.getElementById(id).addEventListener('input', render);
  });
  render();

  var un = document.querySelector('#undocumented tbody');
  report.providers.forEach(function (p) {
    p.undocumented.forEach(function (u) {
      var tr = el('tr');
      tr.appendChild(el('td', { 'class': 'mono' }, at(u.interaction.spec))); tr.appendChild(el('td', {}, u.interaction.description));
      tr.appendChild(el('td', { 'class': 'mono' }, u.method + ' ' + u.path));
      tr.appendChild(el('td', {}, u.reason === 'path' ? 'no documented operation' : 'status ' + u.status + ' is not documented'));
      un.appendChild(tr);
    });
  });
  if (!un.children.length) un.appendChild(el('tr')).appendChild(el('td', { colspan: '4' }, 'none'));
  var ex = document.querySelector('#extracts tbody');
  report.extracts.forEach(function (e) {
    var tr = el('tr', { 'data-state': e.state });
    tr.appendChild(el('td', { 'class': 'mono' }, at(e.spec))); tr.appendChild(el('td', {}, e.variable));
    tr.appendChild(el('td', { 'class': 'mono' }, e.path)); tr.appendChild(el('td', { 'class': 'mono' }, e.endpoint));
    tr.appendChild(el('td', {}, e.documented === undefined ? '—' : e.documented ? 'yes' : 'no'));
    tr.appendChild(el('td', { 'class': 'state-' + (e.state === 'unverified' || e.state === 'failed' ? 'failed' : 'covered') }, e.state));
    ex.appendChild(tr);
  });
  var dr = document.querySelector('#drift tbody');
  report.drift.forEach(function (d) {
    var tr = el('tr', { 'data-severity': d.severity });
    tr.appendChild(el('td', { 'class': 'mono' }, at(d.spec))); tr.appendChild(el('td', {}, d.interaction));
    tr.appendChild(el('td', { 'class': 'sev-' + d.severity }, d.severity)); tr.appendChild(el('td', { 'class': 'mono' }, d.code));
    tr.appendChild(el('td', {}, d.message + (d.extractedBy.length ? ' (extracted at ' + d.extractedBy.map(at).join(', ') + ')' : '')));
    dr.appendChild(tr);
  });
  var cl = document.getElementById('conflicts');
  report.conflicts.forEach(function (c) {
    var li = el('li', {}, c.endpoint + ': ' + (c.kind === 'extract' ? c.variable + ' is read from ' : 'success statuses disagree: '));
    var ul = el('ul');
    c.variants.forEach(function (v) {
      var label = c.kind === 'extract' ? v.path : v.statuses.join(' or ');
      var doc = v.documented === undefined ? '' : v.documented ? ' (OpenAPI agrees)' : ' (not in the OpenAPI)';
      ul.appendChild(el('li', {}, label + doc + ' — ' + v.uses.map(at).join(', ')));
    });
    li.appendChild(ul); cl.appendChild(li);
  });
  if (!report.drift.length) dr.appendChild(el('tr', {}, '')).appendChild(el('td', { colspan: '5' }, 'none'));
  if (!report.conflicts.length) cl.appendChild(el('li', {}, 'none'));
})();
`
