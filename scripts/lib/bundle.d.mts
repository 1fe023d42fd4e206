import type { BuildResult, LogLevel } from 'esbuild';

export function bundleNodeEntry(options: {
  entryPoints: string[];
  outdir?: string;
  outfile?: string;
  sourcemap?: boolean;
  logLevel?: LogLevel;
}): Promise<BuildResult>;
