// Create requests shared by the consumer tests. The references (service 123, area EB-QA,
// network 132, product deb12pg16) exist in the simulator's catalogue (sim/core/src/catalog.rs).

/** A request that passes C1-C11 and that the simulator accepts. */
export function validRequest(name = `consumer${Date.now().toString(36)}`) {
  return {
    area: "EB-QA",
    productCode: "deb12pg16",
    name,
    nodeSizing: "2cpu4gb",
    diskSize: 40,
    admPassword: "Str0ng!Passw0rd",
    serviceId: 123,
    networkId: 132,
    topology: "STANDALONE",
    trigram: "abc",
    allowedReplicationLag: 100,
  };
}

/** Breaks C1 (uppercase name), C3 (disk below 40) and C4 (weak password). */
export function invalidRequest() {
  return { ...validRequest("valid0name"), name: "NEWPOSTGRE01", diskSize: 20, admPassword: "short" };
}
