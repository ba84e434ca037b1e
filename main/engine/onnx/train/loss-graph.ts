import { lossWeighting } from '../../loss-weights';
import type { GraphBuilder } from '../graph';
import type { Value } from './types';

/** The pixel weights of engine/loss-weights.ts from the NCHW input, as NHWC: ((max(pool(y1), 0) + floor) / (level + floor))^-q. */
function pixelWeights(graph: GraphBuilder, input: string, growth: number): string {
  const { window, floor, level } = lossWeighting;
  const pad = (window - 1) / 2;
  const pool = graph.node('AveragePool', [input], 'weight_pool', {
    kernel_shape: [window, window],
    pads: [pad, pad, pad, pad],
    count_include_pad: 0,
  });
  const mean = graph.node(
    'Relu',
    [graph.node('Transpose', [pool], 'weight_pool_nhwc', { perm: [0, 2, 3, 1] })],
    'weight_mean',
  );
  const ratio = graph.node(
    'Div',
    [graph.node('Add', [mean, graph.scalar(floor)], 'weight_base'), graph.scalar(level + floor)],
    'weight_ratio',
  );
  return graph.node('Pow', [ratio, graph.scalar(-growth)], 'pixel_weight');
}

/**
 * The (weighted) MSE between the NCHW output and the NHWC target, mean w lambda_c (f - t)^2 with w = 1 when `growth`
 * is 0 and lambda_c = 1 without `channelWeights`; returns the loss and d loss / d output (NCHW).
 */
export function mseLoss(
  graph: GraphBuilder,
  output: Value,
  target: string,
  input: string,
  growth: number,
  channelWeights?: readonly number[],
): { loss: string; gradient: string } {
  const [n, c, h, w] = output.shape;
  const nhwc = graph.node('Transpose', [output.name], 'output_nhwc', { perm: [0, 2, 3, 1] });
  const diff = graph.node('Sub', [nhwc, target], 'residual');
  const byPixel =
    growth > 0 ? graph.node('Mul', [diff, pixelWeights(graph, input, growth)], 'weighted_residual') : diff;
  const weighted = channelWeights
    ? graph.node(
        'Mul',
        [byPixel, graph.weight('channel_weights', [c], Float32Array.from(channelWeights))],
        'channel_weighted_residual',
      )
    : byPixel;
  const loss = graph.node('ReduceMean', [graph.node('Mul', [weighted, diff], 'squared')], 'loss', { keepdims: 0 });
  const scaled = graph.node('Mul', [weighted, graph.scalar(2 / (n * c * h * w))], 'dloss_nhwc');
  return { loss, gradient: graph.node('Transpose', [scaled], 'dloss', { perm: [0, 3, 1, 2] }) };
}
