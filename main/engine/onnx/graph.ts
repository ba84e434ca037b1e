/** Integer, list-of-integer and string attributes: all that Conv, ConvTranspose, MaxPool, Concat and Transpose take. */
export type AttributeValue = number | readonly number[] | string;

export interface OnnxNode {
  readonly name: string;
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** The operator set of `op` when it is not ONNX's own (onnxruntime's 'com.microsoft.nchwc'). */
  readonly domain?: string;
}

/** A constant (a weight, or an int64 shape or axes list), in row-major order. */
export interface OnnxTensor {
  readonly name: string;
  readonly dims: readonly number[];
  readonly data: Float32Array | BigInt64Array;
}

/** A graph input or output: float32, each dimension a size or a symbolic name (dynamic). */
export interface OnnxValue {
  readonly name: string;
  readonly dims: readonly (number | string)[];
}

export interface OnnxGraph {
  readonly name: string;
  readonly nodes: readonly OnnxNode[];
  readonly initializers: readonly OnnxTensor[];
  readonly inputs: readonly OnnxValue[];
  readonly outputs: readonly OnnxValue[];
}

/** Collects nodes and weights in topological order, as a converter walks the layers. */
export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];

  /** Adds a node with one output, named `output`, and returns that name. */
  node(op: string, inputs: readonly string[], output: string, attributes: Record<string, AttributeValue> = {}): string {
    this.nodes.push({ name: `${output}/${op}`, op, inputs, outputs: [output], attributes });
    return output;
  }

  /** Adds a node of another operator set than ONNX's own (version 1 of it), with one output. */
  domainNode(
    domain: string,
    op: string,
    inputs: readonly string[],
    output: string,
    attributes: Record<string, AttributeValue> = {},
  ): string {
    this.nodes.push({ name: `${output}/${op}`, op, inputs, outputs: [output], attributes, domain });
    return output;
  }

  /** Adds a node with several outputs (Split). */
  nodeOutputs(
    op: string,
    inputs: readonly string[],
    outputs: readonly string[],
    attributes: Record<string, AttributeValue> = {},
  ): readonly string[] {
    this.nodes.push({ name: `${outputs[0]}/${op}`, op, inputs, outputs, attributes });
    return outputs;
  }

  weight(name: string, dims: readonly number[], data: Float32Array): string {
    this.initializers.push({ name, dims, data });
    return name;
  }

  /** A 1-D int64 constant (shapes, axes, split sizes), named by its values so equal lists are shared. */
  ints(values: readonly number[]): string {
    const name = `int64[${values.join(',')}]`;
    if (!this.initializers.some((t) => t.name === name)) {
      this.initializers.push({ name, dims: [values.length], data: BigInt64Array.from(values, (v) => BigInt(v)) });
    }
    return name;
  }

  /** A float32 scalar constant. */
  scalar(value: number): string {
    const name = `float[${value}]`;
    if (!this.initializers.some((t) => t.name === name))
      this.initializers.push({ name, dims: [], data: Float32Array.of(value) });
    return name;
  }

  build(name: string, inputs: readonly OnnxValue[], outputs: readonly OnnxValue[]): OnnxGraph {
    return { name, nodes: this.nodes, initializers: this.initializers, inputs, outputs };
  }
}
