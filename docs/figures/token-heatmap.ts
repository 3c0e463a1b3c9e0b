// Writes the README's example figure, docs/figures/token-heatmap.{svg,png}:
//   node --import tsx docs/figures/token-heatmap.ts
// Each token of one sentence coloured by its log-probability under the two bundled GPT-2 models
// (tiny-gpt2-small and tiny-gpt2-large), the first token left blank (nothing predicts it).
import { closeBrowser, loadModel, ready, saveFigure, tf, tokenHeatmap, tokenLogProbs } from "../../lib/index.js";

await ready();
const text = "And God said unto Moses, Let there be light: and there was light.\nQ: What is 12 + 7? A: 12 + 7 = 19. So the answer is 19.";
const rows = [];
for (const name of ["tiny-gpt2-small", "tiny-gpt2-large"]) {
  const model = await loadModel(new URL(`../../data/models/${name}`, import.meta.url).pathname);
  const encoded = model.requireTokenizer().encode(text, { addSpecialTokens: false });
  const { logits } = model.forward(encoded.ids);
  const next = tf.tidy(() => tokenLogProbs(tf.slice(logits, [0, 0], [encoded.ids.length - 1, -1]), encoded.ids.slice(1)));
  const values = [NaN, ...(next.arraySync() as number[])];
  tf.dispose([logits, next]);
  rows.push({ label: name, tokens: encoded.offsets.map(([start, end]) => text.slice(start, end)), values, ids: encoded.ids });
  model.dispose();
}
const figure = tokenHeatmap(rows, { valueTitle: "log p", lineWidth: 48, title: "Per-token log-probability under the bundled small and large GPT-2" });
const here = new URL(".", import.meta.url).pathname;
await saveFigure(figure, `${here}token-heatmap.svg`);
await saveFigure(figure, `${here}token-heatmap.png`, { scale: 2 });
await closeBrowser();
