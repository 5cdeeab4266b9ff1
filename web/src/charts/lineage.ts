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

/** A graph option with fixed positions: x by layer, y by the node's place in its layer. */
export function lineageOption(lineage: Lineage, dark: boolean): ChartOption {
  const layers = lineageLayers(lineage);
  const columns = new Map<string, Lineage['nodes']>(layers.map((l) => [l, []]));
  for (const node of lineage.nodes) columns.get(node.layer || node.resourceType)!.push(node);
  const tallest = Math.max(1, ...[...columns.values()].map((c) => c.length));
  const nodes = layers.flatMap((layer, x) => {
    const column = [...columns.get(layer)!].sort((a, b) => a.name.localeCompare(b.name));
    const offset = (tallest - column.length) / 2;
    return column.map((node, y) => ({
      id: node.id,
      name: node.name,
      x: x * 10,
      y: (offset + y) * 1.2,
      layer,
      resourceType: node.resourceType,
      symbolSize: 9,
      itemStyle: { color: LAYER_COLORS[layer] ?? '#6b7280' },
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
        top: 32,
        bottom: 12,
        left: 12,
        right: 150,
        roam: true,
        categories: layers.map((name) => ({ name, itemStyle: { color: LAYER_COLORS[name] ?? '#6b7280' } })),
        data: nodes.map((n) => ({ ...n, category: layers.indexOf(n.layer) })),
        links: lineage.edges.filter((e) => known.has(e.from) && known.has(e.to)).map((e) => ({ source: e.from, target: e.to })),
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 5,
        label: { show: true, position: 'right', fontSize: 11, color: dark ? '#d1d5db' : '#374151' },
        lineStyle: { color: dark ? '#6b7280' : '#9ca3af', opacity: 0.6, curveness: 0.15, width: 1 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 2, opacity: 1 } },
      },
    ],
  };
}
