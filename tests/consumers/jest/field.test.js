/**
 * A Jest test as a React project writes it: CommonJS, the jsdom environment, a form field wired
 * to the validator as the user types.
 */
const sdk = require("itcare-postgresql");
const cases = require("./cases.cjs");
const { validateCreatePostgresqlField, init } = sdk;

test("runs in jsdom, which has no TextDecoder/TextEncoder (what broke the package before)", () => {
  expect(typeof window).toBe("object");
  expect(typeof TextDecoder).toBe("undefined");
  expect(typeof TextEncoder).toBe("undefined");
});

test("the validator flags an uppercase name as the user types (C1), and accepts a good one", async () => {
  await init(); // resolves at once: the module was instantiated by require
  const input = document.createElement("input");
  const message = document.createElement("output");
  input.addEventListener("input", () => {
    message.textContent = validateCreatePostgresqlField("name", input.value).map((i) => i.message).join(" ");
  });
  document.body.append(input, message);

  input.value = "NEWPOSTGRE01";
  input.dispatchEvent(new Event("input"));
  expect(message.textContent).not.toBe("");

  input.value = "goodname01";
  input.dispatchEvent(new Event("input"));
  expect(message.textContent).toBe("");
});

test("non-ASCII text crosses the boundary exactly as in Node (expected.json, made there)", () => {
  const expected = require("./expected.json");
  const got = cases.map(([kind, ...args]) =>
    kind === "field" ? sdk.validateCreatePostgresqlField(...args)
    : kind === "create" ? sdk.validateCreatePostgresql(...args)
    : sdk.describeCreateForm(...args),
  );
  expect(JSON.parse(JSON.stringify(got))).toEqual(expected);
});

test("the package resolved to its CommonJS inline entry", () => {
  expect(require.resolve("itcare-postgresql")).toMatch(/node_modules\/itcare-postgresql\/inline\.cjs$/);
});
