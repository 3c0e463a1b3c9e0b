// Child process for test/plot/chromium.test.ts: unpacks the bundled Chromium (into
// LOGITLAB_CHROMIUM_CACHE) and prints the binary's path, or the error's one line.
import { bundledChromium } from "../../lib/plot/chromium.js";

try {
  console.log((await bundledChromium()).executablePath);
} catch (error) {
  console.log(`error: ${(error as Error).message}`);
  process.exitCode = 1;
}
