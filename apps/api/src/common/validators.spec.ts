import { ValidateIf } from 'class-validator';
import { problemsOf } from './dto-validation.fixtures';
import {
  ExactlyOneOf,
  exactlyOneOfApplies,
  IsIsoDate,
  IsOmittable,
  IsSha256,
  IsText,
  IsUscc,
  IsUuid,
} from './validators';

class Sample {
  @IsUscc()
  uscc!: string;

  @IsIsoDate()
  date!: string;

  @IsSha256()
  sha256!: string;

  @IsText(5)
  text!: string;

  @IsText(5, { allowBlank: true })
  blankable!: string;

  @IsText(3, { each: true })
  list!: string[];

  @IsOmittable()
  @IsIsoDate()
  optionalDate?: string;

  @IsText((o) => ((o as Sample).text === 'wide' ? 10 : 2))
  dependent!: string;
}

const valid: Sample = {
  uscc: '91350100M000100Y43',
  date: '2024-02-29',
  sha256: 'a'.repeat(64),
  text: 'abc',
  blankable: '',
  list: ['x', 'yz'],
  dependent: 'ab',
};

const problemsWith = (changes: Partial<Record<keyof Sample, unknown>>) =>
  problemsOf(Sample, { ...valid, ...changes });

describe('validators', () => {
  it('accepts a valid sample', async () => {
    expect(await problemsWith({})).toEqual([]);
  });

  describe('@IsUscc', () => {
    it.each([
      ['wrong check character', '91350100M000100Y44'],
      ['17 characters', '91350100M000100Y4'],
      ['forbidden letter I', '91350100I000100Y43'],
      ['lower case', '91350100m000100y43'],
      ['a number', 913501],
    ])('rejects %s with the 统一社会信用代码 message', async (_case, uscc) => {
      expect(await problemsWith({ uscc })).toEqual([
        {
          field: 'uscc',
          problems: ['uscc must be a valid 统一社会信用代码 (18 characters, GB 32100-2015 check character)'],
        },
      ]);
    });
  });

  describe('@IsIsoDate', () => {
    it.each([
      ['2026-02-30'],
      ['2025-02-29'],
      ['2026-1-05'],
      ['01/03/2026'],
      ['2026-03-01T00:00:00Z'],
      [20260301],
    ])('rejects %p', async (date) => {
      expect(await problemsWith({ date })).toEqual([
        { field: 'date', problems: ['date must be a date YYYY-MM-DD'] },
      ]);
    });
  });

  describe('@IsSha256', () => {
    it.each([['A'.repeat(64)], ['a'.repeat(63)], ['g'.repeat(64)], [null]])('rejects %p', async (sha256) => {
      expect(await problemsWith({ sha256 })).toEqual([
        { field: 'sha256', problems: ['sha256 must be a SHA-256 digest (64 lowercase hex digits)'] },
      ]);
    });
  });

  describe('@IsText', () => {
    it.each([
      ['empty', '', 'text must not be blank'],
      ['spaces only', '   ', 'text must not be blank'],
      ['an ideographic space (U+3000) only', '\u3000', 'text must not be blank'],
      ['too long', 'abcdef', 'text must be at most 5 characters long'],
      ['a number', 42, 'text must be a string'],
      ['missing', undefined, 'text must be a string'],
    ])('rejects %s with one message', async (_case, text, message) => {
      expect(await problemsWith({ text })).toEqual([{ field: 'text', problems: [message] }]);
    });

    it('counts characters, not UTF-16 units', async () => {
      expect(await problemsWith({ text: '𠀀𠀁𠀂𠀃𠀄' })).toEqual([]);
      expect(await problemsWith({ text: '智能客服中' })).toEqual([]);
      expect(await problemsWith({ text: '智能客服中心' })).toHaveLength(1);
    });

    it('lets a blank value through when allowBlank, but not a non-string', async () => {
      expect(await problemsWith({ blankable: '  ' })).toEqual([]);
      expect(await problemsWith({ blankable: false })).toEqual([
        { field: 'blankable', problems: ['blankable must be a string'] },
      ]);
    });

    it('checks each element of a list', async () => {
      expect(await problemsWith({ list: ['ok', ' ', 'toolong', 7] })).toEqual([
        {
          field: 'list',
          problems: [
            'each value in list must be a string',
            'each value in list must not be blank',
            'each value in list must be at most 3 characters long',
          ],
        },
      ]);
    });

    it('takes a limit that depends on the rest of the body', async () => {
      expect(await problemsWith({ text: 'wide', dependent: 'abcdefghij' })).toEqual([]);
      expect(await problemsWith({ dependent: 'abc' })).toEqual([
        { field: 'dependent', problems: ['dependent must be at most 2 characters long'] },
      ]);
    });
  });

  describe('@IsOmittable', () => {
    it('skips an absent field but reports null and bad values', async () => {
      expect(await problemsWith({ optionalDate: undefined })).toEqual([]);
      expect(await problemsWith({ optionalDate: '2026-04-01' })).toEqual([]);
      expect(await problemsWith({ optionalDate: null })).toEqual([
        { field: 'optionalDate', problems: ['optionalDate must be a date YYYY-MM-DD'] },
      ]);
    });
  });

  describe('@ExactlyOneOf', () => {
    const PAIR = ['a', 'b'] as const;
    class Pair {
      @ValidateIf(exactlyOneOfApplies(PAIR))
      @ExactlyOneOf(PAIR)
      @IsUuid()
      a?: string;

      @IsOmittable()
      @IsText(10)
      b?: string;
    }
    const uuid = '3f2c8f0e-5d7b-4c1a-9e62-0a4b7d9c1e55';

    it('accepts either one', async () => {
      expect(await problemsOf(Pair, { a: uuid })).toEqual([]);
      expect(await problemsOf(Pair, { b: 'x' })).toEqual([]);
    });

    it('reports none and both as an error on the first field', async () => {
      const none = await problemsOf(Pair, {});
      expect(none.map((p) => p.field)).toEqual(['a']);
      expect(none[0].problems).toContain('exactly one of a, b must be given');
      expect(await problemsOf(Pair, { a: uuid, b: 'x' })).toEqual([
        { field: 'a', problems: ['exactly one of a, b must be given'] },
      ]);
    });

    it('still checks the format of the one given', async () => {
      expect(await problemsOf(Pair, { a: 'not-a-uuid' })).toEqual([
        { field: 'a', problems: ['a must be a UUID'] },
      ]);
    });
  });
});
