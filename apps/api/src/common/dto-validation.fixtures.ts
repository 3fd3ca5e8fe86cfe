import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { flattenValidationErrors, type FieldProblem } from '../platform/validation';

/**
 * Validates a body the way the global ValidationPipe does (whitelist, forbidNonWhitelisted, transform) and
 * returns the flat list of field problems a client would see in `details`.
 */
export const problemsOf = async (dto: ClassConstructor<object>, body: unknown): Promise<FieldProblem[]> => {
  const instance: unknown = plainToInstance(dto, body);
  const errors = await validate(instance as object, { whitelist: true, forbidNonWhitelisted: true });
  return flattenValidationErrors(errors);
};

/** The bad fields of a body, sorted, for exact comparisons. */
export const badFieldsOf = async (dto: ClassConstructor<object>, body: unknown): Promise<string[]> =>
  (await problemsOf(dto, body)).map((p) => p.field).sort();

/** A copy of `body` with `path` (dotted, array indices as numbers) set to `value`, or removed for `undefined`. */
export const withField = <T>(body: T, path: string, value: unknown): T => {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split('.');
  const last = keys.pop() as string;
  let node = copy as Record<string, unknown>;
  for (const key of keys) node = node[key] as Record<string, unknown>;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy as T;
};

/** The same, for several fields at once. */
export const withFields = <T>(body: T, changes: Record<string, unknown>): T =>
  Object.entries(changes).reduce((acc, [path, value]) => withField(acc, path, value), body);
