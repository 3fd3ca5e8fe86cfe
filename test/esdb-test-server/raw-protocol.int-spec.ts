/**
 * What the 6.2.1 client API cannot send but the protocol (and the adapter, if a newer client appears) can:
 * filters on a plain `$all` read and structured UUIDs. Driven with the client's own generated gRPC stubs.
 */
import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import {
  BatchAppendReq,
  DeleteReq,
  ReadReq,
  ReadResp,
  TombstoneReq,
} from '@eventstore/db-client/generated/streams_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { randomUUID } from 'node:crypto';
import { parseUUID } from '@eventstore/db-client/dist/utils/grpcUUID';
import { event, useServer } from './test-helpers';

const readAllRequest = (configure: (options: ReadReq.Options) => void, structured = false): ReadReq => {
  const options = new ReadReq.Options()
    .setAll(new ReadReq.Options.AllOptions().setStart(new Empty()))
    .setReadDirection(ReadReq.Options.ReadDirection.FORWARDS)
    .setCount('1000')
    .setUuidOption(
      structured
        ? new ReadReq.Options.UUIDOption().setStructured(new Empty())
        : new ReadReq.Options.UUIDOption().setString(new Empty()),
    )
    .setNoFilter(new Empty());
  configure(options);
  return new ReadReq().setOptions(options);
};

const filter = (on: 'stream' | 'type', expression: { prefixes?: string[]; regex?: string }) => {
  const expr = new ReadReq.Options.FilterOptions.Expression()
    .setPrefixList(expression.prefixes ?? [])
    .setRegex(expression.regex ?? '');
  const options = new ReadReq.Options.FilterOptions()
    .setCount(new Empty())
    .setCheckpointintervalmultiplier(1);
  if (on === 'stream') options.setStreamIdentifier(expr);
  else options.setEventType(expr);
  return (o: ReadReq.Options) => o.setFilter(options);
};

describe('ESDB test server: raw Streams.Read requests', () => {
  const h = useServer();
  let raw: StreamsClient;
  const id = randomUUID();

  const read = (request: ReadReq): Promise<ReadResp[]> =>
    new Promise((resolve, reject) => {
      const responses: ReadResp[] = [];
      raw
        .read(request)
        .on('data', (r: ReadResp) => responses.push(r))
        .on('error', reject)
        .on('end', () => resolve(responses));
    });
  const names = (responses: ReadResp[]) =>
    responses.map((r) => {
      const e = r.getEvent()!.getEvent()!;
      return `${Buffer.from(e.getStreamIdentifier()!.getStreamName_asU8()).toString()}:${e.getMetadataMap().get('type')}`;
    });

  beforeAll(async () => {
    raw = new StreamsClient(`127.0.0.1:${h.server.port}`, credentials.createInsecure());
    await h.client.appendToStream('cert-1', [event('CertApplied', {}, id), event('CertGranted')]);
    await h.client.appendToStream('audit-1', event('AuditScheduled'));
  });
  afterAll(() => raw.close());

  it('filters a $all read by stream prefix, event-type prefix and regex', async () => {
    expect(names(await read(readAllRequest(filter('stream', { prefixes: ['cert-'] }))))).toEqual([
      'cert-1:CertApplied',
      'cert-1:CertGranted',
    ]);
    expect(names(await read(readAllRequest(filter('type', { prefixes: ['Audit'] }))))).toEqual([
      'audit-1:AuditScheduled',
    ]);
    expect(names(await read(readAllRequest(filter('type', { regex: '^[^$].*' }))))).toEqual([
      'cert-1:CertApplied',
      'cert-1:CertGranted',
      'audit-1:AuditScheduled',
    ]);
  });

  it('answers an invalid filter regex with INVALID_ARGUMENT instead of crashing', async () => {
    const error = await read(readAllRequest(filter('type', { regex: '(' }))).catch((e: ServiceError) => e);
    expect((error as ServiceError).code).toBe(status.INVALID_ARGUMENT);
    expect(names(await read(readAllRequest(filter('stream', { prefixes: ['audit-'] }))))).toEqual([
      'audit-1:AuditScheduled',
    ]);
  });

  it('counts only matching events against the read count', async () => {
    const request = readAllRequest((o) => {
      filter('stream', { prefixes: ['cert-', 'audit-'] })(o);
      o.setCount('2');
    });
    expect(names(await read(request))).toEqual(['cert-1:CertApplied', 'cert-1:CertGranted']);
  });

  it('encodes ids as structured UUIDs when asked, and the client decodes them back', async () => {
    const [first] = await read(readAllRequest(filter('stream', { prefixes: ['cert-'] }), true));
    const uuid = first.getEvent()!.getEvent()!.getId()!;
    expect(uuid.hasStructured()).toBe(true);
    expect(parseUUID(uuid)).toBe(id);
  });

  it('answers BatchAppend, Delete and Tombstone with UNIMPLEMENTED', async () => {
    const unary = (call: (done: (error: ServiceError | null) => void) => void) =>
      new Promise<number | undefined>((resolve) => call((error) => resolve(error?.code)));
    expect(await unary((done) => raw.delete(new DeleteReq(), done))).toBe(status.UNIMPLEMENTED);
    expect(await unary((done) => raw.tombstone(new TombstoneReq(), done))).toBe(status.UNIMPLEMENTED);
    const batch = await new Promise<number>((resolve) => {
      const call = raw.batchAppend();
      call.on('error', (error: ServiceError) => resolve(error.code));
      call.on('data', () => undefined);
      call.write(new BatchAppendReq());
    });
    expect(batch).toBe(status.UNIMPLEMENTED);
  });
});
