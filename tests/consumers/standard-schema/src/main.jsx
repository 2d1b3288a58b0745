// Two React form libraries fed the package's Standard Schema objects, no adapter code:
// react-hook-form through `standardSchemaResolver` (@hookform/resolvers/standard-schema) and
// TanStack Form's field and form validators. Bundled by esbuild, driven in Chromium by test.mjs.
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { useForm as useHookForm } from "react-hook-form";
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
import { useForm as useTanStackForm } from "@tanstack/react-form";
import {
  createPostgresqlFieldSchema,
  createPostgresqlSchema,
  createPostgresqlStandardSchema,
  postgresqlOperationSchema,
} from "itcare-postgresql";
import { validRequest } from "../lib/cases.mjs";

const DEFAULTS = validRequest("formname01");
const TEXT_FIELDS = ["name", "admPassword", "nodeSizing"];
const messages = (errors) => errors.map((e) => (typeof e === "string" ? e : e?.message)).filter(Boolean).join(" | ");

// react-hook-form: the create request (C1–C11), messages in French.
function HookCreateForm() {
  const [submitted, setSubmitted] = useState("");
  const { register, handleSubmit, formState } = useHookForm({
    resolver: standardSchemaResolver(createPostgresqlSchema({ locale: "fr" })),
    defaultValues: DEFAULTS,
    mode: "onChange",
  });
  const { errors } = formState;
  return (
    <form id="rhf-create" onSubmit={handleSubmit((values) => setSubmitted(JSON.stringify(values)))}>
      {TEXT_FIELDS.map((f) => (
        <label key={f}>
          {f} <input id={`rhf-${f}`} {...register(f)} />
          <output id={`rhf-${f}-error`}>{errors[f]?.message ?? ""}</output>
        </label>
      ))}
      <label>
        diskSize <input id="rhf-diskSize" type="number" {...register("diskSize", { valueAsNumber: true })} />
        <output id="rhf-diskSize-error">{errors.diskSize?.message ?? ""}</output>
      </label>
      <button id="rhf-submit" type="submit">create</button>
      <pre id="rhf-submitted">{submitted}</pre>
    </form>
  );
}

// react-hook-form: a PATCH body with nested options (O2), in an operation context.
function HookResizeForm() {
  const [submitted, setSubmitted] = useState("");
  const { register, handleSubmit, formState } = useHookForm({
    resolver: standardSchemaResolver(postgresqlOperationSchema({ context: () => ({ production: false, nodeCount: 1 }) })),
    defaultValues: { operation: "resize", options: { sizing: "2cpu4gb" } },
  });
  return (
    <form id="rhf-resize" onSubmit={handleSubmit((values) => setSubmitted(JSON.stringify(values)))}>
      <input type="hidden" {...register("operation")} />
      <label>
        sizing <input id="rhf-sizing" {...register("options.sizing")} />
        <output id="rhf-sizing-error">{formState.errors.options?.sizing?.message ?? ""}</output>
      </label>
      <button id="rhf-resize-submit" type="submit">resize</button>
      <pre id="rhf-resize-submitted">{submitted}</pre>
    </form>
  );
}

// TanStack Form: a field validated as the user types by a field schema, and the whole request
// by the create schema on submit (its issues land on the fields by path).
function TanStackCreateForm() {
  const [submitted, setSubmitted] = useState("");
  const form = useTanStackForm({
    defaultValues: DEFAULTS,
    validators: { onSubmit: createPostgresqlStandardSchema },
    onSubmit: ({ value }) => setSubmitted(JSON.stringify(value)),
  });
  return (
    <form
      id="tsf-create"
      onSubmit={(e) => {
        e.preventDefault();
        form.handleSubmit();
      }}
    >
      <form.Field name="name" validators={{ onChange: createPostgresqlFieldSchema("name", { locale: "fr" }) }}>
        {(field) => (
          <label>
            name <input id="tsf-name" value={field.state.value} onChange={(e) => field.handleChange(e.target.value)} />
            <output id="tsf-name-error">{messages(field.state.meta.errors)}</output>
          </label>
        )}
      </form.Field>
      <form.Field name="diskSize">
        {(field) => (
          <label>
            diskSize <input id="tsf-diskSize" type="number" value={field.state.value} onChange={(e) => field.handleChange(e.target.valueAsNumber)} />
            <output id="tsf-diskSize-error">{messages(field.state.meta.errors)}</output>
          </label>
        )}
      </form.Field>
      <button id="tsf-submit" type="submit">create</button>
      <pre id="tsf-submitted">{submitted}</pre>
    </form>
  );
}

function App() {
  return (
    <>
      <HookCreateForm />
      <HookResizeForm />
      <TanStackCreateForm />
    </>
  );
}

createRoot(document.getElementById("root")).render(<App />);
document.body.dataset.ready = "true";
