/**
 * How the Corppass parsers say no: a `Problem` worded for the private log detail (it names the field and
 * never quotes the value, which may be personal data). The caller turns it into its `BFF_*` code.
 */
export interface Problem {
  readonly problem: string;
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'problem' in value;
}
