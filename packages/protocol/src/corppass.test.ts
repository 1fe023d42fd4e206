import { describe, expect, it } from 'vitest';
import { type CorppassAuthorisation, hasRole, isAuthorisationActive } from './corppass';

const row = (over: Partial<CorppassAuthorisation> = {}): CorppassAuthorisation => ({
  eServiceId: 'EGOV-1',
  role: 'Approver',
  startDate: '2026-01-01',
  endDate: null,
  parameters: [],
  ...over,
});

describe('Corppass authorisations', () => {
  it('an open-ended authorisation is active from its start date on', () => {
    expect(isAuthorisationActive(row(), '2026-12-07')).toBe(true);
    expect(isAuthorisationActive(row(), '2026-01-01')).toBe(true);
    expect(isAuthorisationActive(row(), '2025-12-31')).toBe(false);
  });

  it('an authorisation whose end date has passed is not active; its last day still is', () => {
    expect(isAuthorisationActive(row({ endDate: '2026-12-06' }), '2026-12-07')).toBe(false);
    expect(isAuthorisationActive(row({ endDate: '2026-12-07' }), '2026-12-07')).toBe(true);
  });

  it('hasRole needs the same e-service and role, in force today', () => {
    const rows = [row(), row({ eServiceId: 'EGOV-2', role: 'Viewer', endDate: '2026-06-30' })];
    expect(hasRole(rows, 'EGOV-1', 'Approver', '2026-12-07')).toBe(true);
    expect(hasRole(rows, 'EGOV-1', 'Viewer', '2026-12-07')).toBe(false);
    expect(hasRole(rows, 'EGOV-2', 'Viewer', '2026-12-07')).toBe(false);
    expect(hasRole(rows, 'EGOV-2', 'Viewer', '2026-06-30')).toBe(true);
  });
});
