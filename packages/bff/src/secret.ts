/**
 * A value that must never reach a log, an error message or a JSON dump (client secret, private key).
 * Every way JavaScript turns an object into text answers `[redacted]`; only `reveal()` gives the value.
 */
import { inspect } from 'node:util';

const REDACTED = '[redacted]';

export class Secret<T = string> {
  readonly #value: T;

  constructor(value: T) {
    this.#value = value;
    Object.freeze(this);
  }

  /** The wrapped value. Call it only where the value is used, never to print it. */
  reveal(): T {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
