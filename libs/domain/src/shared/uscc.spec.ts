import { isValidUscc, usccCheckCharacter } from './uscc';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('R-APP-1 accepts a code whose 18th character is the check character', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
  });

  it.each([
    ['wrong check character', '91350100M000100Y44'],
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y430'],
    ['letter outside the alphabet (I)', '91350100M000I00Y43'],
    ['letter in the division code', '9135A100M000100Y43'],
    ['lower case', '91350100m000100y43'],
  ])('R-APP-1 rejects a code with %s', (_, code) => {
    expect(isValidUscc(code)).toBe(false);
  });

  it('R-APP-1 maps a weighted sum of 0 mod 31 to the check character 0', () => {
    // All zeros: sum = 0, (31 - 0) mod 31 = 0.
    expect(usccCheckCharacter('00000000000000000')).toBe('0');
  });
});
