import { z } from 'zod';

/** Electron passes only an error's message across IPC, so expected failures travel as values (docs/design.md). */
export const errorCodes = [
  'invalid-request',
  'forbidden',
  'not-found',
  'unsupported',
  'conflict',
  'failed',
  'worker-crashed',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const appErrorSchema = z.object({ code: z.enum(errorCodes), message: z.string() });
export type AppError = z.infer<typeof appErrorSchema>;

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): { readonly ok: false; readonly error: AppError } {
  return { ok: false, error: { code, message } };
}

/** Thrown inside main's services for an expected failure; the dispatcher turns it into a value. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
