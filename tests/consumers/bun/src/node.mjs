// An ES module program run by `bun` directly and bundled by `bun build --target=bun`.
import * as sdk from "itcare-postgresql";
import { main } from "../lib/node-app.cjs";

main(sdk);
