/** Listeners of this tab plus the cross-tab channel, behind one small interface. */
import {
  type CrossTabChannelFactory,
  type CrossTabMessage,
  decodeCrossTabMessage,
  encodeCrossTabMessage,
} from './cross-tab';
import type { BffRequestErrorCode } from './errors';
import type { SessionChangeEvent, SessionChangeListener, SessionEndReason } from './session-events';

/** The channel to open and what to do with other tabs' news. */
export interface SessionHubOptions {
  channelName: string;
  openChannel: CrossTabChannelFactory;
  onRemoteEnded: (event: { reason: SessionEndReason; code: BffRequestErrorCode | null }) => void;
  onRemoteSession: (message: Extract<CrossTabMessage, { type: 'session' }>) => void;
}

/** Delivers events to this tab's listeners and messages to the other tabs. */
export interface SessionHub {
  emit(event: SessionChangeEvent): void;
  broadcast(message: CrossTabMessage): void;
  subscribe(listener: SessionChangeListener): () => void;
  close(): void;
}

/** Opens the cross-tab channel (if any) and keeps this tab's listeners. */
export function createSessionHub(options: SessionHubOptions): SessionHub {
  const listeners = new Set<SessionChangeListener>();
  const channel = options.openChannel(options.channelName);
  channel?.addEventListener('message', (event) => {
    const message = decodeCrossTabMessage(event.data);
    if (message?.type === 'ended') options.onRemoteEnded(message);
    else if (message?.type === 'session') options.onRemoteSession(message);
  });

  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          // One faulty listener must not stop the others or the SDK; report it like an uncaught error.
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
    broadcast(message) {
      channel?.postMessage(encodeCrossTabMessage(message));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      listeners.clear();
      channel?.close();
    },
  };
}
