// The shared page, bundled by Rollup with @rollup/plugin-node-resolve and its defaults.
import "../lib/app.js";
