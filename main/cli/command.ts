/** One `gr2r` sub-command: parses its own flags, prints its own help, returns the exit code. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  /** The help for these flags, where a flag selects another mode with its own (`bench --speed`). */
  readonly helpFor?: (argv: string[]) => string;
  run(argv: string[], io: CommandIO): Promise<number>;
}

export interface CommandIO {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly signal?: AbortSignal;
}

/** A bad input or usage: printed as one line naming the problem, exit code 2 (1 for failures). */
export class UsageError extends Error {}
