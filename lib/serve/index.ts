// `logitlab serve`: any engine's model behind an OpenAI-compatible API (completions and chat with
// logprobs, vLLM's prompt_logprobs, /tokenize /detokenize).
export { serveEngine } from "./serveEngine.js";
export type { ServeOptions, OpenAiServer } from "./serveEngine.js";
export { openAiHandler } from "./openAiHandler.js";
export type { ServeSettings, OpenAiResponse } from "./openAiHandler.js";
export { completionBody } from "./completionBody.js";
export { chatBody } from "./chatBody.js";
export { chatPrompt } from "./chatPrompt.js";
export { parseCompletionRequest } from "./parseCompletionRequest.js";
export type { CompletionRequest, RequestLimits } from "./parseCompletionRequest.js";
export { parseChatRequest } from "./parseChatRequest.js";
export type { ChatRequest } from "./parseChatRequest.js";
export { parseSamplingFields } from "./parseSamplingFields.js";
export { generateOptionsOf } from "./generateOptionsOf.js";
export type { SamplingFields } from "./parseSamplingFields.js";
export { recordingEngine } from "./recordingEngine.js";
export { rowLogprobs } from "./rowLogprobs.js";
export type { RowLogprobs } from "./rowLogprobs.js";
