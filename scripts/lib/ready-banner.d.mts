export function formatReadyBanner(options: { title: string; openUrl: string; lines?: string[] }): string;
export function waitUntilAnswering(url: string, timeoutMs?: number): Promise<void>;
