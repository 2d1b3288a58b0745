// The shared page, bundled by `bun build --target=browser`.
import "../lib/app.js";
