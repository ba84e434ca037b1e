import { describe, expect, it } from 'vitest';
import { makeImage } from '../../main/engine/image';
import type { LoadedImage } from '../../main/tasks/dataset';
import { prepareTrainingImages } from '../../main/tasks/train/training-images';

function loaded(file: string, channels: number, value: (pixel: number, channel: number) => number): LoadedImage {
  const data = Float32Array.from({ length: 8 * 8 * channels }, (_, i) => value(Math.floor(i / channels), i % channels));
  return { name: file, file, image: makeImage(8, 8, channels, data), source: { bitDepth: 8 } as LoadedImage['source'] };
}

describe('training images as GR2R needs them', () => {
  it('a gray image stored as colour is trained as gray, with a note naming it; a colour image is left as it is', () => {
    const grayAsColour = loaded('/data/scan.png', 3, (p) => ((p * 37) % 11) / 11);
    const colour = loaded('/data/photo.png', 3, (p, k) => ((p * 37 + k * 5) % 11) / 11);
    const { images, notes } = prepareTrainingImages([grayAsColour, colour], { amplitude: false, family: 'poisson' });
    expect(images[0]!.image.channels).toBe(1);
    expect(Array.from(images[0]!.image.data)).toEqual(
      Array.from({ length: 64 }, (_, p) => grayAsColour.image.data[3 * p]),
    );
    expect(images[1]!.image).toBe(colour.image);
    expect(notes).toEqual(['scan.png: its 3 channels are identical (gray stored as colour), so it is trained as gray']);
  });
});
