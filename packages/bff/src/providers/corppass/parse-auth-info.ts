/**
 * Corppass's `auth_info` (scope `authinfo`) and `tp_auth_info` (`tpauthinfo`) from userinfo into typed
 * authorisation rows (SINGPASS-CORPPASS-FAPI.md §5: `Result_Set.ESrvc_Result[].Auth_Result_Set.Row[]`).
 * Rules:
 * - each block may be an object or a JSON string of one (decode-block.ts); absent is no rows;
 * - every row needs `CPRole`, `StartDate` and `EndDate` as YYYY-MM-DD; `EndDate` 9999-12-31 is
 *   open-ended (`null`); `Parameter` is a list of `{name, value}` strings; third-party rows need
 *   `CP_Clnt_ID`;
 * - the `*_Row_Count` fields are ignored: the rows themselves are the truth, and a count that disagrees
 *   says nothing the rows don't;
 * - at most 1000 rows: a session is no place for an unbounded list;
 * - any malformed part is a reason: the login fails rather than keep half of someone's roles.
 * Ended rows are kept (the session shows what Corppass said); checks use `isAuthorisationActive`.
 */
import { CORPPASS_OPEN_END_DATE, type CorppassAuthorisation } from '@sgid-bff/protocol';
import { decodeBlock } from './decode-block';

const MAX_ROWS = 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Kind = 'auth_info' | 'tp_auth_info';

function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseRow(
  row: unknown,
  eServiceId: string,
  kind: Kind,
  where: string,
): CorppassAuthorisation | string {
  if (!isObject(row)) return `${where} is not an object`;
  const { CPRole: role, StartDate: start, EndDate: end, Parameter: parameter } = row;
  if (typeof role !== 'string' || role.length === 0) return `${where}.CPRole is missing`;
  if (typeof start !== 'string' || !DATE.test(start)) return `${where}.StartDate is not YYYY-MM-DD`;
  if (typeof end !== 'string' || !DATE.test(end)) return `${where}.EndDate is not YYYY-MM-DD`;
  const parameters: Array<{ name: string; value: string }> = [];
  if (parameter !== undefined) {
    const list = asArray(parameter);
    if (!list) return `${where}.Parameter is not a list`;
    for (const p of list) {
      if (!isObject(p) || typeof p.name !== 'string' || typeof p.value !== 'string')
        return `${where}.Parameter has an entry that is not {name, value}`;
      parameters.push({ name: p.name, value: p.value });
    }
  }
  const authorisation: CorppassAuthorisation = {
    eServiceId,
    role,
    startDate: start,
    endDate: end === CORPPASS_OPEN_END_DATE ? null : end,
    parameters,
  };
  if (kind === 'tp_auth_info') {
    const { CP_Clnt_ID: client, CP_ClntEnt_TYPE: clientType } = row;
    if (typeof client !== 'string' || client.length === 0) return `${where}.CP_Clnt_ID is missing`;
    authorisation.thirdParty = {
      clientEntityId: client,
      ...(typeof clientType === 'string' && { clientEntityType: clientType }),
    };
  }
  return authorisation;
}

function parseBlock(raw: unknown, kind: Kind): CorppassAuthorisation[] | string {
  if (raw === undefined) return [];
  const block = decodeBlock(raw, kind);
  if (typeof block === 'string') return block;
  const resultSet = block.Result_Set;
  if (!isObject(resultSet)) return `${kind}.Result_Set is not an object`;
  const services = asArray(resultSet.ESrvc_Result ?? []);
  if (!services) return `${kind}.Result_Set.ESrvc_Result is not a list`;
  const rows: CorppassAuthorisation[] = [];
  for (const [i, service] of services.entries()) {
    const where = `${kind}.ESrvc_Result[${i}]`;
    if (!isObject(service) || typeof service.CPESrvcID !== 'string' || service.CPESrvcID.length === 0)
      return `${where}.CPESrvcID is missing`;
    const set = service.Auth_Result_Set;
    if (!isObject(set)) return `${where}.Auth_Result_Set is not an object`;
    const list = asArray(set.Row ?? []);
    if (!list) return `${where}.Auth_Result_Set.Row is not a list`;
    for (const [j, row] of list.entries()) {
      const parsed = parseRow(row, service.CPESrvcID, kind, `${where}.Row[${j}]`);
      if (typeof parsed === 'string') return parsed;
      rows.push(parsed);
      if (rows.length > MAX_ROWS) return `${kind} has more than ${MAX_ROWS} rows`;
    }
  }
  return rows;
}

/** Every authorisation of `auth_info` then `tp_auth_info`, or a reason. */
export function parseAuthorisations(
  authInfo: unknown,
  tpAuthInfo: unknown,
): CorppassAuthorisation[] | string {
  const own = parseBlock(authInfo, 'auth_info');
  if (typeof own === 'string') return own;
  const thirdParty = parseBlock(tpAuthInfo, 'tp_auth_info');
  if (typeof thirdParty === 'string') return thirdParty;
  if (own.length + thirdParty.length > MAX_ROWS) return `more than ${MAX_ROWS} authorisations`;
  return [...own, ...thirdParty];
}
