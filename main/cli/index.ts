import type { CommandIO } from './command';
import { UsageError } from './command';
import { commands } from './commands';
import { printable } from './printable';

function usage(): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return [
    'Usage: gr2r <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `gr2r <command> --help` for its options.',
  ].join('\n');
}

export async function main(
  argv: string[],
  io: CommandIO = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage() + '\n');
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`gr2r: unknown command '${name}'\n${usage()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write((command.helpFor?.(rest) ?? command.help).trimEnd() + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // One line: node's own argument errors come in several ('argument is ambiguous.\nDid you forget...').
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
    io.stderr.write(`gr2r ${name}: ${printable(message)}\n`);
    if (process.env.GR2R_DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    const parseError = String((error as { code?: unknown }).code ?? '').startsWith('ERR_PARSE_ARGS');
    return error instanceof UsageError || parseError ? 2 : 1;
  }
}
