"""The default GR2R Studio U-Net (32-64-128, RGB: 466,595 parameters) in PyTorch CPU, timed on the shapes
that `gr2r bench --speed --torch` uses: an Adam + MSE training step on 8 patches of 64x64x3, and one
512x512x3 inference. Prints one JSON object.

Run: /usr/bin/python3 main/tasks/bench/torch_unet.py [--threads N] [--steps N] [--runs N] [--only train|infer]   (Debian's python3-torch)
"""
import argparse
import json
import os
import resource
import statistics
import time

import torch
from torch import nn


def double_conv(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(), nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU())


class UNet(nn.Module):
    """Same layers as main/engine/nets/unet.ts: 3x3 conv+ReLU x2 per level, 2x2 max-pool, 2x2 stride-2
    transposed conv + ReLU, concatenation with the skip, 1x1 output conv added to the input."""

    def __init__(self, channels=3, width=32, depth=3):
        super().__init__()
        widths = [width * 2 ** i for i in range(depth)]
        self.down = nn.ModuleList()
        cin = channels
        for w in widths:
            self.down.append(double_conv(cin, w))
            cin = w
        self.pool = nn.MaxPool2d(2)
        self.up = nn.ModuleList()
        self.up_conv = nn.ModuleList()
        for level in range(depth - 2, -1, -1):
            w = widths[level]
            self.up.append(nn.Sequential(nn.ConvTranspose2d(widths[level + 1], w, 2, stride=2), nn.ReLU()))
            self.up_conv.append(double_conv(2 * w, w))
        self.residual = nn.Conv2d(width, channels, 1)

    def forward(self, y):
        skips = []
        x = y
        for i, block in enumerate(self.down):
            x = block(x)
            if i < len(self.down) - 1:
                skips.append(x)
                x = self.pool(x)
        for up, conv in zip(self.up, self.up_conv):
            x = conv(torch.cat([up(x), skips.pop()], dim=1))
        return y + self.residual(x)


def median_ms(fn, warmup, runs):
    """Median wall-clock and CPU milliseconds (CPU: the whole process, every thread) after `warmup` calls."""
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), wall, statistics.median(cpu)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--threads', type=int, default=os.cpu_count())
    parser.add_argument('--steps', type=int, default=7)
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--size', type=int, default=512)
    parser.add_argument('--only', choices=['train', 'infer'], help='time only this (alternating runs use one each)')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    net = UNet()
    params = sum(p.numel() for p in net.parameters())
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    x = torch.rand(8, 3, 64, 64)
    t = torch.rand(8, 3, 64, 64)

    def step():
        optimizer.zero_grad()
        loss = torch.mean((net(x) - t) ** 2)
        loss.backward()
        optimizer.step()

    train_ms, train_all, train_cpu = median_ms(step, 2, args.steps) if args.only != 'infer' else (None, [], None)
    image = torch.rand(1, 3, args.size, args.size)

    def infer():
        with torch.no_grad():
            net(image)

    infer_ms, infer_all, infer_cpu = median_ms(infer, 1, args.runs) if args.only != 'train' else (None, [], None)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({
        'engine': 'pytorch', 'version': torch.__version__, 'threads': torch.get_num_threads(), 'params': params,
        'trainStepMs': train_ms, 'trainStepsMs': train_all, 'trainStepCpuMs': train_cpu,
        'inferMs': infer_ms, 'infersMs': infer_all, 'inferCpuMs': infer_cpu,
        'inferSize': args.size, 'peakRssBytes': peak,
    }))


if __name__ == '__main__':
    main()
