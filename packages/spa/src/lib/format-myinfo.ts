/**
 * Turns a Singpass session into what the profile page shows: the ID token's `sub_attributes` (Login and
 * Myinfo apps) and, for Myinfo apps, each Myinfo v5 item with its own label — coded values by their
 * description, dates in words, addresses as lines, "Not available" where Myinfo holds no value. Pure, so
 * each shape is unit tested.
 */
import type {
  MyinfoAddress,
  MyinfoCode,
  MyinfoItem,
  MyinfoPerson,
  MyinfoPhone,
  SingpassUserAttributes,
} from '@sgid-bff/protocol';
import { type DisplayValue, formatDate, formatLocalPhone, type ProfileField } from './format-value';

const USER_LABELS: Record<keyof SingpassUserAttributes, string> = {
  name: 'Name',
  identityNumber: 'NRIC / FIN',
  identityCoi: 'Country of issue',
  accountType: 'Account type',
  email: 'Email',
  mobileNo: 'Mobile number',
};

/** The ID token's attributes, in a fixed order. */
export function listSingpassUserFields(user: SingpassUserAttributes): ProfileField[] {
  const fields: ProfileField[] = [];
  for (const key of Object.keys(USER_LABELS) as Array<keyof SingpassUserAttributes>) {
    const value = user[key];
    if (value === undefined) continue;
    const text =
      key === 'mobileNo'
        ? formatLocalPhone(value)
        : key === 'accountType'
          ? value === 'foreign'
            ? 'Singpass Foreign Account'
            : 'Singpass account'
          : value;
    fields.push({ scope: `user.${key}`, label: USER_LABELS[key], value: { kind: 'text', text } });
  }
  return fields;
}

const PERSON_LABELS: Record<Exclude<keyof MyinfoPerson, 'other'>, string> = {
  name: 'Name',
  aliasname: 'Alias',
  uinfin: 'NRIC / FIN',
  sex: 'Sex',
  race: 'Race',
  dob: 'Date of birth',
  nationality: 'Nationality',
  birthcountry: 'Country of birth',
  residentialstatus: 'Residential status',
  email: 'Email',
  mobileno: 'Mobile number',
  regadd: 'Registered address',
  marital: 'Marital status',
  housingtype: 'Housing type',
  hdbtype: 'HDB type',
};

const isCode = (value: unknown): value is MyinfoCode =>
  typeof value === 'object' && value !== null && 'code' in value && 'desc' in value;

function addressLines(address: MyinfoAddress): string[] {
  const unit = address.floor && address.unit ? `#${address.floor}-${address.unit}` : undefined;
  const lines = [
    [address.block, address.street].filter(Boolean).join(' '),
    [unit, address.building].filter(Boolean).join(' '),
    [address.country?.desc ?? (address.type === 'SG' ? 'SINGAPORE' : undefined), address.postal]
      .filter(Boolean)
      .join(' '),
  ];
  return lines.filter((line) => line.length > 0);
}

function phoneText(phone: MyinfoPhone): string {
  const prefix = phone.prefix && phone.areaCode ? `${phone.prefix}${phone.areaCode} ` : '';
  return `${prefix}${formatLocalPhone(phone.number)}`;
}

/** One Myinfo item as the profile shows it. */
export function toMyinfoDisplay(key: string, item: MyinfoItem<unknown>): DisplayValue {
  if (!item.available) return { kind: 'not-available' };
  const { value } = item;
  if (key === 'regadd' && typeof value === 'object' && value !== null)
    return { kind: 'lines', lines: addressLines(value as MyinfoAddress) };
  if (key === 'mobileno' && typeof value === 'object' && value !== null)
    return { kind: 'text', text: phoneText(value as MyinfoPhone) };
  if (isCode(value)) return { kind: 'text', text: value.desc || value.code };
  if (typeof value === 'string') return { kind: 'text', text: formatDate(value) };
  return { kind: 'text', text: String(value) };
}

/** The typed Myinfo items in a fixed order; `other` items are listed apart (see `listOtherMyinfo`). */
export function listMyinfoFields(person: MyinfoPerson): ProfileField[] {
  const fields: ProfileField[] = [];
  for (const key of Object.keys(PERSON_LABELS) as Array<keyof typeof PERSON_LABELS>) {
    const item = person[key] as MyinfoItem<unknown> | undefined;
    if (item === undefined) continue;
    fields.push({ scope: key, label: PERSON_LABELS[key], value: toMyinfoDisplay(key, item) });
  }
  return fields;
}

/** Items this demo has no label for, as compact JSON text, so nothing granted is hidden. */
export function listOtherMyinfo(person: MyinfoPerson): Record<string, string> {
  return Object.fromEntries(Object.entries(person.other).map(([key, value]) => [key, JSON.stringify(value)]));
}
