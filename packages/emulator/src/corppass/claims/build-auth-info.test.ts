import { describe, expect, it } from 'vitest';
import { buildAuthInfo, buildTpAuthInfo } from './build-auth-info';

const row = (eServiceId: string, role: string, endDate = '9999-12-31') => ({
  eServiceId,
  role,
  startDate: '2020-01-01',
  endDate,
  parameters: [{ name: 'p', value: 'v' }],
});

describe('buildAuthInfo', () => {
  it('groups rows by e-service in first-seen order, with counts and the entity id on each row', () => {
    const info = buildAuthInfo(
      'E1',
      [row('A', 'r1'), row('B', 'r2'), row('A', 'r3', '2021-01-01')],
      undefined,
    );
    expect(info.Result_Set.ESrvc_Row_Count).toBe(2);
    expect(info.Result_Set.ESrvc_Result.map((r) => [r.CPESrvcID, r.Auth_Result_Set.Row_Count])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
    expect(info.Result_Set.ESrvc_Result[0]?.Auth_Result_Set.Row[1]).toEqual({
      CPEntID_SUB: 'E1',
      CPRole: 'r3',
      StartDate: '2020-01-01',
      EndDate: '2021-01-01',
      Parameter: [{ name: 'p', value: 'v' }],
    });
  });
  it('ends every row on the given day (authinfo-expired), and is empty but well-formed without rows', () => {
    const info = buildAuthInfo('E1', [row('A', 'r1')], '2000-01-01');
    expect(info.Result_Set.ESrvc_Result[0]?.Auth_Result_Set.Row[0]?.EndDate).toBe('2000-01-01');
    expect(buildTpAuthInfo([], undefined)).toEqual({ Result_Set: { ESrvc_Row_Count: 0, ESrvc_Result: [] } });
  });
  it('names the client entity on third-party rows', () => {
    const tp = buildTpAuthInfo(
      [{ ...row('A', 'r1'), clientEntityId: 'C1', clientEntityType: 'UEN' }],
      undefined,
    );
    expect(tp.Result_Set.ESrvc_Result[0]?.Auth_Result_Set.Row[0]).toMatchObject({
      CP_Clnt_ID: 'C1',
      CP_ClntEnt_TYPE: 'UEN',
      CPRole: 'r1',
    });
  });
});
