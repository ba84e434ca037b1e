/** A file or folder that could not be read or written, with its path and the problem in one message. */
export class FileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
    this.name = 'FileError';
  }
}

/** The reason part of any failure, for lists of files that failed. */
export function reasonOf(error: unknown): string {
  if (error instanceof FileError) return error.reason;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Rethrows `error` as an FileError naming `file`, rewording the common system errors. */
export function asFileError(file: string, error: unknown): FileError {
  if (error instanceof FileError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file or folder'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : code === 'ELOOP'
            ? 'a loop of symbolic links'
            : code === 'ENOTDIR'
              ? 'a part of the path is a file, not a folder'
              : code === 'ENOSPC'
                ? 'no space left on the disk'
                : code === 'EROFS'
                  ? 'the disk is read-only'
                  : reasonOf(error);
  return new FileError(file, reason, { cause: error });
}
