import { pageOfQuery } from './read-store.port';

describe('the page a query asks for', () => {
  it('pages from 1 with 20 by default and at most 200', () => {
    expect(pageOfQuery({})).toEqual({ page: 1, pageSize: 20 });
    expect(pageOfQuery({ page: 0, pageSize: 0 })).toEqual({ page: 1, pageSize: 1 });
    expect(pageOfQuery({ page: 2.7, pageSize: 1000 })).toEqual({ page: 2, pageSize: 200 });
    expect(pageOfQuery({ page: Number.NaN, pageSize: Number.POSITIVE_INFINITY })).toEqual({
      page: 1,
      pageSize: 20,
    });
  });
});
