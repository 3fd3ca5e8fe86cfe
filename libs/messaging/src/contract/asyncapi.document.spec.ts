import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser, DiagnosticSeverity } from '@asyncapi/parser';
import { parse } from 'yaml';
import { asyncApiDocument, asyncApiMessageId } from './asyncapi.document';
import { statusEventSchemas } from './status-event.schemas';
import { STATUS_EVENT_TYPES, STATUS_TOPIC_DEFAULT, ceTypeOf } from './status-event.types';

const FILE = join(__dirname, '..', '..', '..', '..', 'docs', 'asyncapi.yaml');
const text = readFileSync(FILE, 'utf8');
const REGENERATE =
  'npx ts-node -r tsconfig-paths/register --transpile-only libs/messaging/scripts/write-asyncapi.ts';

describe('docs/asyncapi.yaml', () => {
  it(`is the document generated from the contract (stale? run: ${REGENERATE})`, () => {
    expect(parse(text)).toEqual(asyncApiDocument());
  });

  it('parses as AsyncAPI 3.0 without errors and holds every event type with its schema', async () => {
    const { document, diagnostics } = await new Parser().parse(text);
    expect(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error)).toEqual([]);
    if (!document) throw new Error('no document');
    expect(document.version()).toBe('3.0.0');
    const channel = document.channels().get('certificateStatus');
    expect(channel?.address()).toBe(STATUS_TOPIC_DEFAULT);
    expect(
      document
        .operations()
        .all()
        .map((op) => op.action()),
    ).toEqual(['send']);

    const schemas = statusEventSchemas();
    for (const type of STATUS_EVENT_TYPES) {
      const message = channel?.messages().get(asyncApiMessageId(type));
      expect(message?.name()).toBe(ceTypeOf(type));
      expect(message?.headers()?.properties()?.ce_type?.const()).toBe(ceTypeOf(type));
      expect(Object.keys(message?.headers()?.properties() ?? {}).sort()).toEqual([
        'ce_id',
        'ce_source',
        'ce_specversion',
        'ce_subject',
        'ce_time',
        'ce_type',
        'content-type',
      ]);
      expect(message?.bindings().get('kafka')?.value()).toMatchObject({ key: { type: 'string' } });
      const payload = message?.payload();
      expect(payload?.additionalProperties()).toBe(false);
      expect(Object.keys(payload?.properties() ?? {}).sort()).toEqual(
        Object.keys((schemas[ceTypeOf(type)] as { properties: object }).properties).sort(),
      );
    }
  });
});
