const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

// C0 and C1 controls, DEL, the Unicode line and paragraph separators and the bidirectional overrides: each can
// split a line, move the cursor, recolour or reorder what the terminal shows.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\\]/gu;

/**
 * Text as one visible line for the terminal: control characters in a file name (a newline, ESC sequences)
 * are written as escapes (\n, \x1b, \u202e), so one name is one line and cannot draw over others.
 * Backslashes are doubled so that an escape shown can be told from the same characters in the name.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const escape = ESCAPES[c];
    if (escape) return escape;
    const code = c.codePointAt(0)!;
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** One failed file as the commands print it: `<verb> NAME: reason`, on one line. */
export function failureLine(verb: string, failure: { readonly file: string; readonly reason: string }): string {
  return `${verb} ${printable(failure.file)}: ${printable(failure.reason)}`;
}
