import { describe, expect, it } from 'vitest';
import { makeClientJwks, makeEcJwk } from '../../../test/support/singpass-fixtures';
import { readClientKeys } from './client-keys';

describe('readClientKeys', () => {
  it('signs with the first sig key and keeps every enc key by kid', () => {
    const keys = readClientKeys(makeClientJwks());
    expect(keys.signing.kid).toBe('sig-2026');
    expect([...keys.encryption.keys()]).toEqual(['enc-2026', 'enc-2025']);
    expect(keys.encryption.get('enc-2025')?.alg).toBe('ECDH-ES+A128KW');
  });

  it('publishes public keys only', () => {
    const { publicJwks } = readClientKeys(makeClientJwks());
    expect(publicJwks.keys).toHaveLength(4);
    for (const key of publicJwks.keys) expect(key).not.toHaveProperty('d');
    expect(publicJwks.keys.map((k) => k.kid)).toEqual(['sig-2026', 'sig-2025', 'enc-2026', 'enc-2025']);
  });

  it('refuses key lists Singpass would refuse or the BFF cannot use', () => {
    const sig = makeEcJwk('s', 'sig');
    const enc = makeEcJwk('e', 'enc', 'ECDH-ES+A256KW');
    expect(() => readClientKeys([enc])).toThrow(/sig key/);
    expect(() => readClientKeys([sig])).toThrow(/enc key/);
    expect(() => readClientKeys([sig, makeEcJwk('e', 'enc', 'ECDH-ES')])).toThrow(/alg/);
    expect(() => readClientKeys([sig, { ...enc, kid: 's' }])).toThrow(/repeats kid/);
    const { d: _d, ...publicSig } = sig;
    expect(() => readClientKeys([publicSig, enc])).toThrow(/private part/);
    expect(() => readClientKeys([makeEcJwk('s384', 'sig', undefined, 'P-384'), enc])).toThrow(/P-256/);
    expect(() => readClientKeys([{ ...sig, use: undefined }, enc])).toThrow(/use/);
  });
});
