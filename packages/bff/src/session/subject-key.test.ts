import { PROVIDER_NAMES } from '@sgid-bff/protocol';
import { describe, expect, it } from 'vitest';
import { providerOfSubjectKey, subjectKeyOf } from './subject-key';

describe('subject keys', () => {
  it('every provider round-trips: the identity token names the provider the key was made for', () => {
    for (const provider of PROVIDER_NAMES)
      expect(providerOfSubjectKey(subjectKeyOf(provider, 'a1b2-c3d4'))).toBe(provider);
  });

  it('sgID keeps its bare sub; the others are prefixed', () => {
    expect(subjectKeyOf('sgid', 'abc')).toBe('abc');
    expect(subjectKeyOf('singpass', 'abc')).toBe('singpass:abc');
    expect(subjectKeyOf('corppass', '201912345K')).toBe('corppass:201912345K');
  });
});
