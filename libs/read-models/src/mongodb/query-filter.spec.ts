import { containsPattern, filterOf, sortOf } from './query-filter';

describe('MongoDB query translation', () => {
  it('escapes regular-expression characters and folds ASCII letters only', () => {
    expect(containsPattern('a.B*')).toBe('[aA]\\.[bB]\\*');
    expect(containsPattern('é(智)')).toBe('é\\(智\\)');
    expect(containsPattern('100%_')).toBe('100%_');
    const regex = new RegExp(containsPattern('x.^$|?+[]{}()\\/-'));
    expect(regex.test('X.^$|?+[]{}()\\/-')).toBe(true);
    expect(regex.test('xx^$|?+[]{}()\\/-')).toBe(false);
  });

  it('maps id to _id, eq null to null-or-missing and drops bound-less ranges', () => {
    expect(
      filterOf({
        where: { id: { eq: 'c1' }, a: { eq: null }, b: {}, 'c.d': { in: [1, 'x'] }, e: { gte: 1, lt: 2 } },
      }),
    ).toEqual({
      $and: [
        { _id: { $eq: 'c1' } },
        { a: { $in: [null] } },
        { 'c.d': { $in: [1, 'x'] } },
        { e: { $gte: 1, $lt: 2 } },
      ],
    });
    expect(filterOf({})).toEqual({});
  });

  it('anyOf becomes $or; an empty list or an empty alternative constrains nothing', () => {
    expect(filterOf({ anyOf: [{ a: { eq: 1 } }, { b: { contains: 'x' } }] })).toEqual({
      $and: [
        {
          $or: [
            { $and: [{ a: { $eq: 1 } }] },
            { $and: [{ $and: [{ b: { $type: 'string' } }, { b: { $regex: '[xX]' } }] }] },
          ],
        },
      ],
    });
    expect(filterOf({ anyOf: [] })).toEqual({});
    expect(filterOf({ anyOf: [{ a: { eq: 1 } }, {}] })).toEqual({});
  });

  it('sorts with _id as the last key and stops at id', () => {
    expect(sortOf({})).toEqual([['_id', 1]]);
    expect(
      sortOf({
        sort: [
          { field: 'a', direction: 'desc' },
          { field: 'a', direction: 'asc' },
          { field: 'b', direction: 'asc' },
        ],
      }),
    ).toEqual([
      ['a', -1],
      ['b', 1],
      ['_id', 1],
    ]);
    expect(
      sortOf({
        sort: [
          { field: 'id', direction: 'desc' },
          { field: 'b', direction: 'asc' },
        ],
      }),
    ).toEqual([['_id', -1]]);
  });

  it('rejects field paths that are not dotted identifiers', () => {
    expect(() => filterOf({ where: { $where: { eq: 1 } } })).toThrow(RangeError);
    expect(() => sortOf({ sort: [{ field: 'a.', direction: 'asc' }] })).toThrow(RangeError);
  });
});
