/**
 * Parsers for the value formats of the data catalogue. Each takes the decrypted string exactly as sgID
 * sends it (never `NA`: the catalogue handles that first) and returns a typed value or a reason.
 */
import { isValidNric } from './nric';
import { type ParseResult, parsed, rejected } from './parse-result';
import type { RegisteredAddress } from './records';

export function parseText(raw: string): ParseResult<string> {
  return parsed(raw);
}

export function parseNric(raw: string): ParseResult<string> {
  return isValidNric(raw) ? parsed(raw) : rejected('not a valid NRIC/FIN');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date `YYYY-MM-DD` that exists (no 2023-02-30). */
export function parseDate(raw: string): ParseResult<string> {
  const match = ISO_DATE.exec(raw);
  if (!match) return rejected('not a YYYY-MM-DD date');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const exists =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return exists ? parsed(raw) : rejected('not a calendar date');
}

export function parseEmail(raw: string): ParseResult<string> {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) ? parsed(raw) : rejected('not an email address');
}

/** A local number without prefix, e.g. `97399245`. */
export function parseLocalPhone(raw: string): ParseResult<string> {
  return /^\d{6,15}$/.test(raw) ? parsed(raw) : rejected('not a phone number');
}

/** A number with its country code, e.g. `+65 97399245`. */
export function parseInternationalPhone(raw: string): ParseResult<string> {
  return /^\+\d{1,4} ?\d{4,15}$/.test(raw) ? parsed(raw) : rejected('not a phone number with country code');
}

export function parseCount(raw: string): ParseResult<number> {
  return /^\d{1,4}$/.test(raw) ? parsed(Number(raw)) : rejected('not a whole number');
}

export function parseAddress(raw: string): ParseResult<RegisteredAddress> {
  const lines = raw
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  if (lines.length === 0) return rejected('empty address');
  const postal = /(\d{6})$/.exec(lines.at(-1) ?? '');
  return parsed({ lines, postalCode: postal?.[1] ?? null });
}

/**
 * A JSON array of flat objects whose values are strings, each with at least `requiredFields`. Extra
 * fields are kept: sgID may add fields, and a login must not fail for that.
 */
export function parseRecords<T extends Record<string, string>>(
  raw: string,
  requiredFields: readonly string[],
): ParseResult<T[]> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return rejected('not JSON');
  }
  if (!Array.isArray(value)) return rejected('not a JSON array');
  const records: T[] = [];
  for (const [index, item] of value.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      return rejected(`record ${index} is not an object`);
    }
    const record: Record<string, string> = {};
    for (const [key, field] of Object.entries(item)) {
      if (typeof field !== 'string') return rejected(`record ${index} field ${key} is not a string`);
      record[key] = field;
    }
    const missing = requiredFields.find((field) => !(field in record));
    if (missing !== undefined) return rejected(`record ${index} has no ${missing}`);
    records.push(record as T);
  }
  return parsed(records);
}
