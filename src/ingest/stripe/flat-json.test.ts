import { describe, expect, it } from 'vitest';
import { FlatSchema, flattenToJson } from './flat-json.js';
import { flattenStripeObject } from './type-mapping.js';

/**
 * What the row-object path writes, with `_raw` as the object's JSON value instead of an escaped string:
 * the reference flattenToJson must match byte for byte.
 */
function reference(object: Record<string, unknown>): { line: string; children: Record<string, string[]> } {
  const flat = flattenStripeObject(object);
  const raw = JSON.stringify(object);
  return {
    line: JSON.stringify(flat.row).replace(`"_raw":${JSON.stringify(raw)}`, () => `"_raw":${raw}`),
    children: Object.fromEntries(Object.entries(flat.children).map(([name, rows]) => [name, rows.map((r) => JSON.stringify(r))])),
  };
}

const charge = {
  id: 'ch_1', object: 'charge', amount: 1250, amount_refunded: 0, captured: true, created: 1_700_000_000, fee: 1.5, negative: -0,
  description: 'Quote " backslash \\ newline \n tab \t unicode é 😀 \u2028', failure_code: null,
  billing_details: { address: { city: 'Lyon', line2: null, country: 'FR' }, email: 'a@b.io', phone: null },
  fraud_details: {},
  metadata: { order_id: '12', 'with space': 'x', 'quote"key': 'y' },
  payment_method_types: ['card', 'sepa_debit'],
  empty_list: [],
  mixed: [1, 'two', { three: 3 }, null],
  refunds: {
    object: 'list', has_more: false, url: '/v1/charges/ch_1/refunds',
    data: [
      { id: 're_1', object: 'refund', amount: 100, metadata: { reason: 'late' }, nested: { object: 'list', data: [{ id: 'x' }] } },
      'not an object',
      { id: 're_2', object: 'refund', amount: 50, tags: ['a'] },
    ],
  },
  empty_refunds: { object: 'list', data: [], has_more: false },
  lines: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2, extra: { deep: true } }],
};

describe('flattenToJson', () => {
  it('writes the same row and child lines as JSON.stringify of the flattened row objects', () => {
    const got = flattenToJson(charge);
    expect(got).toEqual(reference(charge));
    expect(Object.keys(got.children)).toEqual(['refunds', 'empty_refunds', 'lines']);
    expect(JSON.parse(got.line)).toMatchObject({ billing_details__address__city: 'Lyon', payment_method_types: '["card","sepa_debit"]', empty_list: '[]', _raw: JSON.parse(JSON.stringify(charge)) });
    expect(got.line.endsWith(`"_raw":${JSON.stringify(charge)}}`)).toBe(true);
  });

  it('writes the given raw text as the value of `_raw`', () => {
    expect(flattenToJson({ id: 'x', a: 1 }, new FlatSchema(), '{"id":"x", "a":1}').line).toBe('{"id":"x","a":1,"_raw":{"id":"x", "a":1}}');
  });

  it.each([
    ['an integer-like key (a JS object puts it first)', { id: 'o', b: 1, 7: 'seven', 10: 'ten' }],
    ['an integer-like key in a child item', { id: 'o', items: [{ 3: 'x', id: 'i' }] }],
    ['a key with __ that collides with a nested path', { id: 'o', a__b: 1, a: { b: 2 }, c: 3 }],
    ['keys that join into one column through underscores', { id: 'o', a_: { b: 1 }, a: { _b: 2 } }],
    ['a key named _raw', { id: 'o', _raw: 'mine', x: 1 }],
    ['child items that carry the child key columns', { id: 'o', items: [{ _mercator_index: 9, _mercator_parent_id: 'p', v: 1 }] }],
    ['an empty key', { id: 'o', '': 1, a: { '': 2 } }],
    ['a __proto__ key', JSON.parse('{"id":"o","__proto__":{"x":1},"y":2}') as Record<string, unknown>],
    ['a numeric id', { id: 42, items: [{ v: 1 }] }],
  ])('matches the row-object path for %s', (_name, object) => {
    expect(flattenToJson(object)).toEqual(reference(object));
  });

  it('matches on many objects sharing and not sharing paths (the key cache is per path)', () => {
    for (let i = 0; i < 300; i++) {
      const object = { id: `o_${i}`, created: i, metadata: { [`k${i % 7}`]: String(i), shared: i % 2 === 0 ? null : 'v' }, card: i % 3 === 0 ? null : { brand: 'visa', checks: { cvc: i % 2 === 0 ? 'pass' : null } } };
      expect(flattenToJson(object)).toEqual(reference(object));
    }
  });
});

describe('FlatSchema', () => {
  it('types every column from all rows, in order of first appearance (`_raw` after the first row\'s fields)', () => {
    const schema = new FlatSchema();
    flattenToJson({ id: 'a', amount: 1, paid: true, fee: null, note: null, card: { brand: 'visa' }, tags: ['x'] }, schema);
    flattenToJson({ id: 'b', amount: 2.5, paid: false, fee: 3, note: null, card: null, late: 'only here' }, schema);
    expect(schema.main.types()).toEqual({ id: 'string', amount: 'double', paid: 'boolean', fee: 'bigint', note: 'json', card__brand: 'string', tags: 'string', _raw: 'string', card: 'json', late: 'string' });
    expect(Object.keys(schema.main.types())).toEqual(['id', 'amount', 'paid', 'fee', 'note', 'card__brand', 'tags', '_raw', 'card', 'late']);
  });

  it('makes text of a column that mixes kinds, and a double of an unsafe integer', () => {
    const schema = new FlatSchema();
    for (const value of ['x', 1]) flattenToJson({ id: 'a', mixed: value, flag: value === 'x' ? true : 0, big: 2 ** 60 }, schema);
    expect(schema.main.types()).toMatchObject({ mixed: 'string', flag: 'string', big: 'double' });
  });

  it('types each child table with its key columns first, even for an empty list', () => {
    const schema = new FlatSchema();
    flattenToJson({ id: 'a', refunds: { object: 'list', data: [{ id: 'r1', amount: 5 }] }, lines: { object: 'list', data: [] } }, schema);
    flattenToJson({ id: 'b', refunds: { object: 'list', data: [{ id: 'r2', amount: 6, reason: 'late' }] } }, schema);
    expect(schema.child('refunds').types()).toEqual({ _mercator_parent_id: 'string', _mercator_index: 'bigint', id: 'string', amount: 'bigint', reason: 'string' });
    expect(schema.child('lines').types()).toEqual({ _mercator_parent_id: 'string', _mercator_index: 'bigint' });
  });

  it('records the columns of objects that take the row-object path', () => {
    const schema = new FlatSchema();
    flattenToJson({ id: 'a', 7: 'seven', items: [{ 3: 1.5 }] }, schema);
    expect(schema.main.types()).toEqual({ 7: 'string', id: 'string', _raw: 'string' });
    expect(schema.child('items').types()).toEqual({ _mercator_parent_id: 'string', _mercator_index: 'bigint', 3: 'double' });
  });
});
