// An ES module source bundled by esbuild --platform=node (to CommonJS, its default there).
import * as sdk from "itcare-postgresql";
import { main } from "../lib/node-app.cjs";

main(sdk);
