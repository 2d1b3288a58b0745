// Starts the ITCare simulator for a consumer test and stops it afterwards.
// The binary comes from ITCARE_SIM_BIN (set by scripts/test-consumers.sh); the simulator picks a
// free port and prints `ITCARE_SIM_LISTENING http://HOST:PORT` once it listens (ARCHITECTURE.md).
import { spawn } from "node:child_process";

/** Default development credentials of the simulator (sim/src/config.rs). */
export const SIM_CLIENT_ID = "itcare-sim";
export const SIM_CLIENT_SECRET = "itcare-sim-secret";
export const TOKEN_PATH = "/auth/realms/cloud/protocol/openid-connect/token";

/**
 * @param {{ www?: string, actionMs?: number }} [options]
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export function startSim({ www, actionMs = 300 } = {}) {
  const bin = process.env.ITCARE_SIM_BIN;
  if (!bin) throw new Error("ITCARE_SIM_BIN is not set (run through scripts/test-consumers.sh)");
  const args = ["--port", "0", "--no-seed", "--action-ms", String(actionMs)];
  if (www) args.push("--www", www);
  const child = spawn(bin, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`simulator did not start within 20 s; stderr:\n${stderr}`));
    }, 20_000);
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/ITCARE_SIM_LISTENING (\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1].replace(/\/$/, ""), stop });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited with ${code}; stderr:\n${stderr}`));
    });
  });
}
