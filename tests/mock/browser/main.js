import { createMockApi } from "/pkg/mock/index.js";
import { createMockApi as createFromUrl } from "/pkg/mock/url.js";
import { run } from "./scenario.js";

window.results = (async () => {
  const page = await run(createMockApi);
  const url = await run(createFromUrl);
  const registration = await navigator.serviceWorker.register("./sw.js", { type: "module" });
  const worker = registration.installing ?? registration.waiting ?? registration.active;
  const sw = await new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(e.data);
    setTimeout(() => reject(new Error("no answer from the service worker")), 10000);
    worker.postMessage("run", [channel.port2]);
  });
  return { page, url, sw };
})();
