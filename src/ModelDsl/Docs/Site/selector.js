// The selection grammar of the command line (`--select`), evaluated in the browser over the manifest's nodes so the graph's
// filter box selects exactly what `ls --select` would. A test checks both agree on a table of selectors.
(function () {
  'use strict';
  const methods = ['tag', 'layer', 'path', 'resource_type'];
  const resourceTypes = ['model', 'seed', 'snapshot', 'source', 'test', 'analysis'];
  const termPattern = /^(@)?(?:(\d*)\+)?([^+@]+)(?:\+(\d*))?$/;
  const lower = s => s.toLowerCase();

  // nodes: the manifest's nodes in its (topological) order. Returns the selected names in that order; throws on bad input.
  function select(nodes, text) {
    const byName = new Map(nodes.map(n => [lower(n.name), n]));
    const parents = n => n.depends_on.map(d => byName.get(lower(d))).filter(Boolean);
    const children = new Map(nodes.map(n => [n.name, []]));
    nodes.forEach(child => parents(child).forEach(p => children.get(p.name).push(child)));
    const walk = (start, depth, next) => {
      const seen = new Set([start]);
      let frontier = [start];
      const found = [];
      for (let level = 0; frontier.length > 0 && (depth === null || level < depth); level++) {
        frontier = frontier.flatMap(next).filter(n => !seen.has(n) && seen.add(n));
        found.push(...frontier);
      }
      return found;
    };
    const ancestors = (n, depth = null) => walk(n, depth, parents);
    const descendants = (n, depth = null) => walk(n, depth, m => children.get(m.name));

    const resolve = name => {
      const node = byName.get(lower(name)) || nodes.find(n => lower(`${n.schema}.${n.name}`) === lower(name));
      if (!node) throw new Error(`unknown node '${name}'`);
      return node;
    };
    const depthOf = (digits, term) => {
      if (digits === undefined || digits === '') return null;
      const depth = Number(digits);
      if (depth > 2147483647) throw new Error(`depth ${digits} in selector '${term}' is too large`);
      return depth;
    };
    const criterion = text => {
      const colon = text.indexOf(':');
      if (colon < 0) return [resolve(text)];
      const method = lower(text.slice(0, colon));
      const value = text.slice(colon + 1);
      if (value.length === 0 && methods.includes(method)) throw new Error(`selector '${text}' has nothing after '${method}:'`);
      const matches = {
        tag: n => (n.config.tags || []).some(t => lower(t) === lower(value)),
        layer: n => n.layer === lower(value) || lower(n.schema) === lower(value),
        path: n => lower(n.file).startsWith(lower(value.replace(/^[./]+/, ''))),
        resource_type: n => n.resource_type === lower(value),
      }[method];
      if (!matches) throw new Error(`unknown selector method '${method}:'`);
      const found = nodes.filter(matches);
      if (found.length === 0 && !(method === 'resource_type' && resourceTypes.includes(lower(value))))
        throw new Error(`no node matches '${text}'`);
      return found;
    };
    const term = text => {
      const match = termPattern.exec(text);
      if (!match) throw new Error(`cannot read selector '${text}'`);
      const [, at, upDepth, name, downDepth] = match;
      const up = upDepth !== undefined;
      const roots = criterion(name);
      const result = new Set(roots);
      for (const root of roots) {
        if (at) {
          const below = [...descendants(root), root];
          below.forEach(n => { result.add(n); ancestors(n).forEach(a => result.add(a)); });
          continue;
        }
        if (up) ancestors(root, depthOf(upDepth, text)).forEach(n => result.add(n));
        if (downDepth !== undefined) descendants(root, depthOf(downDepth, text)).forEach(n => result.add(n));
      }
      return result;
    };

    const words = text.split(/\s+/).filter(w => w.length > 0);
    if (words.length === 0) throw new Error(`empty selector '${text}'`);
    const union = new Set();
    for (const word of words) {
      const sets = word.split(',').filter(t => t.length > 0).map(term);
      if (sets.length === 0) throw new Error(`empty selector '${word}'`);
      sets.reduce((a, b) => new Set([...a].filter(n => b.has(n)))).forEach(n => union.add(n));
    }
    // Tests follow the nodes they test (eager indirect selection).
    nodes.filter(n => n.resource_type === 'test' && parents(n).some(p => union.has(p))).forEach(n => union.add(n));
    return nodes.filter(n => union.has(n)).map(n => n.name);
  }

  window.DocsSelector = { select };
})();
