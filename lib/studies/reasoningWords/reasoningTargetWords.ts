/**
 * reasoningTargetWords: the words the reasoning-words study looks for, lower-case; every spelling
 * variant (leading space, capital) is derived from these by `wordVariants`.
 *
 * @example
 * reasoningTargetWords.length
 * // => 10
 */
export const reasoningTargetWords: readonly string[] = Object.freeze(["wait", "aha", "check", "think", "hmm", "let", "actually", "however", "so", "therefore"]);
