// Runs a project's tool (from its node_modules/.bin, or a path) and returns its output; throws
// with the whole output when it exits non-zero, so a failed build shows why.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { existsSync } from "node:fs";

export function bin(name) {
  const local = join(process.cwd(), "node_modules", ".bin", name);
  if (existsSync(local)) return local;
  const toolbox = process.env.TOOLBOX_BIN && join(process.env.TOOLBOX_BIN, name);
  if (toolbox && existsSync(toolbox)) return toolbox;
  throw new Error(`${name} is not installed in this project nor in the toolbox`);
}

/** @returns {{ stdout: string, stderr: string, output: string }} */
export function run(command, args, { env = {}, cwd = process.cwd(), timeout = 300_000, allowFailure = false } = {}) {
  const r = spawnSync(command, args, {
    cwd,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
    encoding: "utf8",
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (!allowFailure && (r.status !== 0 || r.error)) {
    throw new Error(`${command} ${args.join(" ")} failed (${r.error ?? `exit ${r.status}`}):\n${output}`);
  }
  return { stdout: r.stdout ?? "", stderr: r.stderr ?? "", output, status: r.status };
}
