import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPemOrPath, readPrivateKeyPem, readSigningKeysPem, splitPemBlocks } from './pem-keys';

const pemOf = (type: 'rsa' | 'ec') =>
  (type === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  ).privateKey
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
const RSA = pemOf('rsa');
const EC = pemOf('ec');

describe('one PEM-or-path reader for both configured keys', () => {
  it('reads PEM text, PEM with \\n escapes and a file path alike', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sgid-pem-')), 'key.pem');
    writeFileSync(file, RSA);
    for (const value of [RSA, RSA.replaceAll('\n', '\\n'), file, ` ${file}\n`])
      expect(readPemOrPath(value)).toEqual({ ok: true, value: RSA });
    expect(readPemOrPath('/no/such/key.pem')).toEqual({
      ok: false,
      reason: 'is neither PEM text nor a readable file path',
    });
  });

  it('the private key and the signing keys take the same forms, each checked for its own use', () => {
    const escaped = `${EC}\n${RSA}`.replaceAll('\n', '\\n');
    expect(readSigningKeysPem(escaped).ok).toBe(true);
    expect(readPrivateKeyPem(RSA.replaceAll('\n', '\\n')).ok).toBe(true);
    expect(readPrivateKeyPem(EC)).toEqual({ ok: false, reason: 'must be an RSA key, got ec' });
    expect(readSigningKeysPem('/no/such/key.pem')).toEqual(readPrivateKeyPem('/no/such/key.pem'));
    expect(splitPemBlocks(`${EC}\n${RSA}`)).toHaveLength(2);
  });
});
