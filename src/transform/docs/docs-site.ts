/** The single-file docs site: a list of models and sources, a page per node (columns, tests, SQL) and a lineage graph. */
export function docsSiteHtml(manifest: Record<string, unknown>, catalog: Record<string, unknown>): string {
  const data = JSON.stringify({ manifest, catalog }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Project docs</title>
<style>
body{font:14px system-ui,sans-serif;margin:0;display:flex;height:100vh;color:#1d2433}
nav{width:280px;overflow:auto;border-right:1px solid #dde;padding:8px;background:#f7f8fb}
nav a{display:block;padding:2px 4px;color:#234;text-decoration:none;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
nav a:hover{background:#e4e8f2} nav h3{margin:12px 4px 4px;font-size:12px;text-transform:uppercase;color:#667}
main{flex:1;overflow:auto;padding:16px 24px} table{border-collapse:collapse} td,th{border:1px solid #dde;padding:3px 8px;text-align:left}
pre{background:#f4f5f8;padding:8px;overflow:auto} svg text{font-size:11px;cursor:pointer} .sel rect{fill:#ffd27f}
input{width:100%;box-sizing:border-box;padding:4px;margin-bottom:6px}
</style></head><body><nav><input id="q" placeholder="search"><div id="list"></div></nav><main id="main"></main>
<script id="data" type="application/json">${data}</script>
<script>
const {manifest, catalog} = JSON.parse(document.getElementById('data').textContent);
const all = {...manifest.nodes, ...manifest.sources};
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
const label = (n) => n.resource_type === 'source' ? n.source_name + '.' + n.name : n.name;
function list() {
  const q = document.getElementById('q').value.toLowerCase();
  const groups = {};
  for (const n of Object.values(all)) {
    if (!['model','seed','snapshot','source'].includes(n.resource_type) || !label(n).toLowerCase().includes(q)) continue;
    (groups[n.resource_type] ??= []).push(n);
  }
  document.getElementById('list').innerHTML = Object.entries(groups).map(([t, ns]) => '<h3>' + t + 's</h3>' +
    ns.sort((a, b) => label(a).localeCompare(label(b))).map((n) => '<a href="#' + n.unique_id + '">' + esc(label(n)) + '</a>').join('')).join('');
}
function lineage(id) {
  const up = manifest.parent_map[id] || [], down = manifest.child_map[id] || [];
  const cols = [up.filter((x) => !x.startsWith('test.')), [id], down.filter((x) => !x.startsWith('test.'))];
  const h = Math.max(...cols.map((c) => c.length)) * 28 + 10, w = 720;
  let s = '<svg width="' + w + '" height="' + h + '">';
  const pos = {};
  cols.forEach((c, ci) => c.forEach((n, i) => { pos[n] = [20 + ci * 250, 8 + i * 28]; }));
  for (const u of cols[0]) s += '<line x1="' + (pos[u][0] + 200) + '" y1="' + (pos[u][1] + 10) + '" x2="' + pos[id][0] + '" y2="' + (pos[id][1] + 10) + '" stroke="#99a"/>';
  for (const d of cols[2]) s += '<line x1="' + (pos[id][0] + 200) + '" y1="' + (pos[id][1] + 10) + '" x2="' + pos[d][0] + '" y2="' + (pos[d][1] + 10) + '" stroke="#99a"/>';
  for (const [n, [x, y]] of Object.entries(pos)) s += '<g class="' + (n === id ? 'sel' : '') + '" onclick="location.hash=\\'' + n + '\\'"><rect x="' + x + '" y="' + y + '" width="200" height="20" rx="4" fill="#e4e8f2" stroke="#99a"/><text x="' + (x + 6) + '" y="' + (y + 14) + '">' + esc(all[n] ? label(all[n]) : n) + '</text></g>';
  return s + '</svg>';
}
function page() {
  const id = decodeURIComponent(location.hash.slice(1));
  const n = all[id];
  const main = document.getElementById('main');
  if (!n) { main.innerHTML = '<h1>' + esc(manifest.metadata.project_name) + '</h1><p>' + Object.keys(manifest.nodes).length + ' nodes, ' + Object.keys(manifest.sources).length + ' sources. Pick one on the left.</p>'; return; }
  const cat = (catalog.nodes || {})[id] || (catalog.sources || {})[id];
  const cols = {...Object.fromEntries(Object.entries(cat ? cat.columns : {}).map(([k, c]) => [k, {name: k, type: c.type, description: ''}]))};
  for (const [k, c] of Object.entries(n.columns || {})) cols[k] = {...(cols[k] || {type: c.data_type || ''}), name: k, description: c.description};
  const tests = Object.values(manifest.nodes).filter((t) => t.resource_type === 'test' && (t.depends_on.nodes || []).includes(id));
  main.innerHTML = '<h1>' + esc(label(n)) + ' <small>' + n.resource_type + (n.config && n.config.materialized ? ' · ' + esc(n.config.materialized) : '') + '</small></h1>' +
    '<p>' + esc(n.description) + '</p><p><code>' + esc([n.database, n.schema, n.alias || n.identifier].filter(Boolean).join('.')) + '</code> · ' + esc(n.original_file_path) + '</p>' +
    '<h2>Lineage</h2>' + lineage(id) +
    '<h2>Columns</h2><table><tr><th>name</th><th>type</th><th>description</th><th>tests</th></tr>' +
    Object.values(cols).map((c) => '<tr><td>' + esc(c.name) + '</td><td>' + esc(c.type) + '</td><td>' + esc(c.description) + '</td><td>' +
      tests.filter((t) => t.column_name === c.name).map((t) => esc(t.test_metadata ? t.test_metadata.name : t.name)).join(', ') + '</td></tr>').join('') + '</table>' +
    '<h2>Tests</h2><ul>' + tests.map((t) => '<li>' + esc(t.name) + '</li>').join('') + '</ul>' +
    (n.raw_code ? '<h2>Code</h2><pre>' + esc(n.raw_code) + '</pre>' : '');
}
document.getElementById('q').oninput = list;
window.onhashchange = page;
list(); page();
</script></body></html>
`;
}
