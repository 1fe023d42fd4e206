import { describe, expect, it } from 'vitest';
import { listActorFields, listEntityFields, listRoleRows, singaporeToday } from './format-corppass';

describe('showing a Corppass session', () => {
  it('lists the entity and the acting user', () => {
    expect(
      listEntityFields({
        id: '201912345K',
        type: 'UEN',
        name: 'HARBOURFRONT LOGISTICS PTE. LTD.',
        uenStatus: 'R',
      }).map((f) => [f.label, f.value]),
    ).toEqual([
      ['Entity name', { kind: 'text', text: 'HARBOURFRONT LOGISTICS PTE. LTD.' }],
      ['UEN', { kind: 'text', text: '201912345K' }],
      ['Entity type', { kind: 'text', text: 'UEN' }],
      ['UEN status', { kind: 'text', text: 'Registered' }],
    ]);
    expect(listActorFields({ sub: 'u', name: 'TAN', email: 'a@b.sg', emailVerified: false })).toEqual([
      { scope: 'actor.name', label: 'Name', value: { kind: 'text', text: 'TAN' } },
      {
        scope: 'actor.email',
        label: 'Corppass email',
        value: { kind: 'text', text: 'a@b.sg (not verified)' },
      },
    ]);
  });

  it('shows each role with its dates and whether it is in force today', () => {
    const rows = listRoleRows(
      [
        { eServiceId: 'CUSTOMS', role: 'Approver', startDate: '2020-01-01', endDate: null, parameters: [] },
        {
          eServiceId: 'GRANTS',
          role: 'Viewer',
          startDate: '2020-01-01',
          endDate: '2022-03-31',
          parameters: [],
        },
        {
          eServiceId: 'CUSTOMS',
          role: 'Preparer',
          startDate: '2021-01-01',
          endDate: null,
          parameters: [],
          thirdParty: { clientEntityId: '201812345M' },
        },
      ],
      '2026-12-07',
    );
    expect(rows).toEqual([
      ['CUSTOMS', 'Approver', '1 January 2020', 'No end date', 'Active', 'This entity'],
      ['GRANTS', 'Viewer', '1 January 2020', '31 March 2022', 'Ended', 'This entity'],
      ['CUSTOMS', 'Preparer', '1 January 2021', 'No end date', 'Active', 'Client 201812345M'],
    ]);
  });

  it("today is Singapore's date", () => {
    expect(singaporeToday(Date.parse('2026-12-07T17:00:00Z'))).toBe('2026-12-08');
  });
});
