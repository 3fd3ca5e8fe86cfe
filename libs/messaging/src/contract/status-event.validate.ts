import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { statusEventSchemas } from './status-event.schemas';
import { STATUS_EVENT_SOURCE, type CertificateStatusEvent } from './status-event.types';

let validators: Map<string, ValidateFunction> | null = null;

const compiled = (): Map<string, ValidateFunction> => {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  validators = new Map(
    Object.entries(statusEventSchemas()).map(([type, schema]) => [type, ajv.compile(schema)]),
  );
  return validators;
};

const envelopeProblems = (event: CertificateStatusEvent): string[] => {
  const problems: string[] = [];
  if (!event.id) problems.push('id: empty');
  if (event.source !== STATUS_EVENT_SOURCE) problems.push(`source: expected ${STATUS_EVENT_SOURCE}`);
  if (!event.subject) problems.push('subject: empty');
  if (event.subject !== event.data.certificateNumber)
    problems.push('subject: differs from data.certificateNumber');
  if (Number.isNaN(Date.parse(event.time))) problems.push('time: not an ISO-8601 instant');
  return problems;
};

/** Problems of an integration event against its envelope rules and the JSON Schema of its type; empty = valid. */
export function validateStatusEvent(event: CertificateStatusEvent): string[] {
  const validate = compiled().get(event.type);
  if (!validate) return [`type: unknown ce_type ${event.type}`];
  const problems = envelopeProblems(event);
  if (!validate(event.data)) {
    for (const error of validate.errors ?? []) {
      problems.push(`data${error.instancePath}: ${error.message ?? error.keyword}`);
    }
  }
  return problems;
}
