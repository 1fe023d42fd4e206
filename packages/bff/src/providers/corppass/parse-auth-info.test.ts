import { describe, expect, it } from 'vitest';
import { parseAuthorisations } from './parse-auth-info';

const authInfo = {
  Result_Set: {
    ESrvc_Row_Count: 1,
    ESrvc_Result: [
      {
        CPESrvcID: 'EGOV-CUSTOMS',
        Auth_Result_Set: {
          Row_Count: 2,
          Row: [
            {
              CPEntID_SUB: '201912345K',
              CPRole: 'Approver',
              StartDate: '2020-01-01',
              EndDate: '9999-12-31',
              Parameter: [{ name: 'ApprovalLimit', value: '100000' }],
            },
            { CPRole: 'Viewer', StartDate: '2020-01-01', EndDate: '2022-03-31' },
          ],
        },
      },
    ],
  },
};
const tpAuthInfo = {
  Result_Set: {
    ESrvc_Row_Count: 1,
    ESrvc_Result: [
      {
        CPESrvcID: 'EGOV-CUSTOMS',
        Auth_Result_Set: {
          Row_Count: 1,
          Row: [
            { CP_Clnt_ID: '201812345M', CPRole: 'Preparer', StartDate: '2021-01-01', EndDate: '9999-12-31' },
          ],
        },
      },
    ],
  },
};

describe('Corppass auth_info and tp_auth_info', () => {
  it('turns rows into typed authorisations: open-ended as null, parameters kept, ended rows kept', () => {
    expect(parseAuthorisations(authInfo, undefined)).toEqual([
      {
        eServiceId: 'EGOV-CUSTOMS',
        role: 'Approver',
        startDate: '2020-01-01',
        endDate: null,
        parameters: [{ name: 'ApprovalLimit', value: '100000' }],
      },
      {
        eServiceId: 'EGOV-CUSTOMS',
        role: 'Viewer',
        startDate: '2020-01-01',
        endDate: '2022-03-31',
        parameters: [],
      },
    ]);
  });

  it('reads a block sent double-encoded as a JSON string, once', () => {
    expect(parseAuthorisations(JSON.stringify(authInfo), JSON.stringify(tpAuthInfo))).toHaveLength(3);
    expect(parseAuthorisations(JSON.stringify(JSON.stringify(authInfo)), undefined)).toBe(
      'auth_info is not an object',
    );
  });

  it('marks third-party rows with the client entity', () => {
    expect(parseAuthorisations(undefined, tpAuthInfo)).toEqual([
      expect.objectContaining({ role: 'Preparer', thirdParty: { clientEntityId: '201812345M' } }),
    ]);
  });

  it('no block is no authorisation', () => {
    expect(parseAuthorisations(undefined, undefined)).toEqual([]);
  });

  it('refuses malformed blocks with a reason instead of keeping half the roles', () => {
    expect(parseAuthorisations('{not json', undefined)).toBe('auth_info is a string that is not JSON');
    expect(parseAuthorisations({ Result_Set: [] }, undefined)).toBe('auth_info.Result_Set is not an object');
    const badDate = structuredClone(authInfo);
    const row = badDate.Result_Set.ESrvc_Result[0]?.Auth_Result_Set.Row[1];
    if (row) row.EndDate = '31/03/2022';
    expect(parseAuthorisations(badDate, undefined)).toMatch(/EndDate is not YYYY-MM-DD/);
    const noClient = structuredClone(tpAuthInfo);
    const tpRow = noClient.Result_Set.ESrvc_Result[0]?.Auth_Result_Set.Row[0] as Record<string, unknown>;
    delete tpRow.CP_Clnt_ID;
    expect(parseAuthorisations(undefined, noClient)).toMatch(/CP_Clnt_ID is missing/);
  });
});
