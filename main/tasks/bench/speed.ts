/** The streams `gr2r bench --speed` writes to (the CLI's CommandIO fits). */
export interface SpeedBenchIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** `gr2r bench --speed` (issue 7): a placeholder until the speed bench lands here. */
export async function runSpeedBench(_argv: string[], _io: SpeedBenchIO): Promise<number> {
  throw new Error('gr2r bench --speed is not built yet');
}
