/**
 * Corppass userinfo's `auth_info` (scope `authinfo`) and `tp_auth_info` (`tpauthinfo`) into
 * `CorppassAuthorisation[]` (SINGPASS-CORPPASS-FAPI.md §4.10, §5 [CP-AUTHINFO]). Rules:
 * - each block is an object or a JSON string of one (decoded once, `decode-json-block.ts`); absent or
 *   `null` means no authorisations of that kind;
 * - `Result_Set.ESrvc_Result[]` → `CPESrvcID` and `Auth_Result_Set.Row[]`; each row gives `CPRole`,
 *   `StartDate`, `EndDate` (real dates, `YYYY-MM-DD`; `9999-12-31` → `null`, open-ended) and `Parameter[]`
 *   (`{name, value}` strings; absent → none);
 * - `auth_info` rows may name their entity (`CPEntID_SUB`): it must be the ID token's `sub`, so a role for
 *   another entity never lands in this session; `tp_auth_info` rows name the client entity the user acts
 *   for (`CP_Clnt_ID`, required; `CP_ClntEnt_TYPE`, optional) → `thirdParty`;
 * - the counts (`ESrvc_Row_Count`, `Row_Count`) are **ignored**: the lists are what the BFF keeps, the
 *   payload is signed by Corppass, and failing a login over a redundant number nobody reads would only
 *   lock users out;
 * - sizes are bounded (e-services, rows, parameters, and each text field), so a session stays small;
 * - anything else malformed is a `Problem` (→ `BFF_USERINFO_INVALID`): no half-parsed authorisation list.
 */
import { CORPPASS_OPEN_END_DATE, type CorppassAuthorisation } from '@sgid-bff/protocol';
import { decodeJsonBlock, isRecord } from './decode-json-block';
import { isProblem, type Problem } from './problem';
import { MAX_LONG_TEXT, readText } from './read-text';

export const MAX_ESERVICES = 200;
export const MAX_ROWS = 1000;
export const MAX_PARAMETERS = 50;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

type ThirdParty = NonNullable<CorppassAuthorisation['thirdParty']>;
/** What a block's own row fields add to an authorisation (nothing, or `thirdParty`). */
type ReadRowParty = (row: Record<string, unknown>, where: string) => ThirdParty | undefined | Problem;

/** `auth_info`: the user's roles for the entity they logged in for (`entityId`, the ID token's `sub`). */
export function parseAuthInfo(raw: unknown, entityId: string): CorppassAuthorisation[] | Problem {
  return parseResultSet(raw, 'auth_info', (row, where) => {
    if (row.CPEntID_SUB !== undefined && row.CPEntID_SUB !== entityId)
      return { problem: `${where}.CPEntID_SUB is not the ID token's entity` };
    return undefined;
  });
}

/** `tp_auth_info`: roles the user holds for client entities through this entity (third-party access). */
export function parseTpAuthInfo(raw: unknown): CorppassAuthorisation[] | Problem {
  return parseResultSet(raw, 'tp_auth_info', (row, where) => {
    const clientEntityId = readText(row.CP_Clnt_ID, `${where}.CP_Clnt_ID`);
    if (isProblem(clientEntityId)) return clientEntityId;
    if (row.CP_ClntEnt_TYPE === undefined || row.CP_ClntEnt_TYPE === null) return { clientEntityId };
    const clientEntityType = readText(row.CP_ClntEnt_TYPE, `${where}.CP_ClntEnt_TYPE`);
    if (isProblem(clientEntityType)) return clientEntityType;
    return { clientEntityId, clientEntityType };
  });
}

function parseResultSet(
  raw: unknown,
  name: string,
  readParty: ReadRowParty,
): CorppassAuthorisation[] | Problem {
  if (raw === undefined || raw === null) return [];
  const block = decodeJsonBlock(raw, name);
  if (isProblem(block)) return block;
  const resultSet = block.Result_Set;
  if (!isRecord(resultSet)) return { problem: `${name}.Result_Set is not an object` };
  const services = listOf(resultSet.ESrvc_Result, `${name}.Result_Set.ESrvc_Result`, MAX_ESERVICES);
  if (isProblem(services)) return services;

  const authorisations: CorppassAuthorisation[] = [];
  for (const [i, service] of services.entries()) {
    const at = `${name}.ESrvc_Result[${i}]`;
    if (!isRecord(service)) return { problem: `${at} is not an object` };
    const eServiceId = readText(service.CPESrvcID, `${at}.CPESrvcID`);
    if (isProblem(eServiceId)) return eServiceId;
    const rowSet = service.Auth_Result_Set;
    if (!isRecord(rowSet)) return { problem: `${at}.Auth_Result_Set is not an object` };
    const rows = listOf(rowSet.Row, `${at}.Auth_Result_Set.Row`, MAX_ROWS);
    if (isProblem(rows)) return rows;
    for (const [j, row] of rows.entries()) {
      if (authorisations.length >= MAX_ROWS) return { problem: `${name} has more than ${MAX_ROWS} rows` };
      const authorisation = parseRow(row, `${at}.Row[${j}]`, eServiceId, readParty);
      if (isProblem(authorisation)) return authorisation;
      authorisations.push(authorisation);
    }
  }
  return authorisations;
}

function parseRow(
  row: unknown,
  where: string,
  eServiceId: string,
  readParty: ReadRowParty,
): CorppassAuthorisation | Problem {
  if (!isRecord(row)) return { problem: `${where} is not an object` };
  const role = readText(row.CPRole, `${where}.CPRole`);
  if (isProblem(role)) return role;
  const startDate = readDate(row.StartDate, `${where}.StartDate`);
  if (isProblem(startDate)) return startDate;
  const endDate = readDate(row.EndDate, `${where}.EndDate`);
  if (isProblem(endDate)) return endDate;
  const parameters = readParameters(row.Parameter, `${where}.Parameter`);
  if (isProblem(parameters)) return parameters;
  const thirdParty = readParty(row, where);
  if (isProblem(thirdParty)) return thirdParty;
  return {
    eServiceId,
    role,
    startDate,
    endDate: endDate === CORPPASS_OPEN_END_DATE ? null : endDate,
    parameters,
    ...(thirdParty !== undefined && { thirdParty }),
  };
}

function readParameters(raw: unknown, where: string): Array<{ name: string; value: string }> | Problem {
  const list = listOf(raw, where, MAX_PARAMETERS);
  if (isProblem(list)) return list;
  const parameters: Array<{ name: string; value: string }> = [];
  for (const [k, parameter] of list.entries()) {
    if (!isRecord(parameter)) return { problem: `${where}[${k}] is not an object` };
    const name = readText(parameter.name, `${where}[${k}].name`);
    if (isProblem(name)) return name;
    const value = readText(parameter.value, `${where}[${k}].value`, { max: MAX_LONG_TEXT, allowEmpty: true });
    if (isProblem(value)) return value;
    parameters.push({ name, value });
  }
  return parameters;
}

/** A list of at most `max` items; absent or `null` is an empty list. */
function listOf(raw: unknown, where: string, max: number): unknown[] | Problem {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return { problem: `${where} is not a list` };
  if (raw.length > max) return { problem: `${where} has more than ${max} items` };
  return raw;
}

/** A real calendar date as `YYYY-MM-DD` (so `2026-02-30` is refused). */
function readDate(raw: unknown, where: string): string | Problem {
  if (typeof raw !== 'string' || !DATE.test(raw)) return { problem: `${where} is not YYYY-MM-DD` };
  const parsed = new Date(`${raw}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== raw)
    return { problem: `${where} is not a calendar date` };
  return raw;
}
