/**
 * Generation names: `v<version>` for the build of a code version, `v<version>.r<n>` for the n-th requested
 * rebuild of it. Only the version decides whether an active generation fits the running code.
 */
export interface GenerationName {
  version: number;
  /** Rebuild number, 0 for the plain `v<version>` build. */
  rebuild: number;
}

const PATTERN = /^v(\d+)(?:\.r(\d+))?$/;

export const buildGeneration = (version: number): string => `v${version}`;
export const rebuildGeneration = (version: number, rebuild: number): string => `v${version}.r${rebuild}`;

/** null for names this runner did not create. */
export const parseGeneration = (name: string): GenerationName | null => {
  const match = PATTERN.exec(name);
  return match ? { version: Number(match[1]), rebuild: match[2] === undefined ? 0 : Number(match[2]) } : null;
};

/**
 * For a rebuild of `version`: the newest unfinished rebuild generation (newer than the active one) that
 * may be resumed, and the name a fresh rebuild would get.
 */
export const rebuildChoices = (
  version: number,
  active: string | null,
  generations: string[],
): { resumable: string | null; fresh: string } => {
  const activeParsed = active === null ? null : parseGeneration(active);
  // Rebuild numbers count per version: the active generation of an older version does not bound them.
  const activeRebuild = activeParsed?.version === version ? activeParsed.rebuild : 0;
  let latest: { name: string; rebuild: number } | null = null;
  for (const name of generations) {
    const parsed = parseGeneration(name);
    if (parsed?.version !== version || parsed.rebuild === 0) continue;
    if (!latest || parsed.rebuild > latest.rebuild) latest = { name, rebuild: parsed.rebuild };
  }
  const resumable = latest && latest.name !== active && latest.rebuild > activeRebuild ? latest.name : null;
  return { resumable, fresh: rebuildGeneration(version, Math.max(activeRebuild, latest?.rebuild ?? 0) + 1) };
};
