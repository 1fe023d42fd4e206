/**
 * Every provider's room, traced the same way from outside (the registry wraps each one): its
 * `beginLogin` is the span `provider.begin_login` (e.g. Singpass's PAR, whose HTTP call is a
 * `provider.http` child), its `completeLogin` the span `provider.complete_login`, whose children are the
 * provider's HTTP calls and any steps the room traces itself (sgID's token exchange, ID-token check,
 * userinfo fetch and decryption). A room needs no tracing code of its own to be traced this far.
 */
import type { Tracer } from '@opentelemetry/api';
import type { LoginProvider } from '../providers/provider';
import { inSpan, TRACE_ATTRIBUTES } from './tracing';

export function traceProvider<P extends LoginProvider>(provider: P, tracer: Tracer): P {
  const attributes = { [TRACE_ATTRIBUTES.provider]: provider.name };
  // A child of the provider object, not a copy: whatever else the room exposes (keys, settings) is still
  // there, and its own methods keep their `this`.
  const traced = Object.create(provider) as P;
  traced.beginLogin = (secrets) =>
    inSpan(tracer, 'provider.begin_login', attributes, () => provider.beginLogin(secrets));
  traced.completeLogin = (callback) =>
    inSpan(tracer, 'provider.complete_login', attributes, () => provider.completeLogin(callback));
  return traced;
}
