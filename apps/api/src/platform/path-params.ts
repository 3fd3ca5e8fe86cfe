import { Param, ParseEnumPipe, ParseUUIDPipe } from '@nestjs/common';
import { validationFailed } from './validation';

/** A path parameter refused like a body field: 400 VALIDATION_FAILED naming it, with what it must be. */
const refused = (name: string, problem: string) => () =>
  validationFailed([{ field: name, problems: [problem] }]);

/** A path parameter that must be a UUID (an application's, an audit's, a nonconformity's id). */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: refused(name, `${name} must be a UUID`) }));

/** A path parameter that must be one of `values` (a worklist's name, a kind of record). */
export const OneOfParam = (name: string, values: readonly string[]): ParameterDecorator =>
  Param(
    name,
    new ParseEnumPipe(values, {
      exceptionFactory: refused(name, `${name} must be one of the following values: ${values.join(', ')}`),
    }),
  );
