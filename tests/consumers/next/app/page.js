// A server component rendering the client form (prerendered at build time, hydrated in the browser).
import CreateForm from "./create-form";

export default function Page() {
  return (
    <main>
      <h1>Create a PostgreSQL instance</h1>
      <CreateForm />
    </main>
  );
}
