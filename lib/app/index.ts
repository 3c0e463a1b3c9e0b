// The local interpretability app (`logitlab app`): a page on 127.0.0.1 that looks inside a model as you type.
export { startApp, MAX_APP_BODY } from "./startApp.js";
export type { RunningApp } from "./startApp.js";
export { parseAppRequest } from "./parseAppRequest.js";
export type { AppRequest } from "./parseAppRequest.js";
export { appPage } from "./appPage.js";
export { appScript } from "./appScript.js";
