import { createMockApi } from "/pkg/mock/index.js";
import { run } from "./scenario.js";

self.addEventListener("message", (event) => {
  const [port] = event.ports;
  run(createMockApi).then(
    (result) => port.postMessage(result),
    (error) => port.postMessage({ error: String(error?.stack ?? error) }),
  );
});
