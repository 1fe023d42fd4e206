/**
 * Read one request parameter. RFC 6749 §3.1 and §3.2: parameters must not be included more than once,
 * and a parameter sent without a value is treated as omitted. Non-string values (JSON bodies) are
 * malformed.
 */
import { EmulatorError } from '../errors';

export type Params = Readonly<Record<string, unknown>>;

/** The single string value of `name`, or `undefined` when absent or empty. */
export function readParam(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) {
    throw new EmulatorError('EMU_INVALID_REQUEST', { description: `${name} must not be repeated` });
  }
  if (typeof value !== 'string') {
    throw new EmulatorError('EMU_INVALID_REQUEST', { description: `${name} must be a string` });
  }
  return value;
}

/** Like `readParam`, but a missing parameter is an `invalid_request`. */
export function requireParam(params: Params, name: string): string {
  const value = readParam(params, name);
  if (value === undefined)
    throw new EmulatorError('EMU_INVALID_REQUEST', { description: `${name} is required` });
  return value;
}
