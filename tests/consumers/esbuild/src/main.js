// The shared page, bundled by esbuild for the browser with its defaults (iife, no plugin).
import "../lib/app.js";
