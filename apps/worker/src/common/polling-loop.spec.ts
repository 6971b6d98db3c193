import { PollingLoop, PollingPace } from './polling-loop';

/** A loop whose rounds follow a script: 'fail' throws, 'more' asks for the next round at once, 'idle' waits. */
class ScriptedLoop extends PollingLoop {
  protected readonly what = 'scripted loop';
  readonly waits: Array<{ after: string; failures: number | null }> = [];
  rounds: string[] = [];
  private last = '';
  /** Resolves when the script has run out (the loop keeps polling 'idle' after it). */
  done: Promise<void>;
  private finish!: () => void;

  constructor(
    private readonly script: Array<'fail' | 'more' | 'idle'>,
    private readonly extra: Partial<PollingPace> = {},
  ) {
    super();
    this.done = new Promise((resolve) => (this.finish = resolve));
    this.logger.warn = () => undefined;
    this.logger.log = () => undefined;
  }

  protected async poll(): Promise<boolean> {
    const step = this.script[this.rounds.length] ?? 'idle';
    this.rounds.push(step);
    this.last = step;
    if (this.rounds.length === this.script.length) this.finish();
    if (step === 'fail') throw new Error('Postgres away');
    return step === 'more';
  }

  protected pace(): PollingPace {
    return {
      idleMs: 0,
      afterFailureMs: (failures) => {
        this.waits.push({ after: this.last, failures });
        return 0;
      },
      ...this.extra,
    };
  }
}

describe('PollingLoop', () => {
  it('goes on after failed rounds, backing off by the failures in a row, and counts afresh after a good round', async () => {
    const loop = new ScriptedLoop(['fail', 'fail', 'idle', 'fail', 'more', 'idle']);
    loop.onApplicationBootstrap();
    await loop.done;
    await loop.onModuleDestroy();
    expect(loop.rounds.slice(0, 6)).toEqual(['fail', 'fail', 'idle', 'fail', 'more', 'idle']);
    expect(loop.waits).toEqual([
      { after: 'fail', failures: 1 },
      { after: 'fail', failures: 2 },
      { after: 'fail', failures: 1 },
    ]);
  });

  it('waits one interval before the first round when asked to, and module destroy cuts the wait short', async () => {
    const loop = new ScriptedLoop(['idle'], { idleMs: 60 * 60_000, waitFirst: true });
    loop.onApplicationBootstrap();
    await loop.onModuleDestroy();
    expect(loop.rounds).toEqual([]);
  });

  it('module destroy awaits the round in flight', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    class HeldLoop extends ScriptedLoop {
      protected override async poll(): Promise<boolean> {
        await held;
        finished = true;
        return false;
      }
    }
    const loop = new HeldLoop([], { idleMs: 60 * 60_000 });
    loop.onApplicationBootstrap();
    const destroyed = loop.onModuleDestroy().then(() => finished);
    release();
    await expect(destroyed).resolves.toBe(true);
  });
});
