import { describe, expect, it } from 'vitest';
import { inAppTerms } from '../../renderer/src/app-terms';
import { keptNoiseWarning } from '../../main/engine/kept-noise';
import { speckleValuesProblem } from '../../main/engine/sar/speckle-values';
import { makeImage } from '../../main/engine/image';

describe('compute messages in the app', () => {
  it('name the controls, not the command line flags, for every flag the messages use', () => {
    const y = makeImage(
      4,
      4,
      1,
      Float32Array.from({ length: 16 }, (_, i) => 0.5 + 0.05 * Math.sin(i)),
    );
    const meta = { alpha: 0.25, loss: 'mse' as const };
    const messages = [
      keptNoiseWarning(y, y, { ...meta, noise: { family: 'gaussian', sigma: 0.05 } })!,
      keptNoiseWarning(y, y, { ...meta, noise: { family: 'gamma', looks: 4 } })!,
      speckleValuesProblem([-10, -12, -20, 1])!,
      'a.tif: the statistics look like amplitude data (the square root of intensity): estimate again with --amplitude.',
      'SAR speckle measured blind: 1000 steps (--steps to change)',
      'warning: the model is estimated 1.3 dB under the noisy input: it would make these images worse. Train longer (--steps), or check the noise model (gr2r estimate DIR shows what was measured)',
    ];
    for (const m of messages) {
      expect(m).toMatch(/--|gr2r /);
      expect(inAppTerms(m)).not.toMatch(/--[a-z]|gr2r /);
    }
    expect(inAppTerms(messages[0]!)).toMatch(
      /Automatic \(recommended\) on the Noise step\) or Correlated \(real photos\)/,
    );
  });
});
