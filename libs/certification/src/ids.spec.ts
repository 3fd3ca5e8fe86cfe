import { version as uuidVersion } from 'uuid';
import { actors } from '@app/testing';
import { newId } from './ids';

describe('newId', () => {
  const meta = { actor: actors.registryOfficer, correlationId: 'corr-1' };

  it('without an Idempotency-Key: a new time-ordered id (UUID version 7) each time, in the order made', () => {
    const ids = Array.from({ length: 50 }, () => newId(meta, 'application'));
    expect(ids.map((id) => uuidVersion(id))).toEqual(ids.map(() => 7));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('with an Idempotency-Key: the same id for the same key and purpose, another for another purpose', () => {
    const keyed = { ...meta, idempotencyKey: 'key-1' };
    expect(newId(keyed, 'audit')).toBe(newId(keyed, 'audit'));
    expect(newId(keyed, 'audit')).not.toBe(newId(keyed, 'application'));
    expect(uuidVersion(newId(keyed, 'audit'))).toBe(5);
  });
});
