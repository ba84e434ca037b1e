import { cp, mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { loadModel } from '../io/load-model';
import { MODEL_FILES } from '../io/model-files';
import type { ModelSummary } from '../shared/library';
import { modelIdSchema } from '../shared/library';
import { modelMetaSchema } from '../shared/model';
import { AppFailure } from '../shared/result';
import { cleanName } from './model-name';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

function stamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** A name usable as a model id: the dataset's name, cleaned, and the time. */
export function modelName(base: string, date = new Date()): string {
  const clean =
    base
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 60) || 'model';
  return `${clean}-${stamp(date)}`;
}

/** The models library: one folder per training run, so no run ever overwrites another's checkpoints. */
export class ModelLibrary {
  private readonly reserved = new Set<string>();

  constructor(readonly root: string) {}

  async list(): Promise<ModelSummary[]> {
    await mkdir(this.root, { recursive: true });
    const entries = await readdir(this.root, { withFileTypes: true });
    const ids = entries.filter((e) => e.isDirectory() && modelIdSchema.safeParse(e.name).success).map((e) => e.name);
    const models = await Promise.all(ids.map((id) => this.summary(id).catch(() => undefined)));
    return models
      .filter((m): m is ModelSummary => m !== undefined)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  path(id: string): string {
    if (!modelIdSchema.safeParse(id).success) throw new AppFailure('invalid-request', `${id}: not a model id`);
    return join(this.root, id);
  }

  async summary(id: string): Promise<ModelSummary> {
    const dir = this.path(id);
    const text = await readFile(join(dir, MODEL_FILES.meta), 'utf8').catch(() => {
      throw new AppFailure('not-found', `model ${id} has no ${MODEL_FILES.meta} yet`);
    });
    const meta = modelMetaSchema.parse(JSON.parse(text));
    return {
      id,
      noise: meta.noise,
      net: meta.net,
      loss: meta.loss,
      alpha: meta.alpha,
      channels: meta.channels,
      step: meta.step,
      totalSteps: meta.totalSteps,
      estPsnr: meta.estPsnr,
      createdAt: meta.createdAt,
      path: dir,
      amplitude: meta.sar?.amplitude ?? false,
      ...(meta.trainedSteps !== undefined && { trainedSteps: meta.trainedSteps }),
      ...(meta.dataset && { dataset: meta.dataset }),
      ...(meta.inputPsnr !== undefined && { inputPsnr: meta.inputPsnr }),
      units: meta.dataset?.units ?? (meta.peak === 1 ? 'unit' : 'as-stored'),
      ...(meta.earlyStopped && { earlyStoppedAt: meta.earlyStopped.atStep }),
      // The last step's checkpoint is in checkpoint/ when the weights kept are an earlier step's (kept-model.ts).
      canResume:
        (await exists(join(dir, MODEL_FILES.optimizer))) ||
        (await exists(join(dir, 'checkpoint', MODEL_FILES.optimizer))),
    };
  }

  /** A fresh model folder path (not created: training creates it) named after the dataset. */
  async reserve(base: string, exact = false): Promise<{ id: string; path: string }> {
    await mkdir(this.root, { recursive: true });
    const name = exact ? cleanName(base) || 'model' : modelName(base);
    for (let n = 0; ; n++) {
      const id = n === 0 ? name : `${name}-${n}`;
      if (this.reserved.has(id) || (await exists(join(this.root, id)))) continue;
      this.reserved.add(id);
      return { id, path: join(this.root, id) };
    }
  }

  /** Copies a model folder into the library after checking it loads; returns its summary. */
  async import(source: string): Promise<ModelSummary> {
    await loadModel(source, (json) => modelMetaSchema.parse(json)).catch((error: Error) => {
      throw new AppFailure('invalid-request', `${basename(source)} is not a GR2R model folder: ${error.message}`);
    });
    const { id, path } = await this.reserve(basename(source), true);
    await cp(source, path, { recursive: true, errorOnExist: true, force: false });
    return this.summary(id);
  }

  /** Renames a model folder in the library; the new name must be free and a valid id. */
  async rename(id: string, name: string): Promise<ModelSummary> {
    const from = this.path(id);
    await this.summary(id);
    const clean = cleanName(name.trim(), 100);
    if (!modelIdSchema.safeParse(clean).success)
      throw new AppFailure('invalid-request', `“${name}” cannot name a model: use letters, digits, . _ -`);
    if (clean === id) return this.summary(id);
    const to = join(this.root, clean);
    if (this.reserved.has(clean) || (await exists(to)))
      throw new AppFailure('conflict', `a model named ${clean} already exists`);
    await rename(from, to);
    return this.summary(clean);
  }

  /** Copies a model into `parent` as a new folder named after it; returns the folder written. */
  async export(id: string, parent: string): Promise<string> {
    const source = this.path(id);
    await this.summary(id);
    for (let n = 0; ; n++) {
      const target = join(parent, n === 0 ? id : `${id}-${n}`);
      if (await exists(target)) continue;
      await cp(source, target, { recursive: true, errorOnExist: true, force: false });
      return target;
    }
  }
}
