/** What the SPA says when a session ends without a logout in this browser (the SDK's `ended` event). */
import type { SessionEndedEvent } from '@sgid-bff/client';

export interface SessionEndMessage {
  title: string;
  body: string;
}

export function describeSessionEnd(ended: SessionEndedEvent | null): SessionEndMessage {
  if (ended?.reason === 'ended-elsewhere')
    return {
      title: 'You were signed out',
      body: 'You were signed out (on another device or by an administrator), so this page no longer shows your details.',
    };
  if (ended?.source === 'other-tab')
    return { title: 'Your session has ended', body: 'Your session ended in another tab or window.' };
  return {
    title: 'Your session has ended',
    body: 'For your security, you were logged out because your session timed out.',
  };
}
