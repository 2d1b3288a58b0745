// The shared page (../lib/app.js, copied next to this folder by scripts/test-consumers.sh),
// bundled by Vite with its defaults: no plugin, no vite.config.
import "../lib/app.js";
