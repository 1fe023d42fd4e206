/**
 * Turns a typed value of the data catalogue into what the profile page shows, by the scope's `format`:
 * dates in words, phone numbers grouped, addresses as lines, records as table rows, `null` as
 * "Not available". Pure, so each format is unit tested.
 */
import {
  CATALOGUE,
  DATA_SCOPES,
  type DataScope,
  NOT_AVAILABLE,
  type RegisteredAddress,
  type ScopeValues,
  type UserData,
} from '@sgid-bff/protocol';

/** What one field renders as. */
export type DisplayValue =
  | { kind: 'text'; text: string }
  | { kind: 'lines'; lines: string[] }
  | { kind: 'table'; columns: Array<{ field: string; label: string }>; rows: string[][] }
  | { kind: 'not-available' };

/** One row of the profile: a label and the value ready to render. */
export interface ProfileField {
  /** The provider's name for the item: an sgID scope (`myinfo.name`) or a Myinfo v5 item (`regadd`). */
  scope: DataScope | (string & {});
  label: string;
  value: DisplayValue;
}

export const NOT_AVAILABLE_TEXT = 'Not available';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateFormat = new Intl.DateTimeFormat('en-SG', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `1988-10-06` → `6 October 1988`; anything else unchanged. */
export function formatDate(value: string): string {
  if (!ISO_DATE.test(value)) return value;
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(time) ? value : dateFormat.format(time);
}

/** `97399245` → `9739 9245` (Singapore's 8-digit numbers are read in fours); others unchanged. */
export function formatLocalPhone(value: string): string {
  return /^\d{8}$/.test(value) ? `${value.slice(0, 4)} ${value.slice(4)}` : value;
}

/** `+65 97399245` → `+65 9739 9245`. Without a space only `+65` can be told apart from the number. */
export function formatInternationalPhone(value: string): string {
  const match = /^(\+65|\+\d{1,4}(?= )) ?(\d+)$/.exec(value);
  if (!match) return value;
  return `${match[1]} ${formatLocalPhone(match[2] ?? '')}`;
}

/** One cell of a record table: `NA` means not available; dates in words. */
export function formatCell(value: string | undefined): string {
  if (value === undefined || value === '' || value === NOT_AVAILABLE) return NOT_AVAILABLE_TEXT;
  return formatDate(value);
}

function toTable(scope: DataScope, records: ReadonlyArray<Record<string, string>>): DisplayValue {
  if (records.length === 0) return { kind: 'text', text: 'None' };
  const columns = [...(CATALOGUE[scope].columns ?? [])];
  return {
    kind: 'table',
    columns,
    rows: records.map((record) => columns.map((c) => formatCell(record[c.field]))),
  };
}

/** How the value of `scope` is shown. */
export function toDisplayValue<S extends DataScope>(
  scope: S,
  value: ScopeValues[S] | null | undefined,
): DisplayValue {
  if (value === null || value === undefined) return { kind: 'not-available' };
  const format = CATALOGUE[scope].format;
  switch (format) {
    case 'records':
      return Array.isArray(value) ? toTable(scope, value) : { kind: 'text', text: String(value) };
    case 'address':
      return { kind: 'lines', lines: [...(value as RegisteredAddress).lines] };
    case 'date':
      return { kind: 'text', text: formatDate(String(value)) };
    case 'phone':
      return { kind: 'text', text: formatLocalPhone(String(value)) };
    case 'phone-with-country-code':
      return { kind: 'text', text: formatInternationalPhone(String(value)) };
    case 'count':
    case 'text':
    case 'code-description':
    case 'nric':
    case 'email':
      return { kind: 'text', text: String(value) };
  }
}

/** Every field present in `data`, in catalogue order, labelled and formatted. */
export function listProfileFields(data: UserData): ProfileField[] {
  return DATA_SCOPES.filter((scope) => Object.hasOwn(data, scope)).map((scope) => ({
    scope,
    label: CATALOGUE[scope].label,
    value: toDisplayValue(scope, data[scope]),
  }));
}
