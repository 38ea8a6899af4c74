// The public endpoints' JSON bodies are judged by the contract's compiled validators (src/contract), so the
// simulator cannot accept what spec/openapi.yaml forbids; each problem becomes a ValidationError issue.
import { componentSchemas, type SchemaName } from '../contract/openapi.js';
import { validate, type SchemaProblem } from '../contract/schemas.js';
import { issue, type ValidationIssue } from './reply.js';

// ajv's keyword -> the `type` a FastAPI server writes for the same failure.
const ISSUE_TYPE: Record<string, string> = {
  required: 'missing',
  enum: 'enum',
  const: 'literal_error',
  minLength: 'string_too_short',
  pattern: 'string_pattern_mismatch',
  format: 'value_error',
  minimum: 'greater_than_equal',
  minItems: 'too_short',
  maxItems: 'too_long',
};
const TYPE_ISSUE: Record<string, string> = {
  string: 'string_type',
  integer: 'int_type',
  number: 'float_type',
  boolean: 'bool_type',
  array: 'list_type',
  object: 'dict_type',
};

function issueType(problem: SchemaProblem): string {
  if (problem.keyword === 'type') return TYPE_ISSUE[String(problem.params.type).split(',')[0]!] ?? 'type_error';
  return ISSUE_TYPE[problem.keyword] ?? 'value_error';
}

/** `/urls/0` -> ['body', 'urls', 0]; a missing property is named at the end, as FastAPI does. */
function locOf(problem: SchemaProblem): (string | number)[] {
  const segments =
    problem.path === ''
      ? []
      : problem.path
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const loc: (string | number)[] = ['body', ...segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s))];
  if (problem.keyword === 'required') loc.push(String(problem.params.missingProperty));
  return loc;
}

/** The `required` lists of a schema's top-level oneOf ("exactly one of url and urls"), [] when it has none. */
function alternativesOf(schema: SchemaName): string[][] {
  const oneOf = (componentSchemas[schema] as { oneOf?: { required?: string[] }[] }).oneOf ?? [];
  return oneOf.map((branch) => branch.required ?? []).filter((required) => required.length > 0);
}

/**
 * A failed "exactly one of" reads as ajv's three errors (each branch's missing field, then oneOf); a client
 * needs one: which fields to give, or that it gave more than one.
 */
function alternativesIssue(alternatives: string[][], body: Record<string, unknown>): ValidationIssue {
  const given = alternatives.filter((fields) => fields.every((field) => body[field] !== undefined));
  const names = alternatives.map((fields) => fields.join(' and ')).join(' or ');
  if (given.length > 1) return issue(['body'], `Give ${names}, not more than one`, 'value_error');
  return issue(['body', alternatives[0]![0]!], `Field required: give ${names}`, 'missing');
}

/** Every way `body` breaks the request schema, as ValidationError issues; [] when it conforms. */
export function schemaIssues(schema: SchemaName, body: Record<string, unknown>): ValidationIssue[] {
  const problems = validate(schema, body);
  const alternatives = alternativesOf(schema);
  const inAlternative = new Set(alternatives.flat());
  const oneOfFailed = problems.some((p) => p.keyword === 'oneOf' && p.path === '');
  const issues = problems
    .filter((p) => !(p.keyword === 'oneOf' && p.path === ''))
    .filter((p) => !(oneOfFailed && p.keyword === 'required' && p.path === '' && inAlternative.has(String(p.params.missingProperty))))
    .map((p) => issue(locOf(p), p.keyword === 'required' ? 'Field required' : p.message, issueType(p)));
  if (oneOfFailed) issues.push(alternativesIssue(alternatives, body));
  return issues;
}

/** The schema's issues, then the endpoint's own (rules no schema states) for fields the schema said nothing about. */
export function withSemanticIssues(fromSchema: ValidationIssue[], semantic: ValidationIssue[]): ValidationIssue[] {
  const judged = new Set(fromSchema.map((i) => i.loc.join('.')));
  return [...fromSchema, ...semantic.filter((i) => !judged.has(i.loc.join('.')))];
}
