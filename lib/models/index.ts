// Model runtime: Hugging Face checkpoints on TensorFlow.js.

// Checkpoint files: validated safetensors reading and writing, sharded checkpoints.
export { openSafetensors } from "./safetensors.js";
export type { SafetensorsEntry, SafetensorsFile, SafetensorsOptions } from "./safetensors.js";
export { writeSafetensors } from "./writeSafetensors.js";
export type { TensorToWrite } from "./writeSafetensors.js";
export { openCheckpoint } from "./openCheckpoint.js";
export type { Checkpoint } from "./openCheckpoint.js";
