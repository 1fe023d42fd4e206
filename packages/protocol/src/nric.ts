/**
 * NRIC/FIN checksums, used to validate personas and custom NRICs typed into the emulator.
 * Rules: a prefix letter (S, T, F, G), seven digits, and a check letter computed from the digits with
 * weights 2,7,6,5,4,3,2; T and G add 4 to the sum; S/T and F/G each use their own letter table indexed by
 * the sum modulo 11. (The 2022 M series is not supported: its rule is not in our sources.)
 */

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2] as const;
const CHECK_LETTERS: Record<string, string> = {
  S: 'JZIHGFEDCBA',
  T: 'JZIHGFEDCBA',
  F: 'XWUTRQPNMLK',
  G: 'XWUTRQPNMLK',
};
const OFFSETS: Record<string, number> = { S: 0, T: 4, F: 0, G: 4 };

const NRIC_SHAPE = /^([STFG])(\d{7})([A-Z])$/;

/** The check letter for a prefix and seven digits, or `undefined` for an unknown prefix. */
export function computeNricCheckLetter(prefix: string, digits: string): string | undefined {
  const table = CHECK_LETTERS[prefix];
  const offset = OFFSETS[prefix];
  if (table === undefined || offset === undefined || !/^\d{7}$/.test(digits)) return undefined;
  let sum = offset;
  for (let i = 0; i < 7; i++) sum += Number(digits[i]) * (WEIGHTS[i] ?? 0);
  return table[sum % 11];
}

/** Whether `value` is a well-formed NRIC or FIN with a correct check letter. */
export function isValidNric(value: string): boolean {
  const match = NRIC_SHAPE.exec(value);
  if (!match) return false;
  const [, prefix, digits, letter] = match;
  return prefix !== undefined && digits !== undefined && computeNricCheckLetter(prefix, digits) === letter;
}

/** Whether an NRIC/FIN belongs to a foreigner (F, G series) rather than a citizen or PR (S, T). */
export function isForeignIdentificationNumber(value: string): boolean {
  return /^[FG]/.test(value);
}
