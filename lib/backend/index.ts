export { ready, backendInfo, tf } from "./backend.js";
export type { BackendInfo } from "./backend.js";
export { stopWebGpu } from "./webgpu.js";
export type { WebGpuAdapter } from "./webgpu.js";
