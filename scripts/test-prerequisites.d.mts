/** What the check reads and does, replaceable in tests. */
export interface PrerequisiteSystem {
  env: Record<string, string | undefined>;
  root: boolean;
  has: (command: string) => boolean;
  exists: (path: string) => boolean;
  apt: (args: string[]) => boolean;
  log: (line: string) => void;
}
export function missingPackages(sys?: PrerequisiteSystem): string[];
export function ensurePrerequisites(overrides?: Partial<PrerequisiteSystem>): boolean;
