import { z } from 'zod';
import type { InvokeChannel } from '../shared/contract';
import { invokeChannels, isInvokeChannel } from '../shared/contract';
import type { Result } from '../shared/result';
import { AppFailure, fail, ok } from '../shared/result';
import type { Handlers } from './handlers';

/**
 * The one entry for every request, whatever carried it (IPC or HTTP): unknown channels and payloads that fail
 * their schema are refused; expected failures come back as values, unexpected ones as 'internal'.
 */
export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel))
    return fail('invalid-request', `unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}`);
  const parsed = invokeChannels[channel].request.safeParse(payload ?? {});
  if (!parsed.success) return fail('invalid-request', `${channel}: ${z.prettifyError(parsed.error)}`);
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    return ok(await handler(parsed.data));
  } catch (error) {
    return asFailure(channel, error);
  }
}

function asFailure(channel: InvokeChannel, error: unknown): Result<never> {
  if (error instanceof AppFailure) return fail(error.code, error.message);
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`gr2r: ${channel} failed: ${error instanceof Error ? error.stack : message}\n`);
  return fail('internal', message.split('\n')[0] ?? message);
}
