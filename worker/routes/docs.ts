/**
 * @module The API's own documentation: the OpenAPI document and a page that renders it. The page
 * is self-contained (no CDN), so it works offline and behind strict networks.
 */
import { openApiDocument } from '../openapi.ts';
import { type MountedRoute, Routes } from '../router.ts';

export const docsRoutes = (documented: MountedRoute[]) =>
  new Routes('Docs')
    .get(
      '/openapi.json',
      { summary: 'The OpenAPI 3.1 document', auth: 'public', responses: { 200: 'OpenAPI.' } },
      async ({ c }) => c.json(openApiDocument(documented)),
    )
    .get(
      '/docs',
      { summary: 'API reference', auth: 'public', responses: { 200: 'HTML.' } },
      async ({ c }) => c.html(DOCS_PAGE),
    );

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>GestorLead API reference</title>
<style>
:root{color-scheme:light dark;--bg:#fff;--fg:#1b1f24;--muted:#5b6570;--line:#e3e7ec;--card:#f7f8fa;--accent:#0f766e}
@media (prefers-color-scheme:dark){:root{--bg:#0f1215;--fg:#e6e9ed;--muted:#9aa4ae;--line:#252b31;--card:#161a1f;--accent:#2dd4bf}}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,sans-serif;background:var(--bg);color:var(--fg)}
header{padding:24px 32px;border-bottom:1px solid var(--line)}h1{margin:0 0 4px;font-size:22px}
main{display:grid;grid-template-columns:240px 1fr;gap:0}nav{padding:16px;border-right:1px solid var(--line);position:sticky;top:0;height:100vh;overflow:auto}
nav a{display:block;color:var(--muted);text-decoration:none;padding:3px 6px;border-radius:6px}nav a:hover{background:var(--card);color:var(--fg)}
section{padding:8px 32px}h2{margin:24px 0 8px;font-size:18px}details{border:1px solid var(--line);border-radius:10px;margin:8px 0;background:var(--card)}
summary{cursor:pointer;padding:10px 12px;display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.m{font:600 12px ui-monospace,monospace;text-transform:uppercase;padding:2px 8px;border-radius:6px;color:#fff;min-width:60px;text-align:center}
.get{background:#2563eb}.post{background:#059669}.patch{background:#d97706}.put{background:#7c3aed}.delete{background:#dc2626}
code,pre{font:13px ui-monospace,monospace}pre{background:var(--bg);border:1px solid var(--line);padding:10px;border-radius:8px;overflow:auto;max-height:360px}
.body{padding:0 14px 12px}.perm{color:var(--accent);font-size:13px}.muted{color:var(--muted)}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);font-size:14px}
@media (max-width:760px){main{grid-template-columns:1fr}nav{display:none}section{padding:8px 14px}}
</style></head><body>
<header><h1>GestorLead API</h1><div id="intro" class="muted"></div><p><a href="/api/openapi.json">openapi.json</a></p></header>
<main><nav id="nav"></nav><section id="ops">Loading…</section></main>
<script>
const esc = (s) => String(s ?? '').replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]);
fetch('/api/openapi.json').then((r) => r.json()).then((doc) => {
  document.getElementById('intro').textContent = doc.info.description;
  const byTag = {};
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) (byTag[op.tags[0]] ??= []).push({ path, method, op });
  document.getElementById('nav').innerHTML = Object.keys(byTag).map((t) => '<a href="#' + encodeURIComponent(t) + '">' + esc(t) + '</a>').join('');
  document.getElementById('ops').innerHTML = Object.entries(byTag).map(([tag, list]) =>
    '<h2 id="' + encodeURIComponent(tag) + '">' + esc(tag) + '</h2>' + list.map(({ path, method, op }) =>
      '<details><summary><span class="m ' + method + '">' + method + '</span><code>' + esc(path) + '</code><span>' + esc(op.summary) + '</span>' +
      (op['x-permission'] ? '<span class="perm">' + esc(op['x-permission']) + '</span>' : '<span class="muted">public</span>') + '</summary><div class="body">' +
      (op.description ? '<p>' + esc(op.description) + '</p>' : '') +
      (op.parameters.length ? '<h4>Parameters</h4><table>' + op.parameters.map((p) => '<tr><td><code>' + esc(p.name) + '</code></td><td>' + p.in + '</td><td>' + (p.required ? 'required' : 'optional') + '</td><td><code>' + esc(JSON.stringify(p.schema)) + '</code></td></tr>').join('') + '</table>' : '') +
      (op.requestBody ? '<h4>Body</h4><pre>' + esc(JSON.stringify(op.requestBody.content['application/json'].schema, null, 2)) + '</pre>' : '') +
      '<h4>Responses</h4><table>' + Object.entries(op.responses).map(([s, r]) => '<tr><td><code>' + s + '</code></td><td>' + esc(r.description) + '</td></tr>').join('') + '</table>' +
      '</div></details>').join('')).join('');
});
</script></body></html>`;
