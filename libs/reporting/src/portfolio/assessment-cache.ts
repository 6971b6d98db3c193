import type { WarningLightRules } from '../warning-lights/warning-light';
import type { AssessedProject } from './portfolio.reader';

/** A project and its state version (projects.state_version) as a request found them. */
export interface ProjectVersion {
  id: string;
  stateVersion: string;
}

interface Entry {
  stateVersion: string;
  referenceVersion: string;
  assessed: AssessedProject;
}

/**
 * The lights of one as-of date under one rule set and one calendar version. An
 * entry stands for as long as its project's state version (bumped by the
 * database on any change to the project or its milestones) and the reference
 * version (departments, 专栏, groups) are those a request reads.
 */
export class AssessmentGeneration {
  private readonly entries = new Map<string, Entry>();
  /** Fills run one after another: twenty requests arriving on a cold cache assess the portfolio once, not twenty times. */
  private filling: Promise<unknown> = Promise.resolve();

  /**
   * Makes sure every project in `versions` has a current entry; `assess` gets the ids lacking one and returns
   * their assessments. What it read is stored under the versions the request read *before* it, so an entry is
   * never older than the version it stands for (a write landing in between only makes the next request redo it).
   */
  async fill(versions: readonly ProjectVersion[], referenceVersion: string, assess: (ids: string[]) => Promise<AssessedProject[]>): Promise<void> {
    const stale = () => versions.filter((version) => !this.isCurrent(version, referenceVersion));
    if (stale().length === 0) return;
    const run = this.filling.then(async () => {
      const missing = stale();
      if (missing.length === 0) return;
      const versionOf = new Map(versions.map((version) => [version.id, version.stateVersion]));
      for (const assessed of await assess(missing.map((version) => version.id))) {
        const stateVersion = versionOf.get(assessed.id);
        if (stateVersion === undefined) continue;
        Object.freeze(assessed);
        this.entries.set(assessed.id, { stateVersion, referenceVersion, assessed });
      }
    });
    this.filling = run.catch(() => undefined);
    await run;
  }

  /** The assessments of `versions`, in their order (a project gone since it was listed is left out). */
  read(versions: readonly ProjectVersion[]): AssessedProject[] {
    const assessed: AssessedProject[] = [];
    for (const { id } of versions) {
      const entry = this.entries.get(id);
      if (entry) assessed.push(entry.assessed);
    }
    return assessed;
  }

  private isCurrent({ id, stateVersion }: ProjectVersion, referenceVersion: string): boolean {
    const entry = this.entries.get(id);
    return entry !== undefined && entry.stateVersion === stateVersion && entry.referenceVersion === referenceVersion;
  }
}

/**
 * The warning lights already worked out in this process, per project. A
 * generation holds one as-of date under one rule set and one calendar version
 * (anything else is a new generation); inside it each project's light is good
 * for as long as its state version is. So a live view re-assesses only what
 * changed since the last request, and every process (two APIs, the worker) stays
 * consistent with the last committed write without telling the others anything.
 */
export class AssessmentCache {
  /** Map order is use order: the first generation is the least recently used. */
  private readonly generations = new Map<string, AssessmentGeneration>();

  /** Yesterday's, today's and last week's lights (the trends compare them) fit in the default. */
  constructor(private readonly maxGenerations = 4) {}

  generation(asOf: string, calendarVersion: number, rules: WarningLightRules): AssessmentGeneration {
    const key = `${asOf}|${calendarVersion}|${JSON.stringify(rules)}`;
    let generation = this.generations.get(key);
    if (generation) {
      this.generations.delete(key);
    } else {
      generation = new AssessmentGeneration();
      while (this.generations.size >= this.maxGenerations) this.generations.delete(this.generations.keys().next().value!);
    }
    this.generations.set(key, generation);
    return generation;
  }
}
