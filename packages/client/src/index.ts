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
  type BffErrorCode,
  BffRequestError,
  type BffRequestErrorCode,
  type BffRequestErrorOptions,
  CLIENT_ERROR_CODES,
  type ClientErrorCode,
  isBffError,
  isBffErrorBody,
  type KnownBffErrorCode,
  type KnownErrorCode,
  readErrorCode,
  type UnknownBffErrorCode,
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
