/**
 * `@sgid-bff/client`: the browser SDK for single-page apps behind the sgID BFF. Zero runtime
 * dependencies; types from `@sgid-bff/protocol`.
 */
export {
  type BffClient,
  type BffClientOptions,
  createBffClient,
  type GetSessionOptions,
  isLocalPath,
  type LoginOptions,
} from './create-bff-client';
export type { CrossTabChannel, CrossTabChannelFactory } from './cross-tab';
export {
  BffError,
  type BffErrorCode,
  type BffErrorOptions,
  type ClientErrorCode,
  isBffError,
  isBffErrorBody,
  type KnownBffErrorCode,
} from './errors';
export {
  type EventSource,
  type ExpiryKind,
  type ExpiryWarningEvent,
  isAuthenticated,
  type SessionChangeEvent,
  type SessionChangeListener,
  type SessionEndedEvent,
  type SessionEndReason,
  type SessionErrorEvent,
  type SessionUpdatedEvent,
} from './session-events';
