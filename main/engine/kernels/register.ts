/** Registers the gradient kernels the wasm backend lacks. Filled in by the kernels work. */
export function registerWasmKernels(): void {}
