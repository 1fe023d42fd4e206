/**
 * `SINGPASS_KEYS`: the BFF's private JWKS for Singpass (SINGPASS-CORPPASS-FAPI.md §3, §6), as JSON text
 * or a path to a JSON file (the way `pem-keys.ts` takes PEM text or a path). Rules, each with its own
 * problem code so scripts and `doctor` can tell them apart:
 * - a JWKS (`{"keys":[…]}`) or a bare array of JWKs (`CONFIG_KEYS_UNREADABLE`);
 * - every key is EC on P-256, P-384 or P-521 (`CONFIG_KEYS_NOT_EC`, `CONFIG_KEYS_UNSUPPORTED_CURVE`),
 *   private (`d`: `CONFIG_KEYS_NOT_PRIVATE`), imports and matches its public half
 *   (`CONFIG_KEYS_INVALID_KEY`), has a `kid` unique in the set (`CONFIG_KEYS_DUPLICATE_KID`), a `use`
 *   of `sig` or `enc` (`CONFIG_KEYS_UNSUPPORTED_USE`) and an `alg` fit for that use and curve
 *   (`CONFIG_KEYS_UNSUPPORTED_ALG`: ES256/384/512 for `sig`, ECDH-ES+A128KW/A192KW/A256KW for `enc`);
 * - at least one signing key (`CONFIG_KEYS_NO_SIGNING_KEY`) and one encryption key
 *   (`CONFIG_KEYS_NO_ENCRYPTION_KEY`).
 * Checked at start-up, so a bad key is a configuration problem, never a failed login.
 */
import { createECDH, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';

/** The problem codes of these rules (config-error.ts lists them with every other code). */
export const SINGPASS_KEY_PROBLEM_CODES = {
  CONFIG_KEYS_UNREADABLE: 'SINGPASS_KEYS is neither a JWKS in JSON nor a readable file holding one',
  CONFIG_KEYS_NOT_EC: 'a key is not an EC key',
  CONFIG_KEYS_UNSUPPORTED_CURVE: 'a key is on a curve other than P-256, P-384 or P-521',
  CONFIG_KEYS_NOT_PRIVATE: 'a key has no private part (`d`)',
  CONFIG_KEYS_INVALID_KEY: 'a key does not import, or its public part does not match `d`',
  CONFIG_KEYS_DUPLICATE_KID: 'a key has no `kid`, or shares it with another key',
  CONFIG_KEYS_UNSUPPORTED_USE: 'a key’s `use` is neither `sig` nor `enc`',
  CONFIG_KEYS_UNSUPPORTED_ALG: 'a key’s `alg` is not allowed for its `use` and curve',
  CONFIG_KEYS_NO_SIGNING_KEY: 'no signing key (`use: "sig"`)',
  CONFIG_KEYS_NO_ENCRYPTION_KEY: 'no encryption key (`use: "enc"`)',
} as const;

export type SingpassKeyProblemCode = keyof typeof SINGPASS_KEY_PROBLEM_CODES;

export interface KeyProblem {
  readonly code: SingpassKeyProblemCode;
  readonly message: string;
}

const CURVES = new Set(['P-256', 'P-384', 'P-521']);
const OPENSSL_CURVES: Record<string, string> = {
  'P-256': 'prime256v1',
  'P-384': 'secp384r1',
  'P-521': 'secp521r1',
};
const SIGNING_ALG_FOR_CURVE: Record<string, string> = {
  'P-256': 'ES256',
  'P-384': 'ES384',
  'P-521': 'ES512',
};
const ENCRYPTION_ALGS = new Set(['ECDH-ES+A128KW', 'ECDH-ES+A192KW', 'ECDH-ES+A256KW']);

/** The keys, or every problem found (one per broken rule per key). */
export function readSingpassKeys(value: string): { keys: JWK[]; problems: KeyProblem[] } {
  const keys = readJwks(value);
  if (keys === undefined)
    return {
      keys: [],
      problems: [
        {
          code: 'CONFIG_KEYS_UNREADABLE',
          message: 'is neither a JWKS in JSON ({"keys":[…]}) nor a readable file holding one',
        },
      ],
    };
  const problems = keys.flatMap((key, i) => checkKey(key, `key ${i + 1}${key.kid ? ` (${key.kid})` : ''}`));
  const seen = new Set<string>();
  for (const [i, key] of keys.entries()) {
    if (typeof key.kid !== 'string' || key.kid === '')
      problems.push({ code: 'CONFIG_KEYS_DUPLICATE_KID', message: `key ${i + 1} has no kid` });
    else if (seen.has(key.kid))
      problems.push({ code: 'CONFIG_KEYS_DUPLICATE_KID', message: `kid ${key.kid} is used twice` });
    else seen.add(key.kid);
  }
  if (!keys.some((key) => key.use === 'sig'))
    problems.push({ code: 'CONFIG_KEYS_NO_SIGNING_KEY', message: 'needs an EC signing key (use "sig")' });
  if (!keys.some((key) => key.use === 'enc'))
    problems.push({
      code: 'CONFIG_KEYS_NO_ENCRYPTION_KEY',
      message: 'needs an EC encryption key (use "enc")',
    });
  return { keys, problems };
}

/** The public halves, as the BFF publishes them (`GET /auth/singpass/jwks.json`): no private member. */
export function toPublicJwks(keys: readonly JWK[]): { keys: JWK[] } {
  return {
    keys: keys.map(({ kty, crv, x, y, kid, use, alg }) => ({ kty, crv, x, y, kid, use, alg })),
  };
}

function readJwks(value: string): JWK[] | undefined {
  let text = value.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) {
    try {
      text = readFileSync(text, 'utf8');
    } catch {
      return undefined;
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const list = Array.isArray(json) ? json : (json as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  if (!list.every((key) => key !== null && typeof key === 'object' && !Array.isArray(key))) return undefined;
  return list as JWK[];
}

function checkKey(key: JWK, name: string): KeyProblem[] {
  if (key.kty !== 'EC') return [{ code: 'CONFIG_KEYS_NOT_EC', message: `${name} must be an EC key` }];
  if (typeof key.crv !== 'string' || !CURVES.has(key.crv))
    return [
      {
        code: 'CONFIG_KEYS_UNSUPPORTED_CURVE',
        message: `${name} is on ${String(key.crv)}; use P-256 (or P-384, P-521)`,
      },
    ];
  const problems: KeyProblem[] = [];
  if (typeof key.d !== 'string')
    problems.push({ code: 'CONFIG_KEYS_NOT_PRIVATE', message: `${name} has no private part (d)` });
  else if (!matchesPublicHalf(key))
    problems.push({
      code: 'CONFIG_KEYS_INVALID_KEY',
      message: `${name} does not import, or its x/y do not match d`,
    });
  if (key.use === 'sig') {
    const expected = SIGNING_ALG_FOR_CURVE[key.crv];
    if (key.alg !== expected)
      problems.push({
        code: 'CONFIG_KEYS_UNSUPPORTED_ALG',
        message: `${name} signs on ${key.crv}, so its alg must be ${expected}, got ${String(key.alg)}`,
      });
  } else if (key.use === 'enc') {
    if (typeof key.alg !== 'string' || !ENCRYPTION_ALGS.has(key.alg))
      problems.push({
        code: 'CONFIG_KEYS_UNSUPPORTED_ALG',
        message: `${name} encrypts, so its alg must be ECDH-ES+A128KW, +A192KW or +A256KW, got ${String(key.alg)}`,
      });
  } else
    problems.push({
      code: 'CONFIG_KEYS_UNSUPPORTED_USE',
      message: `${name} has use ${String(key.use)}; each key is either "sig" or "enc"`,
    });
  return problems;
}

/** The private scalar `d` implies exactly the public point the JWK states (and the key imports). */
function matchesPublicHalf(key: JWK): boolean {
  try {
    const { kty, crv, x, y, d } = key;
    createPrivateKey({ key: { kty, crv, x, y, d }, format: 'jwk' });
    const ecdh = createECDH(OPENSSL_CURVES[crv ?? ''] ?? '');
    ecdh.setPrivateKey(Buffer.from(d ?? '', 'base64url'));
    // Uncompressed point: 0x04 ‖ x ‖ y, each coordinate the curve's size.
    const point = ecdh.getPublicKey();
    const size = (point.length - 1) / 2;
    return (
      point.subarray(1, 1 + size).toString('base64url') === x &&
      point.subarray(1 + size).toString('base64url') === y
    );
  } catch {
    return false;
  }
}
