import { isIsoDate, isValidUscc } from '@app/domain';
import { buildMessage, isUUID, ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * Validation decorators shared by the request DTOs. They check shape and format only, so that bad input is a
 * 400 listing every bad field; business rules stay in the domain, which answers with its rule id.
 */

/** Upper bounds for free text, so an oversize field is reported instead of being stored. */
export const MAX_NAME = 200;
export const MAX_ADDRESS = 500;
export const MAX_TEXT = 5000;
/** Identifiers, references and short codes (user ids, certificate numbers, notice references …). */
export const MAX_ID = 100;
/** Upper bound for lists (reasons, members, corrections …); the body size limit is the last line of defence. */
export const MAX_ITEMS = 100;

const SHA256 = /^[0-9a-f]{64}$/;

/** Several property decorators as one, applied in order. */
export const composeDecorators =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

/** 统一社会信用代码 (GB 32100-2015): 18 characters with a valid check character. */
export const IsUscc = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isUscc',
      validator: {
        validate: (value: unknown) => isValidUscc(value),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a valid 统一社会信用代码 (18 characters, GB 32100-2015 check character)`,
          options,
        ),
      },
    },
    options,
  );

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
export const IsIsoDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a date YYYY-MM-DD`, options),
      },
    },
    options,
  );

/** The SHA-256 of a document's content as 64 lowercase hex digits, the form R-APP-2 records. */
export const IsSha256 = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isSha256',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && SHA256.test(value),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a SHA-256 digest (64 lowercase hex digits)`,
          options,
        ),
      },
    },
    options,
  );

const IsStringValue = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isString',
      validator: {
        validate: (value: unknown) => typeof value === 'string',
        defaultMessage: buildMessage((each) => `${each}$property must be a string`, options),
      },
    },
    options,
  );

// The next two pass non-strings: the string check reports those, once, instead of three messages for one fault.
const IsNotBlank = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || value.trim().length > 0,
        defaultMessage: buildMessage((each) => `${each}$property must not be blank`, options),
      },
    },
    options,
  );

/** The longest a text may be, fixed or depending on the rest of the body (e.g. on the field being changed). */
export type TextLimit = number | ((dto: object) => number);

const limitOf = (limit: TextLimit, dto: object): number => (typeof limit === 'number' ? limit : limit(dto));

/** Counts characters (code points), not UTF-16 units: a CJK extension character or emoji is one character. */
const lengthOf = (value: string): number => [...value].length;

const IsWithinLength = (limit: TextLimit, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'maxLength',
      validator: {
        validate: (value: unknown, args) =>
          typeof value !== 'string' || lengthOf(value) <= limitOf(limit, args?.object ?? {}),
        defaultMessage: buildMessage(
          (each, args) =>
            `${each}$property must be at most ${limitOf(limit, args?.object ?? {})} characters long`,
          options,
        ),
      },
    },
    options,
  );

export interface TextOptions extends ValidationOptions {
  /** Accept an empty or whitespace-only string (a field that must be present but may say nothing). */
  allowBlank?: boolean;
}

/**
 * A string of at most `limit` characters that is not blank: "   " counts as empty, whatever the spaces
 * (String.prototype.trim also removes the ideographic space U+3000).
 */
export const IsText = (limit: TextLimit, options: TextOptions = {}): PropertyDecorator => {
  const { allowBlank, ...validation } = options;
  return composeDecorators(
    IsStringValue(validation),
    ...(allowBlank ? [] : [IsNotBlank(validation)]),
    IsWithinLength(limit, validation),
  );
};

/**
 * The property may be left out, but when present it is validated. Unlike @IsOptional, null is not taken as
 * "left out": the commands distinguish an absent field from a null one, so null is reported as a bad value.
 */
export const IsOmittable = (options?: ValidationOptions): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined, options);

/**
 * Exactly one of `properties` is given (not undefined). Put it on the first of them, together with
 * `@ValidateIf(exactlyOneOfApplies(...))`, so that the error is reported as a field error on that property.
 */
export const ExactlyOneOf = (properties: readonly string[], options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'exactlyOneOf',
      constraints: [properties],
      validator: {
        validate: (_value: unknown, args) =>
          properties.filter((p) => (args?.object as Record<string, unknown>)[p] !== undefined).length === 1,
        defaultMessage: buildMessage(() => `exactly one of ${properties.join(', ')} must be given`, options),
      },
    },
    options,
  );

/**
 * The condition under which the first of `properties` is validated: when it is given, or when none of them is
 * (so that "none given" is reported). When another one is given instead, the first is simply absent.
 */
export const exactlyOneOfApplies =
  (properties: readonly string[]) =>
  (object: object): boolean => {
    const record = object as Record<string, unknown>;
    const [first, ...others] = properties;
    return record[first] !== undefined || others.every((p) => record[p] === undefined);
  };

/** A UUID of any version (ids are generated as v4, or derived from an Idempotency-Key). */
export const IsUuid = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isUuid',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isUUID(value, 'all'),
        defaultMessage: buildMessage((each) => `${each}$property must be a UUID`, options),
      },
    },
    options,
  );
