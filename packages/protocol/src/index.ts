export * from './bff-error-codes';
export * from './catalogue';
export * from './constants';
export * from './nric';
export * from './parse-result';
export type * from './records';
export * from './value-parsers';
export type * from './wire';
