import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { catalog, levelIn } from '../../../src/contract/catalog.js';
import { ORACLE_CHECKS } from '../../../src/oracle/oracle-checks.js';

test.describe('the requirement catalog (spec/requirements.yaml)', () => {
  test('matches its JSON Schema', () => {
    const schema = JSON.parse(readFileSync(new URL('../../../spec/requirements.schema.json', import.meta.url), 'utf8'));
    // strictRequired off: the oneOf names required properties declared beside it, not inside it.
    const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
    const valid = validate(catalog());
    expect(validate.errors ?? [], 'schema errors').toEqual([]);
    expect(valid).toBe(true);
  });

  test('names every requirement and spec issue once', () => {
    const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
    expect(duplicates(catalog().requirements.map((r) => r.id))).toEqual([]);
    expect(duplicates(catalog().spec_issues.map((s) => s.id))).toEqual([]);
  });

  test('files every requirement under a declared area whose prefix its id carries', () => {
    const areas = new Map(catalog().areas.map((a) => [a.id, a.prefix]));
    const misfiled = catalog()
      .requirements.filter((r) => !r.id.startsWith(`${areas.get(r.area) ?? '?'}-`))
      .map((r) => r.id);
    expect(misfiled).toEqual([]);
  });

  test('covers every area of the design with at least one MUST in the strict profile', () => {
    const withMust = new Set(
      catalog()
        .requirements.filter((r) => levelIn(r, 'strict') === 'MUST')
        .map((r) => r.area),
    );
    expect(
      catalog()
        .areas.map((a) => a.id)
        .filter((a) => !withMust.has(a) && a !== 'errors'),
    ).toEqual([]);
  });

  test('keeps inferred rules at SHOULD in the default profile and raises them to MUST in the strict one (docs/ARCHITECTURE.md, "Requirements and profiles")', () => {
    const inferred = catalog().requirements.filter((r) => r.evidence === 'inferred');
    expect(inferred.length).toBeGreaterThan(0);
    expect(inferred.filter((r) => levelIn(r, 'default') !== 'SHOULD').map((r) => r.id)).toEqual([]);
    expect(inferred.filter((r) => levelIn(r, 'strict') !== 'MUST').map((r) => r.id)).toEqual([]);
  });

  test('never lowers a level in the strict profile', () => {
    expect(
      catalog()
        .requirements.filter((r) => r.level === 'MUST' && levelIn(r, 'strict') !== 'MUST')
        .map((r) => r.id),
    ).toEqual([]);
  });

  test('names only oracle checks that exist', () => {
    const unknown = catalog().requirements.flatMap((r) =>
      (r.oracle ?? []).filter((name) => !(name in ORACLE_CHECKS)).map((name) => `${r.id}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  test("links every documented and vendor-client requirement, the client ones too, to the vendor's page or code it quotes, over https", () => {
    const sources = catalog().sources ?? {};
    const all = [...catalog().requirements, ...(catalog().client_requirements ?? [])];
    expect(all.length).toBeGreaterThan(catalog().requirements.length);
    const unknown = all.flatMap((r) => (r.links ?? []).filter((key) => !(key in sources)).map((key) => `${r.id}: ${key}`));
    expect(unknown).toEqual([]);
    const unlinked = all.filter((r) => r.evidence !== 'inferred' && (r.links ?? []).length === 0).map((r) => r.id);
    expect(unlinked).toEqual([]);
    for (const [key, link] of Object.entries(sources)) expect(link.url, key).toMatch(/^https:\/\/[a-z0-9.-]+\//);
  });

  test('records the known gaps of the vendor material as spec issues', () => {
    const titles = catalog()
      .spec_issues.map((s) => s.title)
      .join('\n');
    for (const gap of ['completed_with_failures', 'completed_with_errors', 'DELETE', 'files[]', 'rate limits'])
      expect(titles).toContain(gap);
  });
});
