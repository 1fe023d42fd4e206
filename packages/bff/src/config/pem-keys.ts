/**
 * The two private keys in configuration, read the one way the sgID examples supply keys: PEM text
 * (literal `\n` escapes allowed, as in env files) or a path to a PEM file.
 * - `SGID_PRIVATE_KEY`: the client's RSA private key (PKCS#1 or PKCS#8).
 * - `PROXY_SIGNING_KEY`: one or more PEM private keys, each EC P-256 (ES256) or RSA of at least 2048 bits
 *   (RS256); proxy/signing-keys.ts imports them.
 * Both are checked here, at start-up, so a bad key is a configuration problem, never a failed request.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type ParseResult, parsed, rejected } from '@sgid-bff/protocol';

export type SigningAlg = 'ES256' | 'RS256';

const PEM_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----/g;

/** PEM text as given (with `\n` escapes undone), or the contents of the file the value names. */
export function readPemOrPath(value: string): ParseResult<string> {
  if (value.includes('-----BEGIN')) return parsed(value.replaceAll('\\n', '\n'));
  try {
    return parsed(readFileSync(value.trim(), 'utf8'));
  } catch {
    return rejected('is neither PEM text nor a readable file path');
  }
}

/** Normalise `SGID_PRIVATE_KEY` to PEM text and check that it is an RSA private key. */
export function readPrivateKeyPem(value: string): ParseResult<string> {
  const text = readPemOrPath(value);
  if (!text.ok) return text;
  try {
    const key = createPrivateKey(text.value);
    if (key.asymmetricKeyType !== 'rsa') return rejected(`must be an RSA key, got ${key.asymmetricKeyType}`);
    return text;
  } catch {
    return rejected('is not a valid PEM private key (PKCS#1 or PKCS#8)');
  }
}

/** Normalise `PROXY_SIGNING_KEY` to PEM text and check every key in it. */
export function readSigningKeysPem(value: string): ParseResult<string> {
  const text = readPemOrPath(value);
  if (!text.ok) return text;
  const blocks = splitPemBlocks(text.value);
  if (blocks.length === 0) return rejected('holds no PEM private key');
  for (const [i, block] of blocks.entries()) {
    const problem = checkSigningKey(block);
    if (problem) return rejected(`key ${i + 1}: ${problem}`);
  }
  return parsed(blocks.join('\n'));
}

/** The private-key PEM blocks in a text, in order. */
export function splitPemBlocks(text: string): string[] {
  return text.match(PEM_BLOCK) ?? [];
}

/** The JWS algorithm a signing key is used with, or undefined when it is not allowed to sign. */
export function signingAlgOf(key: KeyObject): SigningAlg | undefined {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') return 'ES256';
  if (key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048) return 'RS256';
  return undefined;
}

function checkSigningKey(pem: string): string | undefined {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    return 'is not a valid PEM private key';
  }
  return signingAlgOf(key) ? undefined : 'must be an EC P-256 key or an RSA key of at least 2048 bits';
}
