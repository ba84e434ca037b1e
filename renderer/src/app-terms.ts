import { familyInfo } from './noise-families';

/**
 * The compute messages (estimate warnings, training notes) are written for the command line, where they name flags;
 * in the app the same advice names the controls. Each flag the messages use, with the app's name for it.
 */
const controls: readonly [RegExp, string][] = [
  [/\(no --noise\)/g, `(${familyInfo.auto.label} on the Noise step)`],
  [/--noise correlated/g, `${familyInfo.correlated.label} on the Noise step`],
  [/estimate again with --amplitude/g, 'declare the data Amplitude on the Noise step and estimate again'],
  [/\(or amplitudes, with --amplitude\)/g, '(or amplitudes, declared as such on the Noise step)'],
  [/\(--amplitude for amplitudes\)/g, '(Amplitude on the Noise step for amplitudes)'],
  [/\(--steps to change\)/g, '(Steps, in the training settings, to change)'],
  [/train longer \(--steps\)/gi, 'train for more Steps'],
  [/gr2r estimate DIR shows what was measured/g, 'the Noise step shows what is measured'],
];

/** A compute message in the app's words: command-line flags named as the controls that do the same. */
export function inAppTerms(message: string): string {
  return controls.reduce((text, [flag, control]) => text.replace(flag, control), message);
}
