import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkWorker } from '../../main/app/fork-worker';
import { JobManager } from '../../main/app/jobs';
import { appPaths, sourceRoot } from '../../main/app/paths';
import { makeImage } from '../../main/engine/image';
import { srgbFromCamera } from '../../main/engine/raw-colour';
import { readImage, writeImage } from '../../main/io';
import { FolderRegistry } from '../../main/services/folders';
import { ImageService } from '../../main/services/image-response';
import { makeNoisyFolder } from '../e2e/noisy-folder';
import { cleanCrop } from '../helpers/images';
import { writeSyntheticDng } from '../helpers/synthetic-dng';

let dir: string;
let folderId: string;
let images: ImageService;
/** The files main asked the compute worker to decode for the screen. */
const decoded: string[] = [];
const jobs = new JobManager(forkWorker(appPaths(sourceRoot, false).worker), 'wasm');
afterAll(() => jobs.dispose());

/** A float TIFF of SAR-like intensities (far above 1), scaled by `gain`. */
async function intensityTiff(name: string, gain: number): Promise<void> {
  const data = Float32Array.from({ length: 32 * 32 }, (_, i) => gain * (50 + (i % 32) * 20));
  const file = join(dir, name);
  await writeImage(
    file,
    makeImage(32, 32, 1, data),
    { file, format: 'tiff', bitDepth: 32, width: 32, height: 32, channels: 1, notes: [] },
    { overwrite: true },
  );
}

const meanOf = async (body: Buffer) => (await sharp(body).stats()).channels[0]!.mean;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gr2r-images-'));
  await makeNoisyFolder(dir, 2);
  await sharp({ create: { width: 10, height: 6, channels: 3, background: '#336699' } })
    .jpeg()
    .toFile(join(dir, 'photo.jpg'));
  await intensityTiff('sar.tif', 1);
  await intensityTiff('sar-half.tif', 0.5);
  await writeSyntheticDng(join(dir, 'shot.dng'), await cleanCrop('coffee.png', 64, 100, 100), {
    fullWell: 0,
    readNoise: 0,
  });
  const folders = new FolderRegistry();
  folderId = (await folders.register(dir)).id;
  const out = await mkdtemp(join(tmpdir(), 'gr2r-screen-'));
  images = new ImageService(folders, (request) => {
    decoded.push(
      request.size === undefined ? basename(request.file) : `${basename(request.file)}?size=${request.size}`,
    );
    return jobs.run({ kind: 'screen', ...request, out }).done;
  });
});

describe('the read-only image service', () => {
  it('sends 8-bit JPEG and PNG files as they are', async () => {
    const reply = await images.respond(`/${folderId}/photo.jpg`, new URLSearchParams());
    expect(reply).toMatchObject({ status: 200, type: 'image/jpeg' });
    expect(reply.body.equals(await readFile(join(dir, 'photo.jpg')))).toBe(true);
    expect(decoded).toEqual([]);
  });

  it('converts float TIFF and 16-bit PNG to 8-bit PNG for the screen, and makes thumbnails', async () => {
    for (const file of ['astronaut.tif', 'chelsea.png']) {
      const reply = await images.respond(`/${folderId}/${file}`, new URLSearchParams());
      expect(reply.type).toBe('image/png');
      expect(await sharp(reply.body).metadata()).toMatchObject({ width: 64, height: 64, depth: 'uchar' });
    }
    const thumb = await images.respond(`/${folderId}/astronaut.tif`, new URLSearchParams('size=32'));
    expect((await sharp(thumb.body).metadata()).width).toBe(32);
    const photoThumb = await images.respond(`/${folderId}/photo.jpg`, new URLSearchParams('size=16'));
    expect(await sharp(photoThumb.body).metadata()).toMatchObject({ format: 'png', width: 10 }); // never enlarged
    // Decoding and resizing happen in the compute worker: Electron main only reads bytes.
    expect(decoded).toEqual(['astronaut.tif', 'chelsea.png', 'astronaut.tif?size=32', 'photo.jpg?size=16']);
  });

  it('shows a camera raw DNG at full size (one pixel per photosite, for 100%), white-balanced as shot, through its colour matrix', async () => {
    const reply = await images.respond(`/${folderId}/shot.dng`, new URLSearchParams());
    expect(reply.type).toBe('image/png');
    const { data, info } = await sharp(reply.body).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 64, height: 64, channels: 3 });
    const thumb = await sharp(
      (await images.respond(`/${folderId}/shot.dng`, new URLSearchParams('size=32'))).body,
    ).metadata();
    expect(thumb).toMatchObject({ width: 32, height: 32 });
    // The top-left photosite is red; its green and blue are the mean of its green neighbours and the blue one: the
    // first 2x2 cell's values, as the half-size look takes them.
    // The synthetic camera: AsShotNeutral (0.5, 1, 0.7), so red x 2 and blue x 1/0.7, then its ColorMatrix to sRGB.
    const { image, source } = await readImage(join(dir, 'shot.dng'));
    const [r, g1, g2, b] = image.data;
    const cam = [r! * 2, (g1! + g2!) / 2, b! / 0.7];
    const m = srgbFromCamera(source.rawColour!.cameraFromXyz);
    for (let c = 0; c < 3; c++) {
      const linear = m[3 * c]! * cam[0]! + m[3 * c + 1]! * cam[1]! + m[3 * c + 2]! * cam[2]!;
      expect(Math.abs(data[c]! / 255 - Math.min(1, Math.max(0, linear)) ** (1 / 2.2))).toBeLessThan(2 / 255);
    }
  });

  it('shows a result with its input display range, so before and after compare honestly', async () => {
    const own = await meanOf((await images.respond(`/${folderId}/sar-half.tif`, new URLSearchParams())).body);
    const asInput = await meanOf(
      (await images.respond(`/${folderId}/sar-half.tif`, new URLSearchParams(`like=${folderId}/sar.tif`))).body,
    );
    const input = await meanOf((await images.respond(`/${folderId}/sar.tif`, new URLSearchParams())).body);
    expect(Math.abs(own - input)).toBeLessThan(3);
    expect(asInput).toBeLessThan(input * 0.7);
  });

  it("stretches float data in dB with its input's range, and shows a ratio image on [0, 2]", async () => {
    const row = async (name: string, query: string) => {
      return sharp((await images.respond(`/${folderId}/${name}`, new URLSearchParams(query))).body)
        .extractChannel(0)
        .raw()
        .toBuffer();
    };
    // Column k holds 50 + 20 k (sar.tif) and half that (sar-half.tif): in dB, -3.01 dB, on sar.tif's 0.5-99.5% range.
    const [lo, hi] = [10 * Math.log10(50), 10 * Math.log10(670)];
    const grey = (v: number) => Math.max(0, Math.min(255, ((10 * Math.log10(v) - lo) / (hi - lo)) * 255));
    const input = await row('sar.tif', 'stretch=db');
    const half = await row('sar-half.tif', `stretch=db&like=${folderId}/sar.tif`);
    for (const k of [8, 20, 31]) {
      expect(Math.abs(input[k]! - grey(50 + 20 * k))).toBeLessThanOrEqual(1);
      expect(Math.abs(half[k]! - grey((50 + 20 * k) / 2))).toBeLessThanOrEqual(1);
    }
    expect(Math.abs((await row('sar.tif', ''))[8]! - input[8]!)).toBeGreaterThan(20);
    // A ratio of 1 is mid-grey whatever the data; an unknown stretch is the default.
    await writeImage(
      join(dir, 'ones.ratio.tif'),
      makeImage(8, 8, 1, new Float32Array(64).fill(1)),
      { file: 'ones.ratio.tif', format: 'tiff', bitDepth: 32, width: 8, height: 8, channels: 1, notes: [] },
      { overwrite: true },
    );
    expect(Math.abs((await row('ones.ratio.tif', 'ratio=1'))[0]! - 128)).toBeLessThanOrEqual(1);
    expect(await row('sar.tif', 'stretch=loud')).toEqual(await row('sar.tif', ''));
  });

  it('refuses what is not an image, and names outside the folder', async () => {
    expect((await images.respond(`/${folderId}/notes.txt`, new URLSearchParams())).status).toBe(415);
    expect((await images.respond(`/${folderId}/broken.png`, new URLSearchParams())).status).toBe(415);
    expect((await images.respond(`/${folderId}/..%2Fetc`, new URLSearchParams())).status).toBe(403);
  });
});
