export interface WatchdogOptions {
  /** How often a busy worker is pinged. */
  readonly pingEveryMs: number;
  /** Silence (no pong, progress or result) after which a busy worker counts as hung. */
  readonly hungAfterMs: number;
}

/**
 * The default: a worker answers a ping between two steps, so only a step or tile longer than this stalls it;
 * the longest measured (a 4096-px tile on 2 cores) is far below.
 */
export const defaultWatchdog: WatchdogOptions = { pingEveryMs: 5_000, hungAfterMs: 120_000 };

/** Pings a busy worker and says when it has been silent too long; every message heard resets it. */
export class Watchdog {
  private lastHeard = Date.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: WatchdogOptions,
    private readonly ping: () => void,
    private readonly onHung: (silentMs: number) => void,
  ) {}

  heard(): void {
    this.lastHeard = Date.now();
  }

  /** Watches while jobs run; stop() once the worker is idle or gone. */
  start(): void {
    if (this.timer) return;
    this.lastHeard = Date.now();
    this.timer = setInterval(() => this.tick(), this.options.pingEveryMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const silent = Date.now() - this.lastHeard;
    if (silent >= this.options.hungAfterMs) {
      this.stop();
      this.onHung(silent);
    } else {
      this.ping();
    }
  }
}
