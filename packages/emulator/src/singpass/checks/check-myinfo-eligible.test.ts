import { describe, expect, it } from 'vitest';
import { createTestSingpassClient } from '../testing/singpass-client';
import { checkMyinfoEligible } from './check-myinfo-eligible';

const sfa = {
  nric: 'F8123456Q',
  summary: '',
  data: {},
  foreignAccount: { identityNumber: 'P1', identityCoi: 'PH' },
};
const standard = { nric: 'S9812381D', summary: '', data: {} };

describe('checkMyinfoEligible', () => {
  it('refuses an SFA holder at a Myinfo app with invalid_request', () => {
    expect(() => checkMyinfoEligible(createTestSingpassClient({ appType: 'myinfo' }), sfa)).toThrow(
      expect.objectContaining({ code: 'EMU_SFA_NO_MYINFO', oauthError: 'invalid_request', status: 400 }),
    );
  });
  it('lets standard accounts through, and SFA holders at Login apps', () => {
    expect(() =>
      checkMyinfoEligible(createTestSingpassClient({ appType: 'myinfo' }), standard),
    ).not.toThrow();
    expect(() => checkMyinfoEligible(createTestSingpassClient(), sfa)).not.toThrow();
  });
});
