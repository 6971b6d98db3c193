/**
 * One declaration per configuration variable: the property's initializer is its default, and one of the
 * decorators below carries everything else — how the text of the environment becomes a value, its bounds
 * (as class-validator rules, so the error names the variable), whether it is a secret, and what it means.
 * validateConfig, the log redaction and the README's configuration table (npm run config:table) all read
 * these declarations; nothing about a variable is written a second time.
 *
 * An empty value counts as unset (docker compose passes `${NAME:-}` through as ""): the transform returns
 * undefined and plainToInstance (exposeDefaultValues, exposeUnsetFields: false) keeps the initializer.
 */
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export interface SettingOptions {
  /** What the variable does, for the configuration table (one line, Markdown). */
  doc: string;
  /** Its value never appears in a log line or an error message. */
  secret?: boolean;
  /** Said after the default in the table, e.g. what docker compose sets or what production requires. */
  defaultNote?: string;
  /** The allowed values in words, when a rule of validateConfig (not a decorator) checks them. */
  allowed?: string;
}

export type SettingKind = 'integer' | 'boolean' | 'choice' | 'text' | 'url' | 'list';

/** What the table and validateConfig know of one variable. */
export interface SettingDeclaration extends SettingOptions {
  name: string;
  kind: SettingKind;
  secret: boolean;
  required: boolean;
  /** The bounds or allowed values, in words, as the table shows them. */
  bounds: string;
  /** url: the accepted schemes, e.g. ['postgres:', 'postgresql:']. */
  protocols?: readonly string[];
}

const declarations = new Map<Function, SettingDeclaration[]>();

/** The declared settings of a configuration class, in declaration order. */
export function settingsOf(target: Function): readonly SettingDeclaration[] {
  return declarations.get(target) ?? [];
}

type PropertyDecoratorFactory = (target: object, propertyKey: string) => void;

function declare(
  declaration: Omit<SettingDeclaration, 'name' | 'secret' | 'required' | 'bounds'> & { secret?: boolean; required?: boolean; bounds?: string },
  rules: PropertyDecorator[],
): PropertyDecoratorFactory {
  return (target, propertyKey) => {
    const owner = target.constructor;
    const list = declarations.get(owner) ?? [];
    if (list.some((entry) => entry.name === propertyKey)) throw new Error(`${propertyKey} is declared twice`);
    list.push({
      ...declaration,
      name: propertyKey,
      secret: declaration.secret ?? false,
      required: declaration.required ?? false,
      bounds: declaration.allowed ?? declaration.bounds ?? '—',
    });
    declarations.set(owner, list);
    // Unset (or empty) is allowed unless required: the initializer is then the value.
    // Applied last to first, as stacked decorators are (so the messages come in the order they are listed).
    const all = declaration.required ? rules : [IsOptional(), ...rules];
    for (const rule of all.reverse()) rule(target, propertyKey);
  };
}

/** "" → unset; anything else goes through `parse`. */
function fromEnvironment(parse: (value: unknown) => unknown): PropertyDecorator {
  return Transform(({ value }) => (value === '' ? undefined : parse(value)));
}

const code = (value: string | number): string => `\`${value}\``;

/** An integer within bounds: `PORT=abc` fails with "PORT must be an integer number". */
export function IntSetting(options: SettingOptions & { min: number; max?: number }): PropertyDecoratorFactory {
  const { min, max } = options;
  const rules = [fromEnvironment((value) => (typeof value === 'number' ? value : Number(value))), IsInt(), Min(min)];
  if (max !== undefined) rules.push(Max(max));
  return declare({ ...options, kind: 'integer', bounds: max === undefined ? `≥ ${min}` : `${min}–${max}` }, rules);
}

/** `true` or `false`; anything else fails with "<NAME> must be true or false". */
export function BooleanSetting(options: SettingOptions): PropertyDecoratorFactory {
  const parse = (value: unknown): unknown => (value === 'true' ? true : value === 'false' ? false : value);
  return (target, propertyKey) =>
    declare({ ...options, kind: 'boolean', bounds: `${code('true')}, ${code('false')}` }, [
      fromEnvironment(parse),
      IsIn([true, false], { message: `${propertyKey} must be true or false` }),
    ])(target, propertyKey);
}

/** One of a fixed list of words. */
export function ChoiceSetting(options: SettingOptions & { choices: readonly string[] }): PropertyDecoratorFactory {
  const { choices } = options;
  return declare({ ...options, kind: 'choice', bounds: choices.map(code).join(', ') }, [fromEnvironment((value) => value), IsIn([...choices])]);
}

/** Free text, optionally of a least length or matching a pattern (with the sentence to show when it does not). */
export function TextSetting(
  options: SettingOptions & { required?: boolean; minLength?: number; pattern?: { regex: RegExp; message: string } },
): PropertyDecoratorFactory {
  const { minLength, pattern, required } = options;
  const rules = [fromEnvironment((value) => value), IsString()];
  if (minLength !== undefined) rules.push(MinLength(minLength));
  if (pattern) rules.push(Matches(pattern.regex, { message: pattern.message }));
  const bounds = minLength !== undefined && minLength > 1 ? `≥ ${minLength} characters` : minLength === 1 ? 'not empty' : undefined;
  if (pattern && !options.allowed) throw new Error('a TextSetting with a pattern says what it allows (allowed)');
  return declare({ ...options, kind: 'text', required, bounds }, rules);
}

/** A URL of one of the given schemes (validateConfig checks it and says how to write one). */
export function UrlSetting(options: SettingOptions & { protocols: readonly string[]; required?: boolean }): PropertyDecoratorFactory {
  const { protocols, required } = options;
  return declare(
    { ...options, kind: 'url', required, bounds: protocols.map((protocol) => code(`${protocol}//…`)).join(' or ') },
    [fromEnvironment((value) => value), IsString()],
  );
}

/** A comma-separated list of host names, trimmed and lower-cased; unset or empty is the empty list. */
export function HostListSetting(options: SettingOptions): PropertyDecoratorFactory {
  const parse = (value: unknown): unknown =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean)
      : value;
  return declare({ ...options, kind: 'list', bounds: options.allowed ?? 'comma-separated host names' }, [
    Transform(({ value }) => parse(value)),
    IsString({ each: true }),
  ]);
}
