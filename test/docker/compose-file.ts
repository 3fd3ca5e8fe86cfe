import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parseDocument } from 'yaml';
import { Environment } from '@app/config';

/**
 * Just enough of Docker Compose's file model to check docker/*.yml without Docker: YAML with merge keys,
 * `${VAR…}` interpolation, and the merge of an override file. Not a compose implementation: only what the
 * checks in compose.spec.ts look at.
 */

export const DOCKER_DIR = join(__dirname, '..', '..', 'docker');

export type Mapping = Record<string, unknown>;
export type Variables = Record<string, string | undefined>;

export const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses one compose file; YAML errors or warnings (e.g. a duplicate key) fail. */
export const readComposeFile = (name: string): Mapping => {
  const document = parseDocument(readFileSync(join(DOCKER_DIR, name), 'utf8'), { merge: true });
  const problems = [...document.errors, ...document.warnings];
  if (problems.length > 0) throw new Error(`${name}: ${problems.map((p) => p.message).join('\n')}`);
  const content: unknown = document.toJS();
  if (!isMapping(content)) throw new Error(`${name}: not a mapping`);
  return content;
};

const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Compose's interpolation: `${X}`, `${X:-default}`, `${X-default}`, `${X:?error}`, `${X?error}`, `${X:+alt}`, `$$`. */
export const interpolate = (text: string, variables: Variables): string =>
  text.replace(VARIABLE, (match, braced?: string, operator?: string, argument = '', bare?: string) => {
    if (match === '$$') return '$';
    const name = braced ?? bare ?? '';
    const value = variables[name];
    const unsetOrEmpty = value === undefined || value === '';
    const missing = operator?.startsWith(':') ? unsetOrEmpty : value === undefined;
    switch (operator?.replace(':', '')) {
      case undefined:
        return value ?? '';
      case '-':
        return missing ? argument : (value ?? '');
      case '?':
        if (missing) throw new Error(`required variable ${name} is missing a value: ${argument}`);
        return value ?? '';
      case '+':
        return missing ? '' : argument;
      default:
        throw new Error(`unsupported interpolation ${match}`);
    }
  });

/** Interpolates every string of a parsed file (keys included), as compose does before anything else. */
export const interpolateAll = (value: unknown, variables: Variables): unknown => {
  if (typeof value === 'string') return interpolate(value, variables);
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, variables));
  if (isMapping(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        interpolate(key, variables),
        interpolateAll(item, variables),
      ]),
    );
  return value;
};

/** Every variable the strings of a parsed file refer to (comments are not interpolated), and whether it is required. */
export const referencedVariables = (value: unknown, found = new Map<string, { required: boolean }>()) => {
  if (Array.isArray(value)) for (const item of value) referencedVariables(item, found);
  else if (isMapping(value))
    for (const [key, item] of Object.entries(value))
      referencedVariables(item, referencedVariables(key, found));
  else if (typeof value === 'string')
    for (const match of value.matchAll(VARIABLE)) {
      const name = match[1] ?? match[4];
      if (!name) continue;
      found.set(name, { required: (match[2] ?? '').endsWith('?') || found.get(name)?.required === true });
    }
  return found;
};

/** Compose's merge of an override file: mappings merge key by key, anything else is replaced. */
export const mergeOverride = (base: unknown, override: unknown): unknown => {
  if (!isMapping(base) || !isMapping(override)) return override;
  const merged: Mapping = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = mergeOverride(base[key], value);
  return merged;
};

export const servicesOf = (file: Mapping): Map<string, Mapping> => {
  const services = file.services;
  if (!isMapping(services)) throw new Error('no services mapping');
  return new Map(
    Object.entries(services).map(([name, service]) => {
      if (!isMapping(service)) throw new Error(`service ${name} is not a mapping`);
      return [name, service];
    }),
  );
};

/** A service's `environment` as compose passes it to the process: strings, in map or `KEY=value` list form. */
export const environmentOf = (service: Mapping): Record<string, string> => {
  const environment = service.environment ?? {};
  if (Array.isArray(environment))
    return Object.fromEntries(
      environment.map((entry) => {
        const [key, ...rest] = String(entry).split('=');
        return [key, rest.join('=')];
      }),
    );
  if (!isMapping(environment)) throw new Error('environment is neither a mapping nor a list');
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value ?? '')]));
};

/** `KEY=value` lines of an env file; `# KEY=value` lines are documented but unset. */
export const readEnvFile = (name: string): { set: Variables; documented: Set<string> } => {
  const set: Variables = {};
  const documented = new Set<string>();
  for (const line of readFileSync(join(DOCKER_DIR, name), 'utf8').split('\n')) {
    const assignment = /^\s*(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!assignment) continue;
    documented.add(assignment[2]);
    if (!assignment[1]) set[assignment[2]] = assignment[3];
  }
  return { set, documented };
};

/**
 * Every variable the Environment class declares: the properties with a default (own keys of an instance) and
 * the optional ones without, which exist only in class-validator's metadata.
 */
export const environmentVariableNames = (): Set<string> => {
  const decorated = getMetadataStorage()
    .getTargetValidationMetadatas(Environment, '', true, false)
    .map((metadata) => metadata.propertyName);
  return new Set([...Object.keys(new Environment()), ...decorated]);
};
