// The world map of the Geography page: Natural Earth countries (world-atlas, 1:110m) shaded by a metric.
import type { FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { QueryResult } from '../api-types.js';
import { formatCompact, formatValue } from '../format.js';
import { countryName } from '../labels.js';
import { echarts, loadExtraCharts, type ChartOption } from './echarts.js';
import { baseOption, dimensionColumn, escapeHtml, type TooltipItem } from './options.js';
import { column, columnIndex, toNumber, toText } from './result.js';
import { ATLAS_NAME_TO_ISO2 } from './world-countries.js';

let registered: Promise<void> | undefined;

/** Loads the atlas (its own chunk, only on the Geography page) and registers it as the map `world`. */
export function loadWorldMap(): Promise<void> {
  registered ??= Promise.all([import('world-atlas/countries-110m.json'), loadExtraCharts()]).then(([module]) => {
    const topology = (module.default ?? module) as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const countries = feature(topology, topology.objects.countries) as FeatureCollection;
    // Antarctica takes a fifth of the map and no orders.
    countries.features = countries.features.filter((f) => f.properties?.name !== 'Antarctica').map(unwrapAntimeridian);
    echarts.registerMap('world', countries as unknown as Parameters<typeof echarts.registerMap>[1]);
  });
  return registered;
}

type Ring = number[][];

/**
 * Rings that cross the antimeridian (Russia's far east, Fiji) hold points at both -180 and 180, which a flat
 * projection joins with a line across the whole map; moving their western points east by 360° keeps them whole.
 */
function unwrapAntimeridian(f: FeatureCollection['features'][number]): FeatureCollection['features'][number] {
  const fix = (ring: Ring): Ring => {
    const lons = ring.map((p) => p[0]!);
    return Math.max(...lons) - Math.min(...lons) > 270 ? ring.map(([lon, lat]) => [lon! < 0 ? lon! + 360 : lon!, lat!]) : ring;
  };
  const g = f.geometry;
  if (g.type === 'Polygon') return { ...f, geometry: { ...g, coordinates: g.coordinates.map(fix) } };
  if (g.type === 'MultiPolygon') return { ...f, geometry: { ...g, coordinates: g.coordinates.map((poly) => poly.map(fix)) } };
  return f;
}

/** Countries shaded by `metric`; items carry the ISO code as `key` so a click filters by country. */
export function worldMapOption(data: QueryResult, metric: string, selected: readonly string[], dark: boolean): ChartOption {
  const ci = columnIndex(data, dimensionColumn(data, 'country').name);
  const mi = columnIndex(data, metric);
  const format = column(data, metric).format ?? undefined;
  const byCode = new Map(data.rows.map((r) => [toText(r[ci]), toNumber(r[mi])] as const));
  const items = Object.entries(ATLAS_NAME_TO_ISO2)
    .filter(([, code]) => byCode.has(code))
    .map(([name, code]) => ({ name, key: code, value: byCode.get(code), selected: selected.includes(code) }));
  const values = [...byCode.values()].filter((v): v is number => v !== null);
  return {
    ...baseOption(),
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (it: TooltipItem) => {
        const key = (it.data as { key?: string } | undefined)?.key;
        return `${escapeHtml(key ? countryName(key) : it.name)}<br><b>${Number.isFinite(it.value) ? formatValue(it.value, format) : 'no orders'}</b>`;
      },
    },
    visualMap: {
      min: 0,
      max: Math.max(...values, 1),
      text: [formatCompact(Math.max(...values, 1), format), formatCompact(0, format)],
      left: 8,
      bottom: 8,
      itemHeight: 100,
      itemWidth: 10,
      calculable: false,
      formatter: (v: number) => formatCompact(v, format),
      inRange: { color: dark ? ['#1e3a5f', '#60a5fa'] : ['#dbeafe', '#1d4ed8'] },
    },
    series: [
      {
        type: 'map',
        map: 'world',
        roam: true,
        selectedMode: 'multiple',
        cursor: 'pointer',
        itemStyle: { areaColor: dark ? '#2a2f3a' : '#eceff3', borderColor: dark ? '#4b5563' : '#b6bcc6', borderWidth: 0.5 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#f59e0b' } },
        select: { label: { show: false }, itemStyle: { areaColor: '#f59e0b' } },
        data: items,
      },
    ],
  };
}
