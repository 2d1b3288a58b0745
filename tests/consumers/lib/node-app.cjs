// The program every "bundled for Node" consumer builds (esbuild --platform=node, webpack
// target node, bun build --target=bun): validation, then a life cycle against the simulator
// whose URL is argv[2]. Prints one JSON line. CommonJS so that both `require` and `import`
// sources can use it; the package itself is passed in by the entry file of each project.
"use strict";

// Same request as lib/cases.mjs validRequest() (the simulator's catalogue: sim/core/src/catalog.rs).
function validRequest(name) {
  return {
    area: "EB-QA", productCode: "deb12pg16", name, nodeSizing: "2cpu4gb", diskSize: 40,
    admPassword: "Str0ng!Passw0rd", serviceId: 123, networkId: 132, topology: "STANDALONE",
    trigram: "abc", allowedReplicationLag: 100,
  };
}

async function run(sdk, base) {
  const out = {};
  out.issues = sdk.validateCreatePostgresql({ ...validRequest("x"), name: "NEWPOSTGRE01", diskSize: 20 }).map((i) => i.path);
  out.initSame = (await sdk.init()) === (await sdk.init());
  const client = new sdk.ItcareClient({
    baseUrl: `${base}/itcare`,
    tokenUrl: `${base}/auth/realms/cloud/protocol/openid-connect/token`,
    clientId: "itcare-sim",
    clientSecret: "itcare-sim-secret",
  });
  const name = `bundle${Date.now().toString(36)}`;
  const action = await client.createPostgresql(validRequest(name));
  const done = await client.waitForAction(action.id, { timeoutMs: 20000, minDelayMs: 50, maxDelayMs: 300 });
  out.status = done.status;
  out.name = (await client.getPostgresql(action.internalId)).name === name;
  return out;
}

function main(sdk) {
  run(sdk, process.argv[2]).then(
    (out) => console.log(JSON.stringify(out)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}

exports.main = main;
