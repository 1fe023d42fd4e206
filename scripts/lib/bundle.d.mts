import type { BuildResult, LogLevel } from 'esbuild';

export interface BundleOptions {
  entryPoints: string[];
  outdir?: string;
  outfile?: string;
  outbase?: string;
  sourcemap?: boolean;
  /** Shared code in one chunk instead of a copy per entry (entries that share module state). */
  splitting?: boolean;
  logLevel?: LogLevel;
  inlineWorkspace?: boolean;
  platform?: 'node' | 'neutral';
  splitting?: boolean;
}

export function bundleNodeEntry(options: BundleOptions): Promise<BuildResult>;
