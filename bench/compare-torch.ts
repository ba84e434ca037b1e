// Issue 7's check, side by side in one run on this machine: the default U-Net's training step and 512 x 512
// inference against the same network in PyTorch CPU (Debian python3-torch), as ratios, and a 24 MP denoise's
// peak memory. Run: npx tsx bench/compare-torch.ts [--json] [--backend wasm] [...gr2r bench --speed flags]
import { parseSpeedFlags } from '../main/cli/bench-speed';
import { runSpeedBench } from '../main/tasks/bench/speed';

process.exitCode = await runSpeedBench(parseSpeedFlags(['--torch', ...process.argv.slice(2)]), process);
