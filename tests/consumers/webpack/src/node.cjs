// A CommonJS source bundled by webpack --target node.
const sdk = require("itcare-postgresql");
require("../lib/node-app.cjs").main(sdk);
