// Model runtime: Hugging Face checkpoints on TensorFlow.js.
export {};
