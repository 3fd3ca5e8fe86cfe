import { gramsOf, needleLookup, textAt } from './substring-index';

describe('substring index grams', () => {
  it('indexes every pair of adjacent characters of a value and its last one, folding A–Z only', () => {
    expect([...gramsOf('云智科')]).toEqual(['云智', '智科', '科']);
    expect([...gramsOf('AbÉ')]).toEqual(['ab', 'bÉ', 'É']);
    expect([...gramsOf('公公公')]).toEqual(['公公', '公']);
    expect([...gramsOf('智')]).toEqual(['智']);
    expect([...gramsOf('')]).toEqual([]);
  });

  it('counts characters beyond U+FFFF as one', () => {
    expect([...gramsOf('𠀀智')]).toEqual(['𠀀智', '智']);
    expect(needleLookup('𠀀智')).toEqual({ exact: true, grams: ['𠀀智'] });
  });

  it('looks one character up by the range of grams it starts', () => {
    const lookup = needleLookup('A');
    expect(lookup).toEqual({ exact: true, from: 'a', to: `a${String.fromCodePoint(0x10ffff)}` });
    // Every gram starting with the character lies in the range, and no other one does.
    const inRange = (gram: string) =>
      lookup !== null && 'from' in lookup && gram >= lookup.from && gram <= lookup.to;
    expect(['a', 'ab', 'a智', `a${String.fromCodePoint(0x10ffff)}`].every(inRange)).toBe(true);
    expect(['b', '`z', 'ba', '智a'].some(inRange)).toBe(false);
  });

  it('looks longer needles up by themselves up to two characters, else by pairs covering them', () => {
    expect(needleLookup('')).toBeNull();
    expect(needleLookup('云智')).toEqual({ exact: true, grams: ['云智'] });
    expect(needleLookup('云智科')).toEqual({ exact: false, grams: ['云智', '智科'] });
    expect(needleLookup('云智科技')).toEqual({ exact: false, grams: ['云智', '科技'] });
    expect(needleLookup('云智科技有')).toEqual({ exact: false, grams: ['云智', '科技', '技有'] });
    expect(needleLookup('ACME')).toEqual({ exact: false, grams: ['ac', 'me'] });
    expect(needleLookup('%_%_')).toEqual({ exact: false, grams: ['%_'] });
  });
});

describe('textAt', () => {
  it('reads the text at a dotted path as the stored JSON has it', () => {
    const document = {
      id: 'd1',
      holder: { name: '云智', since: new Date('2026-01-02T00:00:00.000Z'), count: 3 },
      list: ['a'],
    };
    expect(textAt(document, 'holder.name')).toBe('云智');
    expect(textAt(document, 'holder.since')).toBe('2026-01-02T00:00:00.000Z');
    expect(textAt(document, 'id')).toBe('d1');
  });

  it('is null for anything but text, and for inherited or missing fields', () => {
    const document = { id: 'd1', holder: { count: 3, nested: { a: 'x' } }, list: ['a'], none: null };
    expect(textAt(document, 'holder.count')).toBeNull();
    expect(textAt(document, 'holder.nested')).toBeNull();
    expect(textAt(document, 'list')).toBeNull();
    expect(textAt(document, 'list.length')).toBeNull();
    expect(textAt(document, 'none')).toBeNull();
    expect(textAt(document, 'none.a')).toBeNull();
    expect(textAt(document, 'missing')).toBeNull();
    expect(textAt(document, 'holder.constructor')).toBeNull();
  });
});
