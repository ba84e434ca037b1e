import type { AttributeValue, OnnxGraph, OnnxNode, OnnxTensor, OnnxValue } from './graph';
import { onnxType } from './schema';

/** ONNX IR version 8 and opset 17: read by onnxruntime 1.14 and later, and by every current ONNX tool. */
export const IR_VERSION = 8;
export const OPSET = 17;

/** TensorProto's data type of float32 (also Cast's `to`). */
export const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_TYPE = { INT: 2, STRING: 3, INTS: 7 } as const;

export interface ModelInfo {
  readonly producerVersion: string;
  readonly docString?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

function attribute(name: string, value: AttributeValue): object {
  if (typeof value === 'string') return { name, type: ATTRIBUTE_TYPE.STRING, s: new TextEncoder().encode(value) };
  if (typeof value === 'number') return { name, type: ATTRIBUTE_TYPE.INT, i: value };
  return { name, type: ATTRIBUTE_TYPE.INTS, ints: [...value] };
}

function node(n: OnnxNode): object {
  const attributes = Object.entries(n.attributes).map(([name, value]) => attribute(name, value));
  return {
    name: n.name,
    op_type: n.op,
    input: [...n.inputs],
    output: [...n.outputs],
    attribute: attributes,
    ...(n.domain && { domain: n.domain }),
  };
}

function tensor(t: OnnxTensor): object {
  // raw_data is little-endian; so are the machines tfjs and onnxruntime run on.
  const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return {
    name: t.name,
    dims: [...t.dims],
    data_type: t.data instanceof BigInt64Array ? INT64 : FLOAT,
    raw_data: bytes,
  };
}

function valueInfo(v: OnnxValue): object {
  const dim = v.dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name: v.name, type: { tensor_type: { elem_type: FLOAT, shape: { dim } } } };
}

/** The bytes of an .onnx file holding `graph`. */
export function encodeModel(graph: OnnxGraph, info: ModelInfo): Uint8Array {
  const model = onnxType('ModelProto');
  const message = model.fromObject({
    ir_version: IR_VERSION,
    producer_name: 'gr2r-studio',
    producer_version: info.producerVersion,
    doc_string: info.docString ?? '',
    opset_import: [
      { domain: '', version: OPSET },
      ...[...new Set(graph.nodes.flatMap((n) => (n.domain ? [n.domain] : [])))].map((domain) => ({
        domain,
        version: 1,
      })),
    ],
    metadata_props: Object.entries(info.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: graph.name,
      node: graph.nodes.map(node),
      initializer: graph.initializers.map(tensor),
      input: graph.inputs.map(valueInfo),
      output: graph.outputs.map(valueInfo),
    },
  });
  return model.encode(message).finish();
}
