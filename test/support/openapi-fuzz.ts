/**
 * Hostile requests generated from the API's own OpenAPI document, with a fixed
 * seed: for each operation, values for its path, query and body parameters that
 * a careless or hostile client sends — NUL, lone surrogates, 10k characters,
 * SQL and HTML, deep nesting, 1e308 / -1 / 2^63, wrong types, bad uuids and
 * dates. An operation added later is covered without touching the fuzz test.
 */

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  additionalProperties?: boolean | Schema;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  bodySchema?: Schema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { operationId?: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

export const STRATEGIES = ['hostile-strings', 'huge-numbers', 'wrong-types', 'bad-formats', 'deep-nesting', 'plausible'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const HOSTILE_STRINGS: readonly string[] = [
  'nul\u0000byte',
  'lone \ud800 high surrogate',
  'lone \udc00 low surrogate',
  'x'.repeat(10_000),
  "' OR '1'='1'; DROP TABLE projects; --",
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '%00%ff%fe',
  '=HYPERLINK("http://127.0.0.1","x")',
  '',
  ' ',
  '😀'.repeat(100),
  '１２３４',
  '2026-02-30',
  '{"$gt":""}',
];

export const HUGE_NUMBERS: readonly number[] = [1e308, -1, 2 ** 63, -(2 ** 63), 0, 2 ** 31, 1.5, -1e308];
/** As query-string text, including what JSON cannot say. */
export const HUGE_NUMBER_TEXTS: readonly string[] = ['1e308', '-1', '9223372036854775808', '-9223372036854775809', '0', '2147483648', '1.5', 'Infinity', 'NaN', '0x10', '1e-400'];
export const BAD_UUIDS: readonly string[] = ['not-a-uuid', '00000000-0000-0000-0000-00000000000g', '123', '00000000-0000-0000-0000-000000000000', "1' OR '1'='1"];
export const BAD_DATES: readonly string[] = ['9999-12-30', '0000-00-00', '2026-02-30', '1999-12-31', '2101-01-01', '2026-13-01', '+275760-09-13', '2026-1-1', 'yesterday'];
const WRONG_TYPES: readonly unknown[] = [null, true, 12345, 'text', [], ['a', 1], { nested: { deeper: 1 } }, -1];

/** Path segments that are no uuid, percent-encoded as a client would send them (invalid UTF-8 included). */
const HOSTILE_PATH_SEGMENTS: readonly string[] = ['not-a-uuid', '%00', '%ED%A0%80', '%FF%FE', 'x'.repeat(2000), '..%2F..%2Fetc', '%27%20OR%201%3D1', '-1', '1e308', '9223372036854775808'];

export class OperationFuzzer {
  constructor(
    private readonly document: OpenApiDocument,
    private readonly random: () => number,
    /** Real ids for path parameters (e.g. a project the editor owns), so hostile bodies reach the services. */
    private readonly realPathValue: (operation: Operation, parameter: Parameter) => string | undefined,
  ) {}

  operations(): Operation[] {
    const operations: Operation[] = [];
    for (const [path, methods] of Object.entries(this.document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        operations.push({
          method: method.toUpperCase(),
          path,
          operationId: operation.operationId ?? `${method} ${path}`,
          parameters: operation.parameters ?? [],
          bodySchema: operation.requestBody?.content?.['application/json']?.schema,
        });
      }
    }
    return operations;
  }

  /** One request of `operation` in the style of `strategy`. */
  request(operation: Operation, strategy: Strategy): FuzzRequest {
    const headers: Record<string, string> = {};
    const url = this.path(operation, strategy) + this.query(operation, strategy);
    let payload: string | undefined;
    if (operation.bodySchema || (['POST', 'PUT', 'PATCH'].includes(operation.method) && this.chance(0.3))) {
      headers['content-type'] = 'application/json';
      payload = this.body(operation.bodySchema, strategy);
    }
    if (['PUT', 'PATCH', 'POST', 'DELETE'].includes(operation.method) && this.chance(0.5)) {
      headers['if-match'] = this.pick(['"1"', '"999999999999999999999"', 'W/"x"', '*', '"-1"', '"1e308"']);
    }
    if (operation.method === 'POST' && this.chance(0.3)) headers['idempotency-key'] = this.pick(['k'.repeat(300), 'key with spaces', 'ok-key-1', '']);
    return { method: operation.method, url, headers, payload };
  }

  private path(operation: Operation, strategy: Strategy): string {
    return operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
      const parameter = operation.parameters.find((candidate) => candidate.in === 'path' && candidate.name === name) ?? { name, in: 'path' as const };
      const real = this.realPathValue(operation, parameter);
      // Half the time a real id, so that the body and query reach the service behind the route.
      if (real && (strategy === 'plausible' || this.chance(0.6))) return encodeURIComponent(real);
      if (this.chance(0.3)) return crypto.randomUUID();
      return this.pick(HOSTILE_PATH_SEGMENTS);
    });
  }

  private query(operation: Operation, strategy: Strategy): string {
    const pairs: string[] = [];
    for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'query')) {
      if (!parameter.required && this.chance(0.35)) continue;
      const values = this.queryValues(this.resolve(parameter.schema ?? {}), strategy);
      for (const value of values) pairs.push(`${encodeURIComponent(parameter.name)}=${encodeQueryValue(value)}`);
    }
    if (strategy === 'wrong-types' && this.chance(0.5)) pairs.push('unknownParameter=1', 'page[$gt]=1');
    return pairs.length ? `?${pairs.join('&')}` : '';
  }

  private queryValues(schema: Schema, strategy: Strategy): string[] {
    const type = schema.type ?? (schema.enum ? 'string' : 'string');
    switch (strategy) {
      case 'hostile-strings':
        return [this.pick(HOSTILE_STRINGS)];
      case 'huge-numbers':
        return [type === 'integer' || type === 'number' ? this.pick(HUGE_NUMBER_TEXTS) : this.pick([...HUGE_NUMBER_TEXTS, ...HOSTILE_STRINGS])];
      case 'wrong-types':
        // Repeated keys become arrays; an empty value; a word where a number goes.
        return this.chance(0.5) ? ['1', 'two'] : [this.pick(['', 'true', '[]', '{}', 'null', 'abc'])];
      case 'bad-formats':
        return [this.pick(schema.format === 'uuid' ? BAD_UUIDS : schema.format === 'date' ? BAD_DATES : [...BAD_DATES, ...BAD_UUIDS])];
      case 'deep-nesting':
        return ['['.repeat(200) + ']'.repeat(200)];
      case 'plausible':
        return [String(this.plausible(schema, 0) ?? '1')];
    }
  }

  private body(schema: Schema | undefined, strategy: Strategy): string {
    if (strategy === 'deep-nesting') {
      const depth = this.pick([40, 1000, 5000]);
      return this.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    }
    if (!schema) return this.pick(['{}', '[]', '"text"', 'null', '12', '{"unknown":"\\u0000"}', '{']);
    const plausible = this.plausible(this.resolve(schema), 0);
    const mutated = strategy === 'plausible' ? plausible : this.mutate(plausible, this.resolve(schema), strategy, 0);
    // A lone surrogate cannot be encoded as UTF-8; JSON.stringify writes it as a \ud800 escape, as a client would.
    return JSON.stringify(mutated);
  }

  /** A value that satisfies the schema as far as the document tells (examples, enums, formats). */
  plausible(schemaOrRef: Schema, depth: number): unknown {
    const schema = this.resolve(schemaOrRef);
    if (schema.example !== undefined) return schema.example;
    if (schema.enum?.length) return this.pick(schema.enum);
    const merged = schema.allOf ?? schema.oneOf ?? schema.anyOf;
    if (merged?.length) {
      if (schema.allOf) return Object.assign({}, ...merged.map((part) => this.plausible(part, depth + 1)).filter((part) => typeof part === 'object'));
      return this.plausible(this.pick(merged), depth + 1);
    }
    switch (schema.type) {
      case 'integer':
        return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 10, 1));
      case 'number':
        return 1;
      case 'boolean':
        return true;
      case 'array':
        return depth > 6 ? [] : [this.plausible(schema.items ?? {}, depth + 1)];
      case 'string':
        if (schema.format === 'uuid') return crypto.randomUUID();
        if (schema.format === 'date') return '2026-11-20';
        if (schema.format === 'date-time') return '2026-11-20T08:00:00+08:00';
        return '测试';
      default: {
        if (!schema.properties || depth > 6) return {};
        return Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, this.plausible(property, depth + 1)]));
      }
    }
  }

  private mutate(value: unknown, schemaOrRef: Schema, strategy: Strategy, depth: number): unknown {
    const schema = this.resolve(schemaOrRef);
    if (Array.isArray(value)) {
      const items = value.map((item) => this.mutate(item, schema.items ?? {}, strategy, depth + 1));
      return strategy === 'huge-numbers' && this.chance(0.3) ? Array.from({ length: 1000 }, () => items[0] ?? 1) : items;
    }
    if (value !== null && typeof value === 'object') {
      const properties = schema.properties ?? {};
      const result: Record<string, unknown> = {};
      for (const [name, child] of Object.entries(value)) {
        // Mutate most fields, keep some plausible so that validation of the others runs too.
        result[name] = this.chance(0.75) ? this.mutate(child, properties[name] ?? {}, strategy, depth + 1) : child;
      }
      if (strategy === 'wrong-types' && this.chance(0.3)) result['__proto__x'] = { polluted: true };
      if (strategy === 'hostile-strings' && this.chance(0.3)) result[this.pick(HOSTILE_STRINGS.slice(0, 3))] = 'key';
      return result;
    }
    switch (strategy) {
      case 'hostile-strings':
        return typeof value === 'string' || this.chance(0.3) ? this.pick(HOSTILE_STRINGS) : value;
      case 'huge-numbers':
        return typeof value === 'number' || this.chance(0.3) ? this.pick(HUGE_NUMBERS) : value;
      case 'wrong-types':
        return this.pick(WRONG_TYPES.filter((candidate) => typeof candidate !== typeof value));
      case 'bad-formats':
        if (schema.format === 'uuid') return this.pick(BAD_UUIDS);
        if (schema.format === 'date' || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))) return this.pick(BAD_DATES);
        if (schema.format === 'date-time') return this.pick(['9999-12-31T23:59:59Z', '2026-02-30T00:00:00Z', 'now']);
        return typeof value === 'string' ? this.pick([...BAD_DATES, ...BAD_UUIDS]) : value;
      default:
        return value;
    }
  }

  private resolve(schema: Schema): Schema {
    let current = schema;
    for (let hops = 0; current.$ref && hops < 10; hops++) {
      const name = current.$ref.replace('#/components/schemas/', '');
      current = this.document.components?.schemas?.[name] ?? {};
    }
    return current;
  }

  private chance(probability: number): boolean {
    return this.random() < probability;
  }

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)];
  }
}

/** Percent-encodes a query value; a lone surrogate (which encodeURIComponent refuses) goes as the bytes a broken client sends. */
function encodeQueryValue(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value
      .split('')
      .map((character) => (/[\ud800-\udfff]/.test(character) ? '%ED%A0%80' : encodeURIComponent(character)))
      .join('');
  }
}
