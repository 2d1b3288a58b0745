// The same program as CommonJS, run by `bun`.
const sdk = require("itcare-postgresql");
require("../lib/node-app.cjs").main(sdk);
