/** The time source: milliseconds since the epoch. Injected so every expiry can be tested with a fake. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
