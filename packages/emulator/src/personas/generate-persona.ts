/**
 * A persona for any valid NRIC/FIN nobody configured, so a tester can type a number of their own. The
 * values are derived from a hash of the number: the same number gives the same person on every run.
 * S/T numbers are citizens born in the year their digits suggest; F/G numbers are foreigners.
 */
import { createHash } from 'node:crypto';
import { isForeignIdentificationNumber } from '@sgid-bff/protocol';
import type { Persona } from './persona';

const SURNAMES = ['TAN', 'LIM', 'LEE', 'NG', 'ONG', 'WONG', 'GOH', 'CHUA', 'KOH', 'TEO'] as const;
const GIVEN = [
  'WEI MING',
  'HUI LING',
  'JUN JIE',
  'XIN YI',
  'KAI WEN',
  'SHU FEN',
  'ZHI HAO',
  'MEI QI',
] as const;
const FOREIGN = [
  { nationality: 'AUSTRALIAN', country: 'AUSTRALIA', race: 'CAUCASIAN' },
  { nationality: 'INDIAN', country: 'INDIA', race: 'INDIAN' },
  { nationality: 'CHINESE', country: 'CHINA', race: 'CHINESE' },
  { nationality: 'FILIPINO', country: 'PHILIPPINES', race: 'FILIPINO' },
] as const;

function pick<T>(list: readonly T[], byte: number): T {
  return list[byte % list.length] as T;
}

/** The generated persona for a valid NRIC/FIN (the caller checks validity). */
export function generatePersona(nric: string): Persona {
  const hash = createHash('sha256').update(nric).digest();
  const byte = (i: number): number => hash[i] ?? 0;
  const foreign = isForeignIdentificationNumber(nric);
  const female = byte(0) % 2 === 1;
  const name = `${pick(SURNAMES, byte(1))} ${pick(GIVEN, byte(2))}`;
  // S/T numbers issued at birth since 1968 begin with the year of birth; others get a plausible year.
  const digits = nric.slice(1, 3);
  const year = foreign ? 1970 + (byte(3) % 30) : (nric.startsWith('T') ? 2000 : 1900) + Number(digits);
  const month = String(1 + (byte(4) % 12)).padStart(2, '0');
  const day = String(1 + (byte(5) % 28)).padStart(2, '0');
  const mobile = `${8 + (byte(6) % 2)}${String(hash.readUInt32BE(8) % 10_000_000).padStart(7, '0')}`;
  const origin = pick(FOREIGN, byte(7));
  return {
    nric,
    summary: foreign ? 'Generated foreigner (typed NRIC/FIN)' : 'Generated citizen (typed NRIC/FIN)',
    data: {
      'myinfo.name': name,
      'myinfo.email': `${name.toLowerCase().replaceAll(' ', '.')}@example.com`,
      'myinfo.sex': female ? 'FEMALE' : 'MALE',
      'myinfo.race': foreign ? origin.race : 'CHINESE',
      'myinfo.mobile_number': mobile,
      'myinfo.mobile_number_with_country_code': `+65 ${mobile}`,
      'myinfo.date_of_birth': `${year}-${month}-${day}`,
      'myinfo.nationality': foreign ? origin.nationality : 'SINGAPORE CITIZEN',
      'myinfo.residentialstatus': foreign ? 'ALIEN' : 'CITIZEN',
      'myinfo.birth_country': foreign ? origin.country : 'SINGAPORE',
      'myinfo.marital_status': 'SINGLE',
    },
  };
}
