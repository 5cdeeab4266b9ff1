// The lineage graph of the Operations page: sources to marts, left to right, one column per layer.
import type { Lineage } from '../api-types.js';
import type { ChartOption } from './echarts.js';
import { baseOption, escapeHtml, type TooltipItem } from './options.js';

const LAYER_ORDER = ['source', 'seed', 'snapshot', 'staging', 'intermediate', 'marts', 'mart', 'test', 'exposure'];
const LAYER_COLORS: Record<string, string> = {
  source: '#64748b',
  seed: '#0d9488',
  snapshot: '#9333ea',
  staging: '#2563eb',
  intermediate: '#d97706',
  marts: '#16a34a',
  mart: '#16a34a',
};

/** Layers of the lineage in drawing order (known layers first, then any others by name). */
export function lineageLayers(lineage: Lineage): string[] {
  const layers = [...new Set(lineage.nodes.map((n) => n.layer || n.resourceType))];
  const rank = (l: string): number => (LAYER_ORDER.includes(l) ? LAYER_ORDER.indexOf(l) : LAYER_ORDER.length);
  return layers.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Column of each node: the length of the longest path from a node without parents (sources, seeds). */
function depths(lineage: Lineage): Map<string, number> {
  const parents = new Map<string, string[]>(lineage.nodes.map((n) => [n.id, []]));
  for (const e of lineage.edges) parents.get(e.to)?.push(e.from);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle (never in a valid project) must not hang the page
    visiting.add(id);
    const d = Math.max(-1, ...(parents.get(id) ?? []).filter((p) => parents.has(p)).map(visit)) + 1;
    visiting.delete(id);
    depth.set(id, d);
    return d;
  };
  for (const n of lineage.nodes) visit(n.id);
  return depth;
}

/** A graph option with fixed positions: x by depth in the DAG, nodes of a column ordered by layer, then by their parents' places. */
export function lineageOption(lineage: Lineage, dark: boolean): ChartOption {
  const layers = lineageLayers(lineage);
  const depth = depths(lineage);
  const parents = new Map<string, string[]>(lineage.nodes.map((n) => [n.id, []]));
  for (const e of lineage.edges) parents.get(e.to)?.push(e.from);
  const columnCount = Math.max(0, ...depth.values()) + 1;
  const row = new Map<string, number>();
  const columns: Lineage['nodes'][] = Array.from({ length: columnCount }, () => []);
  for (const node of lineage.nodes) columns[depth.get(node.id) ?? 0]!.push(node);
  const layerOf = (n: Lineage['nodes'][number]): string => n.layer || n.resourceType;
  for (const column of columns) {
    const parentRow = (n: Lineage['nodes'][number]): number => {
      const rows = (parents.get(n.id) ?? []).map((p) => row.get(p)).filter((r): r is number => r !== undefined);
      return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : 0;
    };
    column.sort((a, b) => layers.indexOf(layerOf(a)) - layers.indexOf(layerOf(b)) || parentRow(a) - parentRow(b) || a.name.localeCompare(b.name));
    column.forEach((n, i) => row.set(n.id, i));
  }
  const tallest = Math.max(1, ...columns.map((c) => c.length));
  const nodes = columns.flatMap((column, x) => {
    const offset = (tallest - column.length) / 2;
    return column.map((node, y) => ({
      id: node.id,
      name: node.name,
      x: x * 10,
      y: (offset + y) * 1.2,
      layer: layerOf(node),
      resourceType: node.resourceType,
      symbolSize: 9,
    }));
  });
  const known = new Set(nodes.map((n) => n.id));
  return {
    ...baseOption(),
    legend: { top: 0, left: 0, data: layers },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (it: TooltipItem & { dataType?: string }) => {
        const d = it.data as { name?: string; layer?: string; resourceType?: string; source?: string; target?: string };
        if (it.dataType === 'edge') return `${escapeHtml(d.source ?? '')} → ${escapeHtml(d.target ?? '')}`;
        return `<b>${escapeHtml(d.name ?? '')}</b><br>${escapeHtml(d.resourceType ?? '')} · ${escapeHtml(d.layer ?? '')}`;
      },
    },
    series: [
      {
        type: 'graph',
        layout: 'none',
        top: 44,
        bottom: 12,
        left: 12,
        right: 150,
        roam: true,
        categories: layers.map((name) => ({ name, itemStyle: { color: LAYER_COLORS[name] ?? '#6b7280' } })),
        data: nodes.map((n) => ({ ...n, category: layers.indexOf(n.layer) })),
        links: lineage.edges.filter((e) => known.has(e.from) && known.has(e.to)).map((e) => ({ source: e.from, target: e.to })),
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 5,
        // A background in the card's colour keeps edges from striking through the names.
        label: { show: true, position: 'right', fontSize: 11, color: dark ? '#d1d5db' : '#374151', backgroundColor: dark ? '#161b22' : '#ffffff', padding: [1, 3], borderRadius: 3 },
        lineStyle: { color: dark ? '#6b7280' : '#9ca3af', opacity: 0.55, curveness: 0.08, width: 1 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 2, opacity: 1 } },
      },
    ],
  };
}
