// The shared page, bundled by webpack 5 with no configuration file (entry ./src/index.js).
import "../lib/app.js";
