/** `1 image`, `3 images`, `0 images`: a number with its noun, for messages people read (no "image(s)"). */
export function plural(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
