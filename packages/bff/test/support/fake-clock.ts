/** A clock the test moves by hand; shared by the BFF, the provider and the browser's cookie jar. */
export interface FakeClock {
  now: () => number;
  advance: (ms: number) => void;
}

export function createFakeClock(start = Date.now()): FakeClock {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}
