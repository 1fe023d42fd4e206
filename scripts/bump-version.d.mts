export function nextVersion(current: string, bump: string): string;
export function bumpVersions(options: { root: string; bump: string; dryRun?: boolean; date?: Date }): {
  from: string;
  version: string;
  changed: string[];
};
