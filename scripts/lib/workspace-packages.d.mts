export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  exports?: Record<string, string | Record<string, string>>;
  bin?: Record<string, string>;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [field: string]: unknown;
}
export interface WorkspacePackage {
  name: string;
  dir: string;
  relativeDir: string;
  manifest: PackageManifest;
  public: boolean;
}
export interface EntryPoint {
  subpath: string;
  source: string;
  default: string;
  types: string | undefined;
}
export const workspaceRoot: string;
export function listWorkspacePackages(root?: string): WorkspacePackage[];
export function listPublicPackages(root?: string): WorkspacePackage[];
export function workspaceDependencies(pkg: WorkspacePackage, names: Set<string>): string[];
export const SOURCE_CONDITION: string;
export function listEntryPoints(pkg: WorkspacePackage): EntryPoint[];
