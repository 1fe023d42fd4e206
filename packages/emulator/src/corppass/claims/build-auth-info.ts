/**
 * Corppass userinfo's authorisation blocks in the PascalCase wire shape (§4.10, §5 [CP-AUTHINFO]):
 * - `auth_info` (scope `authinfo`): `Result_Set {ESrvc_Row_Count, ESrvc_Result[{CPESrvcID,
 *   Auth_Result_Set {Row_Count, Row[{CPEntID_SUB, CPRole, StartDate, EndDate, Parameter[]}]}}]}`,
 *   rows grouped by e-service in first-seen order;
 * - `tp_auth_info` (scope `tpauthinfo`): the same, each row naming the client entity (`CP_Clnt_ID`,
 *   `CP_ClntEnt_TYPE`) instead of `CPEntID_SUB`;
 * - the `authinfo-expired` fault (`endedOn`) sets every `EndDate` to that past day.
 */
import type { CorppassWireAuthInfo, CorppassWireTpAuthInfo } from '@sgid-bff/protocol';
import type { EntityAuthorisation, ThirdPartyAuthorisation } from '../personas/corppass-entity';

type Grouped<Row> = {
  Result_Set: {
    ESrvc_Row_Count: number;
    ESrvc_Result: Array<{ CPESrvcID: string; Auth_Result_Set: { Row_Count: number; Row: Row[] } }>;
  };
};

function group<A extends EntityAuthorisation, Row>(rows: readonly A[], toRow: (row: A) => Row): Grouped<Row> {
  const byService = new Map<string, Row[]>();
  for (const row of rows) {
    const list = byService.get(row.eServiceId) ?? [];
    list.push(toRow(row));
    byService.set(row.eServiceId, list);
  }
  const results = [...byService].map(([id, list]) => ({
    CPESrvcID: id,
    Auth_Result_Set: { Row_Count: list.length, Row: list },
  }));
  return { Result_Set: { ESrvc_Row_Count: results.length, ESrvc_Result: results } };
}

function parameters(row: EntityAuthorisation): Array<{ name: string; value: string }> {
  return row.parameters.map((parameter) => ({ name: parameter.name, value: parameter.value }));
}

export function buildAuthInfo(
  entityId: string,
  rows: readonly EntityAuthorisation[],
  endedOn: string | undefined,
): CorppassWireAuthInfo {
  return group(rows, (row) => ({
    CPEntID_SUB: entityId,
    CPRole: row.role,
    StartDate: row.startDate,
    EndDate: endedOn ?? row.endDate,
    Parameter: parameters(row),
  }));
}

export function buildTpAuthInfo(
  rows: readonly ThirdPartyAuthorisation[],
  endedOn: string | undefined,
): CorppassWireTpAuthInfo {
  return group(rows, (row) => ({
    CP_Clnt_ID: row.clientEntityId,
    CP_ClntEnt_TYPE: row.clientEntityType,
    CPRole: row.role,
    StartDate: row.startDate,
    EndDate: endedOn ?? row.endDate,
    Parameter: parameters(row),
  }));
}
