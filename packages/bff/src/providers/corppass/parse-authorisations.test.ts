import type { CorppassWireAuthInfo, CorppassWireTpAuthInfo } from '@sgid-bff/protocol';
import { describe, expect, it } from 'vitest';
import { MAX_ROWS, parseAuthInfo, parseTpAuthInfo } from './parse-authorisations';

const ENTITY = '201912345K';

const authInfo: CorppassWireAuthInfo = {
  Result_Set: {
    ESrvc_Row_Count: 2,
    ESrvc_Result: [
      {
        CPESrvcID: 'ESVC-CUSTOMS',
        Auth_Result_Set: {
          Row_Count: 1,
          Row: [
            {
              CPEntID_SUB: ENTITY,
              CPRole: 'Approver',
              StartDate: '2020-01-01',
              EndDate: '9999-12-31',
              Parameter: [{ name: 'ApprovalLimit', value: '100000' }],
            },
          ],
        },
      },
      {
        CPESrvcID: 'ESVC-GRANTS',
        Auth_Result_Set: {
          Row_Count: 1,
          Row: [{ CPRole: 'Preparer', StartDate: '2023-04-01', EndDate: '2025-12-31' }],
        },
      },
    ],
  },
};

const tpAuthInfo: CorppassWireTpAuthInfo = {
  Result_Set: {
    ESrvc_Row_Count: 1,
    ESrvc_Result: [
      {
        CPESrvcID: 'ESVC-CUSTOMS',
        Auth_Result_Set: {
          Row_Count: 1,
          Row: [
            {
              CP_Clnt_ID: '201812345M',
              CP_ClntEnt_TYPE: 'UEN',
              CPRole: 'Preparer',
              StartDate: '2022-07-01',
              EndDate: '9999-12-31',
              Parameter: [],
            },
          ],
        },
      },
    ],
  },
};

const ownRoles = [
  {
    eServiceId: 'ESVC-CUSTOMS',
    role: 'Approver',
    startDate: '2020-01-01',
    endDate: null,
    parameters: [{ name: 'ApprovalLimit', value: '100000' }],
  },
  {
    eServiceId: 'ESVC-GRANTS',
    role: 'Preparer',
    startDate: '2023-04-01',
    endDate: '2025-12-31',
    parameters: [],
  },
];

/** `auth_info` with one row replaced. */
function withRow(row: Record<string, unknown>): unknown {
  return { Result_Set: { ESrvc_Result: [{ CPESrvcID: 'ESVC-X', Auth_Result_Set: { Row: [row] } }] } };
}
const goodRow = { CPRole: 'Viewer', StartDate: '2024-01-01', EndDate: '2024-12-31' };

describe('parseAuthInfo', () => {
  it('flattens e-services and rows; 9999-12-31 is an open end (null)', () => {
    expect(parseAuthInfo(authInfo, ENTITY)).toEqual(ownRoles);
  });

  it('reads auth_info sent double-encoded as a JSON string, to the same list', () => {
    expect(parseAuthInfo(JSON.stringify(authInfo), ENTITY)).toEqual(ownRoles);
  });

  it('treats an absent block or list as no authorisations', () => {
    expect(parseAuthInfo(undefined, ENTITY)).toEqual([]);
    expect(parseAuthInfo(null, ENTITY)).toEqual([]);
    expect(parseAuthInfo({ Result_Set: { ESrvc_Row_Count: 0 } }, ENTITY)).toEqual([]);
  });

  it('ignores the counts: the lists are what is kept', () => {
    const miscounted = structuredClone(authInfo);
    miscounted.Result_Set.ESrvc_Row_Count = 9;
    expect(parseAuthInfo(miscounted, ENTITY)).toEqual(ownRoles);
  });

  it('refuses a row for another entity', () => {
    expect(parseAuthInfo(withRow({ ...goodRow, CPEntID_SUB: '199900001Z' }), ENTITY)).toEqual({
      problem: "auth_info.ESrvc_Result[0].Row[0].CPEntID_SUB is not the ID token's entity",
    });
  });

  it('refuses dates that are not real YYYY-MM-DD days', () => {
    for (const StartDate of ['2024-1-01', '01/01/2024', '2024-02-30', '2024-13-01', 20240101])
      expect(parseAuthInfo(withRow({ ...goodRow, StartDate }), ENTITY)).toHaveProperty('problem');
    expect(parseAuthInfo(withRow({ ...goodRow, EndDate: undefined }), ENTITY)).toEqual({
      problem: 'auth_info.ESrvc_Result[0].Row[0].EndDate is not YYYY-MM-DD',
    });
  });

  it('refuses malformed blocks, rows and parameters', () => {
    const cases: unknown[] = [
      'not json',
      JSON.stringify(JSON.stringify(authInfo)),
      [],
      { Result_Set: [] },
      { Result_Set: { ESrvc_Result: {} } },
      { Result_Set: { ESrvc_Result: [{ Auth_Result_Set: { Row: [] } }] } },
      { Result_Set: { ESrvc_Result: [{ CPESrvcID: 'X' }] } },
      withRow({ ...goodRow, CPRole: 3 }),
      withRow({ ...goodRow, Parameter: { name: 'a', value: 'b' } }),
      withRow({ ...goodRow, Parameter: [{ name: 'a' }] }),
      withRow({ ...goodRow, Parameter: [{ name: '', value: 'b' }] }),
    ];
    for (const raw of cases) expect(parseAuthInfo(raw, ENTITY)).toHaveProperty('problem');
  });

  it('keeps an empty parameter value', () => {
    expect(parseAuthInfo(withRow({ ...goodRow, Parameter: [{ name: 'Note', value: '' }] }), ENTITY)).toEqual([
      {
        eServiceId: 'ESVC-X',
        role: 'Viewer',
        startDate: '2024-01-01',
        endDate: '2024-12-31',
        parameters: [{ name: 'Note', value: '' }],
      },
    ]);
  });

  it('bounds the number of rows and parameters and the length of each field', () => {
    const many = Array.from({ length: MAX_ROWS + 1 }, () => goodRow);
    const big = { Result_Set: { ESrvc_Result: [{ CPESrvcID: 'X', Auth_Result_Set: { Row: many } }] } };
    expect(parseAuthInfo(big, ENTITY)).toHaveProperty('problem');
    const split = {
      Result_Set: {
        ESrvc_Result: [0, 1].map((i) => ({
          CPESrvcID: `X${i}`,
          Auth_Result_Set: { Row: many.slice(0, MAX_ROWS / 2 + 1) },
        })),
      },
    };
    expect(parseAuthInfo(split, ENTITY)).toEqual({ problem: `auth_info has more than ${MAX_ROWS} rows` });
    const parameters = Array.from({ length: 51 }, (_, i) => ({ name: `p${i}`, value: 'v' }));
    expect(parseAuthInfo(withRow({ ...goodRow, Parameter: parameters }), ENTITY)).toHaveProperty('problem');
    expect(parseAuthInfo(withRow({ ...goodRow, CPRole: 'R'.repeat(257) }), ENTITY)).toHaveProperty('problem');
  });
});

describe('parseTpAuthInfo', () => {
  it('names the client entity of each third-party row', () => {
    expect(parseTpAuthInfo(tpAuthInfo)).toEqual([
      {
        eServiceId: 'ESVC-CUSTOMS',
        role: 'Preparer',
        startDate: '2022-07-01',
        endDate: null,
        parameters: [],
        thirdParty: { clientEntityId: '201812345M', clientEntityType: 'UEN' },
      },
    ]);
  });

  it('reads tp_auth_info double-encoded; the client entity type is optional', () => {
    const untyped = structuredClone(tpAuthInfo);
    const row = untyped.Result_Set.ESrvc_Result[0]?.Auth_Result_Set.Row[0];
    if (row) delete row.CP_ClntEnt_TYPE;
    expect(parseTpAuthInfo(JSON.stringify(untyped))).toMatchObject([
      { thirdParty: { clientEntityId: '201812345M' } },
    ]);
    expect(parseTpAuthInfo(JSON.stringify(untyped))).not.toMatchObject([
      { thirdParty: { clientEntityType: expect.anything() } },
    ]);
  });

  it('refuses a third-party row without its client entity', () => {
    expect(parseTpAuthInfo(withRow(goodRow))).toEqual({
      problem: 'tp_auth_info.ESrvc_Result[0].Row[0].CP_Clnt_ID is not a string',
    });
  });
});
