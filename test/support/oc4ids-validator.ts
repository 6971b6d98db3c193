import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * Validates OC4IDS 0.9.5 project packages offline: JSON Schema draft-04 (ajv-draft-04)
 * with formats, and every value of a field the schema ties to a codelist checked
 * against that codelist's CSV — closed codelists strictly; open ones accept their own
 * codes and extension codes written `x_…` (our classification schemes), nothing else.
 *
 * The schema is read from the repository's copy (test/fixtures/oc4ids-0.9.5), else from
 * ../shared/standards/oc4ids-0.9.5 beside the repository.
 */
const REPOSITORY_COPY = join(__dirname, '..', 'fixtures', 'oc4ids-0.9.5');
const SHARED_COPY = join(__dirname, '..', '..', '..', 'shared', 'standards', 'oc4ids-0.9.5');

export function oc4idsSchemaFolder(): string {
  if (existsSync(join(REPOSITORY_COPY, 'project-package-schema.json'))) return REPOSITORY_COPY;
  if (existsSync(join(SHARED_COPY, 'project-package-schema.json'))) return SHARED_COPY;
  throw new Error(`OC4IDS 0.9.5 schema not found in ${REPOSITORY_COPY} or ${SHARED_COPY}`);
}

export const SHARED_OC4IDS_FOLDER = SHARED_COPY;

/** The first column (Code) of each row of a codelist CSV; quoted fields may hold commas and line breaks. */
export function codelistCodes(csv: string): Set<string> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i += 1) {
    const char = csv[i];
    if (quoted) {
      if (char === '"' && csv[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && csv[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field || row.length > 0) rows.push([...row, field]);
  const [header, ...data] = rows;
  if (header?.[0] !== 'Code') throw new Error(`a codelist starts with a Code column, not ${header?.[0]}`);
  return new Set(data.map((r) => r[0]).filter((code) => code));
}

export interface Oc4idsValidator {
  validatePackage: ValidateFunction;
  /** Codelist violations found by the last validation run, as "path: value not in file". */
  errorsText(): string;
}

export function createOc4idsValidator(folder = oc4idsSchemaFolder()): Oc4idsValidator {
  const codelists = new Map<string, Set<string>>();
  for (const file of readdirSync(join(folder, 'codelists'))) {
    codelists.set(file, codelistCodes(readFileSync(join(folder, 'codelists', file), 'utf8')));
  }
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'openCodelist', schemaType: 'boolean' });
  ajv.addKeyword({ keyword: 'versionId', schemaType: 'boolean' });
  ajv.addKeyword({
    keyword: 'codelist',
    schemaType: 'string',
    errors: true,
    validate: function codelist(file: string, data: unknown, parentSchema?: { openCodelist?: boolean }) {
      const codes = codelists.get(file);
      if (!codes) throw new Error(`codelist ${file} is not in ${folder}/codelists`);
      const values = Array.isArray(data) ? data : [data];
      const bad = values.filter((value) => typeof value === 'string' && !codes.has(value) && !(parentSchema?.openCodelist && value.startsWith('x_')));
      if (bad.length === 0) return true;
      (codelist as unknown as { errors: unknown[] }).errors = [{ keyword: 'codelist', message: `${JSON.stringify(bad)} not in ${file}`, params: { file } }];
      return false;
    },
  });
  ajv.addSchema(JSON.parse(readFileSync(join(folder, 'project-schema.json'), 'utf8')));
  const validatePackage = ajv.compile(JSON.parse(readFileSync(join(folder, 'project-package-schema.json'), 'utf8')));
  return {
    validatePackage,
    errorsText: () => ajv.errorsText(validatePackage.errors, { separator: '\n' }),
  };
}
