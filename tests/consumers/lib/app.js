// The page every browser bundle consumer builds (esbuild, Rollup, webpack): validates the form
// with the wasm validators as the user types and on submit, then creates the instance on the API
// served by the same origin (the simulator). Imported as `../lib/app.js` from each project's
// src/, so the bundler resolves "itcare-postgresql" from the project's node_modules.
import { init, validateCreatePostgresql, validateCreatePostgresqlField, ItcareClient } from "itcare-postgresql";

const NUMBERS = ["diskSize", "serviceId", "networkId", "allowedReplicationLag"];
const form = document.querySelector("#create");
const issuesList = document.querySelector("#issues");
const result = document.querySelector("#result");

function request() {
  const r = Object.fromEntries(new FormData(form));
  for (const k of NUMBERS) r[k] = r[k] === "" ? undefined : Number(r[k]);
  return r;
}

function showIssues(issues) {
  issuesList.replaceChildren(
    ...issues.map((i) => {
      const li = document.createElement("li");
      li.dataset.path = i.path;
      li.dataset.code = i.code;
      li.textContent = `${i.path}: ${i.message}`;
      return li;
    }),
  );
}

async function devToken() {
  // Simulator-only one-click sign-in; a real page gets its token from the host application.
  const res = await fetch("/_sim/dev-token", { method: "POST" });
  if (!res.ok) throw new Error(`dev-token: ${res.status}`);
  return (await res.json()).access_token;
}

// Usable right after the import (the module was instantiated synchronously); whether init() had
// anything left to do is reported for the test.
document.body.dataset.syncReady = String(validateCreatePostgresqlField("name", "NOT_VALID").length > 0);

init().then(() => {
  const name = document.querySelector("#name");
  name.addEventListener("input", () => {
    const issues = validateCreatePostgresqlField("name", name.value, request());
    document.querySelector("#name-error").textContent = issues.map((i) => i.message).join(" ");
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    result.textContent = "";
    const body = request();
    const issues = validateCreatePostgresql(body);
    showIssues(issues);
    if (issues.length > 0) return;
    try {
      const client = new ItcareClient({ baseUrl: `${location.origin}/itcare`, token: await devToken() });
      const action = await client.createPostgresql(body);
      const done = await client.waitForAction(action.id, { timeoutMs: 20000, minDelayMs: 50, maxDelayMs: 300 });
      const instance = await client.getPostgresql(action.internalId);
      result.textContent = `${done.status} ${instance.name} ${instance.status}`;
      result.dataset.status = done.status;
    } catch (e) {
      result.textContent = `${e.name}: ${e.message}`;
      result.dataset.status = "error";
    }
  });
  document.body.dataset.ready = "true";
});
