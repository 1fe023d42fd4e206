import type { BuildResult, LogLevel } from 'esbuild';

export function bundleNodeEntry(options: {
  entryPoints: string[];
  outdir?: string;
  outfile?: string;
  sourcemap?: boolean;
  /** Shared code in one chunk instead of a copy per entry (entries that share module state). */
  splitting?: boolean;
  logLevel?: LogLevel;
}): Promise<BuildResult>;
