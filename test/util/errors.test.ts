import { test } from "node:test";
import assert from "node:assert/strict";
import { LogitlabError } from "../../lib/util/errors.js";

test("LogitlabError names the context, file, position and field before the reason", () => {
  const error = new LogitlabError("prob 1.5 is outside [0, 1]", {
    context: "stability", file: "db_13/check_machine_a.json", position: "step 41", field: "prob",
  });
  assert.equal(error.message, 'stability: db_13/check_machine_a.json step 41 field "prob": prob 1.5 is outside [0, 1]');
  assert.equal(error.reason, "prob 1.5 is outside [0, 1]");
});

test("LogitlabError without a location is just the reason", () => {
  assert.equal(new LogitlabError("empty input").message, "empty input");
});
