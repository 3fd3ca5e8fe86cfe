/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-character alphabet
 * (no I, O, S, V, Z); the 18th is a check character over the first 17 with weights 3^i mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/;

export const usccCheckCharacter = (first17: string): string => {
  const sum = [...first17].reduce((acc, ch, i) => acc + ALPHABET.indexOf(ch) * WEIGHTS[i], 0);
  return ALPHABET[(31 - (sum % 31)) % 31];
};

export const isValidUscc = (code: unknown): code is string =>
  typeof code === 'string' && SHAPE.test(code) && usccCheckCharacter(code.slice(0, 17)) === code[17];
