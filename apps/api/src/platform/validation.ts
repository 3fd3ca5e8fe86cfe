import { HttpStatus, ValidationPipe, type HttpException, type ValidationPipeOptions } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { httpError } from './http-error';

/** One bad input field: its path in the body (`annexA.sites[1].address`) and every problem with it. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Name for an error that is about the whole body (e.g. a JSON array where an object was expected). */
const ROOT_FIELD = '(body)';

/** class-validator names array elements by their index; DTO properties are never all digits. */
const ARRAY_INDEX = /^\d+$/;

const pathOf = (parentPath: string, property: string | undefined): string => {
  if (property === undefined || property === '') return parentPath || ROOT_FIELD;
  if (ARRAY_INDEX.test(property)) return `${parentPath}[${property}]`;
  return parentPath === '' ? property : `${parentPath}.${property}`;
};

/**
 * class-validator reports nested objects and array elements as trees of errors; a client wants a flat list of
 * every bad field, so walk the whole tree (not just the first level) and name each field by its full path.
 */
export const flattenValidationErrors = (
  errors: readonly ValidationError[],
  parentPath = '',
): FieldProblem[] =>
  errors.flatMap((error) => {
    const field = pathOf(parentPath, error.property);
    const own: FieldProblem[] =
      error.constraints !== undefined && Object.keys(error.constraints).length > 0
        ? [{ field, problems: Object.values(error.constraints) }]
        : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });

/** 400 VALIDATION_FAILED listing the bad fields. */
export const validationFailed = (details: FieldProblem[]): HttpException =>
  httpError(
    HttpStatus.BAD_REQUEST,
    'VALIDATION_FAILED',
    `The request has ${details.length} invalid field${details.length === 1 ? '' : 's'}`,
    details,
  );

export const validationExceptionFactory = (errors: ValidationError[]): HttpException =>
  validationFailed(flattenValidationErrors(errors));

/** The one validation configuration of the API; e2e tests build theirs from this too. */
export const validationPipeOptions: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: validationExceptionFactory,
};

export const createValidationPipe = (): ValidationPipe => new ValidationPipe(validationPipeOptions);
