// Hand-written declarations of the form exports (`src/wasm/form.rs`), appended to the generated
// `itcare_postgresql.d.ts` by scripts/assemble-pkg.mjs. `FormDescription` comes from tsify.

/**
 * Describes the create form (`POST /databases/postgresql`): fields in display order with their
 * groups, labels and help in `locale` (`"en"` default, `"fr"`), input kinds, limits (the
 * validators' own), choices and visibility rules (the HA fields appear only for HA, C9).
 * Accepts a bare locale or `{ locale }`; never throws.
 */
export function describeCreateForm(locale?: Locale | ValidationOptions | null): FormDescription;

/**
 * Describes the form of one operation — `start`, `stop`, `resize`, `restore`, `enable_ha`,
 * `update_patch_party`, `install_extension`, `upgrade` — or of `delete`; `undefined` for any
 * other name (O8). Field names are the JSON paths `validatePostgresqlOperation` reports on.
 */
export function describeOperationForm(operation: string, locale?: Locale | ValidationOptions | null): FormDescription | undefined;
