// Validation only, run with no permission at all: the package reads no file and fetches nothing
// to load its module.
import { validateCreatePostgresqlField } from "itcare-postgresql";

console.log(JSON.stringify(validateCreatePostgresqlField("name", "NEWPOSTGRE01").map((i) => i.code)));
