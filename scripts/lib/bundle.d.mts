import type { BuildResult, LogLevel } from 'esbuild';

export interface BundleOptions {
  entryPoints: string[];
  outdir?: string;
  outfile?: string;
  outbase?: string;
  sourcemap?: boolean;
  logLevel?: LogLevel;
  inlineWorkspace?: boolean;
  platform?: 'node' | 'neutral';
  splitting?: boolean;
}

export function bundleNodeEntry(options: BundleOptions): Promise<BuildResult>;
