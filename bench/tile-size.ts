// onnxruntime's time per megapixel for one network pass at several tile sides and batch sizes (the default
// U-Net, RGB), to choose the tile and whether to batch the Monte Carlo passes. Each shape: median of --runs.
// Run: npx tsx bench/tile-size.ts [sides=256,512,768,1024] [batches=1,5] [runs=3]
import { initBackend } from '../main/engine/backend';
import { buildNet, defaultNet } from '../main/engine/nets';
import { choosePredictor } from '../main/runtime/predictor';

const [sidesArg = '256,512,768,1024', batchesArg = '1,5', runsArg = '3'] = process.argv.slice(2);
const sides = sidesArg.split(',').map(Number);
const batches = batchesArg.split(',').map(Number);
const runs = Number(runsArg);

await initBackend('cpu');
const net = buildNet(defaultNet, 3, 1);
const predictor = await choosePredictor(net, { prefer: 'onnxruntime' });
for (const side of sides) {
  for (const batch of batches) {
    const input = new Float32Array(batch * side * side * 3).map((_, i) => (i * 0.618) % 1);
    const shape = [batch, side, side, 3] as const;
    await predictor.predict(input, shape);
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      await predictor.predict(input, shape);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const ms = times[Math.floor(times.length / 2)]!;
    const mp = (batch * side * side) / 1e6;
    console.log(
      `${side} x ${side}, batch ${batch}: ${ms.toFixed(0)} ms, ${(ms / 1000 / mp).toFixed(3)} s/MP, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
    );
  }
}
await predictor.release();
