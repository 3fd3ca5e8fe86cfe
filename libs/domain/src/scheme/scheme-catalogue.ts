import { refuse } from '../shared/errors';
import type { SchemeVersion } from './scheme-definition';
import { validateSchemeVersion } from './validate-scheme';

export class SchemeDefinitionError extends Error {
  override readonly name = 'SchemeDefinitionError';
  constructor(readonly problems: string[]) {
    super(`Invalid scheme definition:\n- ${problems.join('\n- ')}`);
  }
}

/** The scheme versions known to the system (R-SCHEME-1). Immutable once loaded. */
export class SchemeCatalogue {
  private readonly byId: ReadonlyMap<string, SchemeVersion>;

  private constructor(versions: SchemeVersion[]) {
    this.byId = new Map(versions.map((v) => [v.id, Object.freeze(structuredClone(v))]));
  }

  /** Validates every version and refuses the whole catalogue, naming every problem, if any is wrong. */
  static load(raw: unknown): SchemeCatalogue {
    if (!Array.isArray(raw) || raw.length === 0)
      throw new SchemeDefinitionError(['expected a non-empty array of scheme versions']);
    const problems = raw.flatMap((version, i) => validateSchemeVersion(version).map((p) => `[${i}] ${p}`));
    const ids = raw.map((v: { id?: unknown }) => v?.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) problems.push(`[${i}] id: duplicate scheme version ${String(id)}`);
    });
    if (problems.length > 0) throw new SchemeDefinitionError(problems);
    return new SchemeCatalogue(raw as SchemeVersion[]);
  }

  get versions(): SchemeVersion[] {
    return [...this.byId.values()];
  }

  /** The version a file was handled under. Unknown ids are a rule violation, never a silent default. */
  get(id: string): SchemeVersion {
    return this.byId.get(id) ?? refuse('R-SCHEME-1', `unknown scheme version ${id}`, { schemeVersion: id });
  }

  /** The version a new application is handled under: the given one, or the newest active one in force. */
  forNewApplication(today: string, id?: string): SchemeVersion {
    if (id !== undefined) {
      const version = this.get(id);
      if (version.status !== 'ACTIVE') {
        refuse('R-SCHEME-1', `scheme version ${id} is retired and accepts no new applications`, {
          schemeVersion: id,
        });
      }
      if (version.effectiveFrom > today) {
        refuse('R-SCHEME-1', `scheme version ${id} is not in force before ${version.effectiveFrom}`, {
          schemeVersion: id,
        });
      }
      return version;
    }
    const inForce = this.versions
      .filter((v) => v.status === 'ACTIVE' && v.effectiveFrom <= today)
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
    return inForce[0] ?? refuse('R-SCHEME-1', 'no active scheme version is in force', { today });
  }
}
