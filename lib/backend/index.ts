export { ready, backendInfo, tf } from "./backend.js";
export type { BackendInfo } from "./backend.js";
