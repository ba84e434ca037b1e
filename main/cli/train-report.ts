import { plural } from '../shared/plural';
import type { rawIsoGroups } from '../io/raw-folder';

/** What `gr2r train` prints about the model it kept. */
export function gainText(meta: { estPsnr: number | null; inputPsnr?: number | null }): string {
  if (meta.estPsnr === null || meta.inputPsnr === undefined || meta.inputPsnr === null) return '';
  const gain = meta.estPsnr - meta.inputPsnr;
  return ` (${gain >= 0 ? '+' : ''}${gain.toFixed(1)} dB over the noisy input, ${meta.inputPsnr.toFixed(2)} dB)`;
}

/** A warning when the model kept is estimated to make its images worse than they came in, else undefined. */
export function worseWarning(meta: { estPsnr: number | null; inputPsnr?: number | null }): string | undefined {
  if (meta.estPsnr === null || meta.inputPsnr === undefined || meta.inputPsnr === null) return undefined;
  const gain = meta.estPsnr - meta.inputPsnr;
  if (gain >= 0) return undefined;
  return (
    `warning: the model is estimated ${(-gain).toFixed(1)} dB under the noisy input: it would make these images ` +
    'worse. Train longer (--steps), or check the noise model (gr2r estimate DIR shows what was measured)'
  );
}

/** Which step's weights the model holds, and why. */
export function keptLine(meta: { step: number; estPsnr: number | null }, lastStep: number): string {
  const psnr = meta.estPsnr === null ? '' : ` (estimated PSNR ${meta.estPsnr.toFixed(2)} dB)`;
  if (meta.step === lastStep) return `kept step ${meta.step}, the last${psnr}`;
  return `kept step ${meta.step} of ${lastStep}: the best estimated PSNR${psnr}; step ${lastStep}'s checkpoint is in checkpoint/ for --resume`;
}

/** What the raw files say of their noise: ISO and NoiseProfile per ISO, and a warning where ISOs are mixed. */
export function isoNotes(groups: Awaited<ReturnType<typeof rawIsoGroups>>): string[] {
  const lines = groups.map(
    (g) =>
      `${g.iso > 0 ? `ISO ${g.iso}` : 'ISO unknown'}: ${plural(g.files.length, 'file')}` +
      (g.profile ? `, the camera's NoiseProfile a=${g.profile.a.toPrecision(4)} b=${g.profile.b.toPrecision(4)}` : ''),
  );
  if (groups.filter((g) => g.iso > 0).length > 1) {
    lines.push('the folder mixes ISOs, whose noise differs: unless --a/--b are given, each image gets its own (a, b)');
  }
  return lines;
}
