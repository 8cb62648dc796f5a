/** True when the build manifest exists and no input listed in it is newer than the build or missing. */
export function isBuildFresh(root: string, manifestPath: string, probe?: string): boolean;
