"use client";
// A client component that validates the name as the user types, with the package imported as
// any other: no init() call, no dynamic import, no next.config. Submitting posts to the route
// handler, which calls the API with ItcareClient on the server.
import { useEffect, useState } from "react";
import { validateCreatePostgresqlField } from "itcare-postgresql";

export default function CreateForm() {
  const [name, setName] = useState("");
  const [issues, setIssues] = useState([]);
  const [result, setResult] = useState({ text: "", status: "" });
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  async function submit(event) {
    event.preventDefault();
    const res = await fetch("/api/instances", { method: "POST", body: JSON.stringify({ name }) });
    const body = await res.json();
    setResult(res.ok ? { text: `${body.status} ${body.name}`, status: body.status } : { text: JSON.stringify(body), status: "error" });
  }

  return (
    <form onSubmit={submit} data-hydrated={String(hydrated)} noValidate>
      <label>
        Name{" "}
        <input
          id="name"
          value={name}
          autoComplete="off"
          onChange={(e) => {
            setName(e.target.value);
            setIssues(validateCreatePostgresqlField("name", e.target.value));
          }}
        />
      </label>
      <span id="name-error" role="alert">{issues.map((i) => i.message).join(" ")}</span>
      <button id="submit" type="submit">Create</button>
      <output id="result" data-status={result.status}>{result.text}</output>
    </form>
  );
}
