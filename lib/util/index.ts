export { LogitlabError } from "./errors.js";
