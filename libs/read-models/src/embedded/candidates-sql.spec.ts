import type { Query } from '../read-store.port';
import { candidatesSql } from './candidates-sql';

const NAME = { field: 'holder.name', postings: 'doc_t_sx_1' };
const search = (q: string): Query => ({ anyOf: [{ number: { eq: q } }, { 'holder.name': { contains: q } }] });

describe('candidatesSql', () => {
  it('reads the postings of a contains in where; the other conditions remain to be tested', () => {
    expect(
      candidatesSql('doc_t', { where: { status: { eq: 'VALID' }, 'holder.name': { contains: '云智' } } }, [
        NAME,
      ]),
    ).toEqual({
      sql: 'SELECT id AS candidate FROM "doc_t_sx_1" WHERE gram = ?',
      params: ['云智'],
      remaining: { where: { status: { eq: 'VALID' } } },
    });
  });

  it('intersects the postings of pairs covering a longer needle, which the query then confirms', () => {
    const query: Query = { where: { 'holder.name': { contains: '云智科' } } };
    expect(candidatesSql('doc_t', query, [NAME])).toEqual({
      sql:
        'SELECT id AS candidate FROM (SELECT id FROM "doc_t_sx_1" WHERE gram = ? INTERSECT ' +
        'SELECT id FROM "doc_t_sx_1" WHERE gram = ?)',
      params: ['云智', '智科'],
      remaining: query,
    });
  });

  it('unites an exact-number lookup with the postings for the search of the registry', () => {
    expect(candidatesSql('doc_t', search('CMM-ICS-2026-00001'), [NAME])).toEqual({
      sql:
        `SELECT id AS candidate FROM "doc_t" WHERE json_extract(doc, '$.number') = ? UNION ` +
        'SELECT id AS candidate FROM (' +
        ['cm', 'm-', 'ic', 's-', '20', '26', '-0', '00', '01']
          .map(() => 'SELECT id FROM "doc_t_sx_1" WHERE gram = ?')
          .join(' INTERSECT ') +
        ')',
      params: ['CMM-ICS-2026-00001', 'cm', 'm-', 'ic', 's-', '20', '26', '-0', '00', '01'],
      remaining: search('CMM-ICS-2026-00001'),
    });
    // A brand of two characters: number and postings are exact, nothing remains to test but the sort.
    expect(
      candidatesSql('doc_t', { ...search('云智'), sort: [{ field: 'number', direction: 'asc' }] }, [NAME]),
    ).toEqual({
      sql:
        `SELECT id AS candidate FROM "doc_t" WHERE json_extract(doc, '$.number') = ? UNION ` +
        'SELECT id AS candidate FROM "doc_t_sx_1" WHERE gram = ?',
      params: ['云智', '云智'],
      remaining: { sort: [{ field: 'number', direction: 'asc' }] },
    });
    const twoConditions: Query = {
      anyOf: [{ number: { eq: '云智' } }, { 'holder.name': { contains: '云智' }, status: { eq: 'VALID' } }],
    };
    expect(candidatesSql('doc_t', twoConditions, [NAME])?.remaining).toEqual(twoConditions);
    expect(
      candidatesSql('doc_t', { anyOf: [{ id: { in: ['a', 'b'] } }, { 'holder.name': { contains: '智' } }] }, [
        NAME,
      ]),
    ).toEqual({
      sql:
        'SELECT id AS candidate FROM "doc_t" WHERE id IN (?, ?) UNION ' +
        'SELECT DISTINCT id AS candidate FROM "doc_t_sx_1" WHERE gram BETWEEN ? AND ?',
      params: ['a', 'b', '智', `智${String.fromCodePoint(0x10ffff)}`],
      remaining: {},
    });
  });

  it('has no postings candidate for a needle with a pair no value holds, and then nothing left to test', () => {
    const asked: { postings: string; grams: readonly string[] }[] = [];
    const onlyChinese = (postings: string, grams: readonly string[]) => {
      asked.push({ postings, grams });
      return grams.every((gram) => !/[a-z0-9-]/.test(gram));
    };
    // Given a certificate number searched among holder names whose pairs are all Chinese
    expect(candidatesSql('doc_t', search('CMM-ICS-2026-00001'), [NAME], undefined, onlyChinese)).toEqual({
      sql:
        `SELECT id AS candidate FROM "doc_t" WHERE json_extract(doc, '$.number') = ? UNION ` +
        'SELECT NULL AS candidate WHERE 0',
      params: ['CMM-ICS-2026-00001'],
      remaining: {},
    });
    expect(asked).toEqual([
      { postings: 'doc_t_sx_1', grams: ['cm', 'm-', 'ic', 's-', '20', '26', '-0', '00', '01'] },
    ]);
    // A needle whose pairs are all held keeps its postings (a superset, still confirmed by the query)
    const query: Query = { where: { 'holder.name': { contains: '云智科' } } };
    expect(candidatesSql('doc_t', query, [NAME], undefined, onlyChinese)?.remaining).toEqual(query);
    // One character is a range of grams, asked about nothing
    asked.length = 0;
    candidatesSql('doc_t', { where: { 'holder.name': { contains: '智' } } }, [NAME], undefined, onlyChinese);
    expect(asked).toEqual([]);
  });

  it('is null when no substring index narrows the query', () => {
    expect(candidatesSql('doc_t', search('云智'), [])).toBeNull();
    expect(candidatesSql('doc_t', { where: { 'holder.name': { contains: '' } } }, [NAME])).toBeNull();
    expect(candidatesSql('doc_t', { where: { 'holder.city': { contains: '福州' } } }, [NAME])).toBeNull();
    expect(
      candidatesSql('doc_t', { anyOf: [{ number: { eq: 'x' } }, { status: { eq: 'VALID' } }] }, [NAME]),
    ).toBeNull();
    // An alternative without an equality could match anything: no candidates.
    expect(
      candidatesSql('doc_t', { anyOf: [{ score: { gte: 1 } }, { 'holder.name': { contains: '智' } }] }, [
        NAME,
      ]),
    ).toBeNull();
    expect(candidatesSql('doc_t', { anyOf: [{}, { 'holder.name': { contains: '智' } }] }, [NAME])).toBeNull();
    expect(
      candidatesSql('doc_t', { anyOf: [{ done: { eq: true } }, { 'holder.name': { contains: '智' } }] }, [
        NAME,
      ]),
    ).toBeNull();
    expect(candidatesSql('doc_t', {}, [NAME])).toBeNull();
  });
});
