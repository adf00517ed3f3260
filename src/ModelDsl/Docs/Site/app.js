// The docs site: a lineage graph of the project (cytoscape, laid out by elkjs), a page per node, and search. All data is in
// window.DOCS (data.js): the manifest, the database catalog and the last run's results.
(function () {
  'use strict';
  const docs = window.DOCS;
  const nodes = Object.values(docs.manifest.nodes);
  const byName = new Map(nodes.map(n => [n.name, n]));
  const children = new Map(nodes.map(n => [n.name, []]));
  nodes.forEach(n => n.depends_on.forEach(d => byName.has(d) && children.get(d).push(n.name)));
  const runs = new Map(((docs.run_results && docs.run_results.results) || []).map(r => [r.name, r]));
  const built = (docs.catalog && docs.catalog.nodes) || {};
  const page = document.getElementById('page');

  // Left to right by layer: each layer is an ELK partition; a node never sits left of what it reads.
  const layerRank = { source: 0, seed: 0, staging: 1, snapshot: 1, intermediate: 2, utility: 2, fact: 3, dimension: 3, analysis: 4, test: 5 };
  const layerColor = { source: '#57606a', seed: '#8c959f', staging: '#0969da', snapshot: '#8250df', intermediate: '#54aeff',
    utility: '#bf8700', fact: '#1a7f37', dimension: '#2da44e', analysis: '#cf222e', test: '#d4a72c' };

  const escape = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const link = name => `<a class="node-link" href="#!/node/${encodeURIComponent(name)}">${escape(name)}</a>`;
  const relationOf = name => { const n = byName.get(name); return n ? (n.relation || n.name) : name; };
  const lineageOf = node => new Map((node.column_lineage || []).map(c => [c.column.toLowerCase(), c]));

  // ---- the lineage graph ----

  async function drawGraph(container, names, onTap) {
    const shown = new Set(names);
    const drawn = nodes.filter(n => shown.has(n.name));
    const edges = drawn.flatMap(n => n.depends_on.filter(d => shown.has(d)).map(d => ({ source: d, target: n.name })));
    const partition = new Map();
    drawn.forEach(n => partition.set(n.name, Math.max(layerRank[n.layer] ?? 0,
      ...n.depends_on.filter(d => partition.has(d)).map(d => partition.get(d)))));
    const width = n => Math.max(90, (n.relation || n.name).length * 7.5 + 20);
    const layout = await new ELK().layout({
      id: 'root',
      layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.partitioning.activate': 'true',
        'elk.layered.spacing.nodeNodeBetweenLayers': '60', 'elk.spacing.nodeNode': '18' },
      children: drawn.map(n => ({ id: n.name, width: width(n), height: 30,
        layoutOptions: { 'elk.partitioning.partition': String(partition.get(n.name)) } })),
      edges: edges.map((e, i) => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
    });
    const position = new Map(layout.children.map(c => [c.id, { x: c.x + c.width / 2, y: c.y + c.height / 2 }]));
    const cy = cytoscape({
      container,
      elements: [
        ...drawn.map(n => ({ data: { id: n.name, label: n.resource_type === 'source' || n.resource_type === 'seed' ? n.relation : n.name, color: layerColor[n.layer] || '#57606a', width: width(n),
          shape: n.materialization === 'ephemeral' ? 'round-rectangle' : n.resource_type === 'source' || n.resource_type === 'seed' ? 'barrel' : 'rectangle',
          border: n.materialization === 'ephemeral' ? 'dashed' : 'solid' }, position: position.get(n.name) })),
        ...edges.map(e => ({ data: { id: `${e.source}->${e.target}`, source: e.source, target: e.target } })),
      ],
      layout: { name: 'preset' },
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: { 'label': 'data(label)', 'background-color': 'data(color)', 'color': '#fff', 'shape': 'data(shape)',
          'text-valign': 'center', 'font-size': 12, 'width': 'data(width)', 'height': 30, 'border-width': 2, 'border-color': '#fff',
          'border-style': 'data(border)' } },
        { selector: 'node.focus', style: { 'border-color': '#24292f', 'border-width': 4 } },
        { selector: 'edge', style: { 'width': 1.5, 'line-color': '#8c959f', 'target-arrow-color': '#8c959f', 'target-arrow-shape': 'triangle',
          'curve-style': 'bezier' } },
      ],
    });
    cy.on('tap', 'node', e => onTap(e.target.id()));
    // Following an edge opens what it feeds.
    cy.on('tap', 'edge', e => onTap(e.target.data('target')));
    cy.fit(undefined, 20);
    return cy;
  }

  function graphPage(selection) {
    page.innerHTML = `
      <div id="graph-controls">
        <input id="select" placeholder="Select: +dim_users, tag:x, layer:staging (empty: everything)" value="${escape(selection)}">
        <span id="graph-count"></span><span id="select-error"></span>
      </div>
      <div class="legend">${Object.entries(layerColor).filter(([l]) => l !== 'test').map(([l, c]) => `<span><i style="background:${c}"></i>${l}</span>`).join('')}</div>
      <div id="graph"></div>`;
    const input = document.getElementById('select');
    input.addEventListener('keydown', e => { if (e.key === 'Enter') location.hash = `#!/graph?select=${encodeURIComponent(input.value)}`; });
    let names;
    try {
      // Data tests are not drawn: each is listed on the page of the node it tests.
      names = (selection.trim() ? DocsSelector.select(nodes, selection) : nodes.map(n => n.name)).filter(n => byName.get(n).resource_type !== 'test');
    } catch (e) {
      document.getElementById('select-error').textContent = e.message;
      return;
    }
    const container = document.getElementById('graph');
    drawGraph(container, names, name => { location.hash = `#!/node/${encodeURIComponent(name)}`; }).then(cy => {
      window.docsGraph = cy;
      document.getElementById('graph-count').textContent = `${cy.nodes().length} nodes, ${cy.edges().length} edges`;
      container.dataset.ready = 'true';
    });
  }

  // ---- a node's page ----

  function lineageCell(trace) {
    if (!trace) return '';
    // Each upstream column links to its row on its node's page.
    const from = trace.depends_on.map(r =>
      `<a class="lineage-link" href="#!/node/${encodeURIComponent(r.node)}?column=${encodeURIComponent(r.column)}">${escape(r.node)}.${escape(r.column)}</a>`).join(', ');
    const sources = trace.sources.map(r => escape(`${relationOf(r.node)}.${r.column}`)).join(', ');
    return `<div class="lineage">${from ? `<div><small>from</small> ${from}</div>` : ''}` +
      `${sources ? `<div class="lineage-sources"><small>sources</small> ${sources}</div>` : ''}` +
      `${trace.untraceable ? `<div class="lineage-untraceable">untraceable: ${escape(trace.untraceable)}</div>`
        : !from ? '<div><small>from constants or row counts only</small></div>' : ''}</div>`;
  }

  function columnsTable(node) {
    const lineage = lineageOf(node);
    const inDatabase = new Map(((built[node.name] || {}).columns || []).map(c => [c.name.toLowerCase(), c.type]));
    const names = [...new Set([...node.columns.map(c => c.name), ...(node.column_lineage || []).map(c => c.column),
      ...((built[node.name] || {}).columns || []).map(c => c.name)].map(n => n.toLowerCase()))];
    if (names.length === 0) return '<p>No columns known.</p>';
    const declared = new Map(node.columns.map(c => [c.name.toLowerCase(), c]));
    const rows = names.map(name => {
      const column = declared.get(name);
      return `<tr id="column-${escape(name)}" class="column"><td class="column-name"><code>${escape(name)}</code></td>` +
        `<td>${escape(column ? column.type + (column.nullable ? '' : ' not null') : '')}</td>` +
        `<td class="database-type">${escape(inDatabase.get(name) || '')}</td>` +
        `<td class="column-description">${escape(column && column.description)}</td>` +
        `<td>${column ? column.tests.map(link).join('<br>') : ''}</td>` +
        `<td class="column-lineage">${lineageCell(lineage.get(name))}</td></tr>`;
    });
    return `<table id="columns"><tr><th>column</th><th>declared type</th><th>in the database</th><th>description</th><th>tests</th><th>lineage</th></tr>${rows.join('')}</table>`;
  }

  function withoutNulls(value) {
    if (Array.isArray(value)) return value.map(withoutNulls);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)).map(([k, v]) => [k, withoutNulls(v)]));
    return value;
  }

  function nodePage(name, column) {
    const node = byName.get(name);
    if (!node) { page.innerHTML = `<h1>No node ${escape(name)}</h1>`; return; }
    const run = runs.get(node.name);
    const upstream = node.depends_on;
    // Tests are listed under tests, not as downstream nodes.
    const downstream = children.get(node.name).filter(n => byName.get(n).resource_type !== 'test');
    page.innerHTML = `
      <h1 id="node-name">${escape(node.name)}</h1>
      <div><span class="badge">${escape(node.resource_type)}</span><span class="badge">${escape(node.layer)}</span><span class="badge">${escape(node.materialization)}</span>
        ${run ? `<span class="badge status-${escape(run.status)}" id="run-status">last run: ${escape(run.status)} in ${Number(run.execution_time).toFixed(2)}s</span>` : ''}</div>
      <p id="description">${escape(node.description || 'No description.')}</p>
      <dl class="properties">
        <dt>relation</dt><dd><code>${escape(node.relation || '(not built)')}</code></dd>
        <dt>layer</dt><dd>${escape(node.layer)} (schema <code>${escape(node.schema)}</code>)</dd>
        <dt>materialization</dt><dd>${escape(node.materialization)}</dd>
        <dt>defined in</dt><dd id="location"><code>${escape(node.file)}:${node.line}</code></dd>
        ${run ? `<dt>last run</dt><dd>${escape(run.status)}${run.message ? ` (${escape(run.message)})` : ''}, ${Number(run.execution_time).toFixed(3)}s,
          completed ${escape(run.completed_at)}${run.rows_affected != null ? `, ${run.rows_affected} rows` : ''}</dd>` : ''}
        <dt>config</dt><dd><code>${escape(JSON.stringify(withoutNulls(node.config)))}</code></dd>
        <dt>tests</dt><dd>${node.tests.length ? node.tests.map(link).join(', ') : 'none'}</dd>
      </dl>
      <h2>Columns</h2>${columnsTable(node)}
      <h2>Upstream</h2><p id="upstream">${upstream.length ? upstream.map(link).join(', ') : 'none'}</p>
      <h2>Downstream</h2><p id="downstream">${downstream.length ? downstream.map(link).join(', ') : 'none'}</p>
      <h2>Neighbourhood</h2><div id="neighbourhood"></div>
      ${node.compiled_sql ? `<h2>Compiled SQL</h2><pre><code id="compiled-sql" class="language-sql">${escape(node.compiled_sql)}</code></pre>` : ''}`;
    const sql = document.getElementById('compiled-sql');
    if (sql) Prism.highlightElement(sql);
    if (window.docsNeighbourhood) window.docsNeighbourhood.destroy();
    const around = [...new Set([...upstream, node.name, ...downstream])].filter(n => byName.has(n) && byName.get(n).resource_type !== 'test');
    drawGraph(document.getElementById('neighbourhood'), around, other => { location.hash = `#!/node/${encodeURIComponent(other)}`; })
      .then(cy => { cy.$id(node.name).addClass('focus'); window.docsNeighbourhood = cy; });
    if (column) {
      const row = document.getElementById(`column-${column.toLowerCase()}`);
      if (row) { row.classList.add('target'); row.scrollIntoView(); }
    }
  }

  // ---- search ----

  function search(text) {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    const results = [];
    for (const node of nodes) {
      const columns = [...node.columns.map(c => c.name), ...(node.column_lineage || []).map(c => c.column)];
      const matched = words.every(w => node.name.toLowerCase().includes(w) || (node.relation || '').toLowerCase().includes(w)
        || (node.description || '').toLowerCase().includes(w) || columns.some(c => c.toLowerCase().includes(w)));
      if (!matched) continue;
      const onName = words.every(w => node.name.toLowerCase().includes(w));
      const column = columns.find(c => words.some(w => c.toLowerCase().includes(w)));
      const why = onName ? '' : (node.description || '').toLowerCase().includes(words[0]) ? 'description' : column ? `column ${column}` : '';
      results.push({ node, score: node.name.toLowerCase() === text.toLowerCase() ? 0 : onName ? 1 : 2, why });
    }
    return results.sort((a, b) => a.score - b.score || a.node.name.localeCompare(b.node.name)).slice(0, 25);
  }

  const searchInput = document.getElementById('search');
  const searchResults = document.getElementById('search-results');
  searchInput.addEventListener('input', () => {
    searchResults.innerHTML = search(searchInput.value).map(r =>
      `<a class="search-result" href="#!/node/${encodeURIComponent(r.node.name)}">${escape(r.node.name)}` +
      `<small>${escape(r.node.resource_type)} · ${escape(r.node.relation || r.node.schema)}${r.why ? ` · matches ${escape(r.why)}` : ''}</small></a>`).join('');
  });
  searchResults.addEventListener('click', () => { searchResults.innerHTML = ''; searchInput.value = ''; });
  searchInput.addEventListener('keydown', e => {
    const first = searchResults.querySelector('a');
    if (e.key === 'Enter' && first) { location.hash = first.getAttribute('href'); searchResults.innerHTML = ''; }
  });

  // ---- routing: #!/graph?select=..., #!/node/NAME[?column=COL] ----

  function route() {
    const hash = location.hash.replace(/^#!?\/?/, '');
    const at = hash.indexOf('?');
    const path = decodeURIComponent(at < 0 ? hash : hash.slice(0, at));
    const params = new URLSearchParams(at < 0 ? '' : hash.slice(at + 1).replace(/\+/g, '%2B'));
    if (path.startsWith('node/')) nodePage(path.slice(5), params.get('column'));
    else graphPage(params.get('select') || '');
  }
  document.getElementById('generated').textContent = `generated ${docs.manifest.metadata.generated_at}` +
    (docs.catalog && docs.catalog.metadata.database ? ` · database ${docs.catalog.metadata.database}` : ' · no database');
  window.addEventListener('hashchange', route);
  route();
})();
