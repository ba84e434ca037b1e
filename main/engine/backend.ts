import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';
export const backendOrder: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export interface BackendReport {
  readonly name: BackendName;
  /** Why each faster backend was not used, in order. */
  readonly skipped: readonly { name: BackendName; reason: string }[];
}

const nativePackage: Partial<Record<BackendName, string>> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node',
};

// Both native packages register a backend called 'tensorflow'; importing one has side effects and throws
// when libtensorflow is missing, so this is the only place that imports them, inside try/catch.
async function loadNative(name: BackendName): Promise<void> {
  const pkg = nativePackage[name];
  if (!pkg) return;
  await import(/* @vite-ignore */ pkg);
  if (!tf.findBackend('tensorflow')) throw new Error(`${pkg} loaded but registered no backend`);
}

async function activate(name: BackendName): Promise<void> {
  await loadNative(name);
  const registered = nativePackage[name] ? 'tensorflow' : name;
  if (!(await tf.setBackend(registered))) throw new Error(`backend ${registered} failed to initialise`);
  await tf.ready();
  if (name === 'wasm') {
    const { registerWasmKernels } = await import('./kernels/register');
    registerWasmKernels();
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/Cannot find (package|module) '@tensorflow\/tfjs-node/.test(text)) return 'not installed';
  return text.split('\n')[0]!.slice(0, 200);
}

let current: BackendReport | undefined;
/** The call in progress: a second call waits for it, else both would set backends at once (and report cpu). */
let inProgress: Promise<unknown> = Promise.resolve();

/**
 * Chooses the compute backend once: the forced one, or the first that loads in `backendOrder`.
 * Training never runs on 'cpu' unless forced: it is minutes a step. Calls run one after another.
 */
export function initBackend(force?: BackendName): Promise<BackendReport> {
  const call = inProgress.then(() => chooseBackend(force));
  inProgress = call.catch(() => undefined);
  return call;
}

async function chooseBackend(force?: BackendName): Promise<BackendReport> {
  if (current && (!force || current.name === force)) return current;
  tf.env().set('PROD', true);
  const skipped: { name: BackendName; reason: string }[] = [];
  for (const name of force ? [force] : backendOrder) {
    try {
      await activate(name);
      current = { name, skipped };
      return current;
    } catch (error) {
      if (force) throw new Error(`backend ${force} is not available: ${firstLine(error)}`);
      skipped.push({ name, reason: firstLine(error) });
    }
  }
  throw new Error(`no compute backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

export function describeBackend(report: BackendReport): string {
  const why = report.skipped.map((s) => `${s.name} skipped (${s.reason})`).join('; ');
  return why ? `backend ${report.name}; ${why}` : `backend ${report.name}`;
}
