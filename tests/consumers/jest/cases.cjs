// Calls whose results must be the same under Jest's jsdom (which has no TextDecoder/TextEncoder,
// so the package's own UTF-8 codec carries every string) and in plain Node (the engine's codec).
module.exports = [
  ["field", "name", "NEWPOSTGRE01"],
  ["field", "name", "goodname01"],
  ["field", "name", "Ünïcødé🐘"],
  ["field", "name", "a\ud800b"],
  ["field", "nodePrefix", "名前\udc00"],
  ["field", "admPassword", "Pässwörd🐘🐘!1A"],
  ["create", { name: "ÉCOLE🐘", diskSize: 20, admPassword: "\ud83d", topology: "HA", trigram: "€€€" }, { locale: "fr" }],
  ["form", "fr"],
];
