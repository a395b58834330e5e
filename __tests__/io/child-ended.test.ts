/**
 * `childEnded` (lib/io/interruption.ts): a child's status, unless this process was interrupted;
 * then the child gets the signal, and this process ends by it once the child has ended, even
 * when the child exits 0 (as cdktf can after a forwarded Ctrl-C).
 */
import { spawn, spawnSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

/** A parent that runs a child through `childEnded` and exits with the status it resolves to. */
const PARENT = `
  const { spawn } = require("node:child_process");
  const { childEnded } = require(${JSON.stringify(path.join(ROOT, "lib/io/interruption.ts"))});
  const child = spawn(process.execPath, ["-e", process.argv[1]], { stdio: ["ignore", "inherit", "inherit"] });
  childEnded(child).then((status) => process.exit(status));
`;

/** A child that says it is ready, traps SIGTERM, and exits 0 when it gets one. */
const TRAPPING_CHILD = `
  process.on("SIGTERM", () => { console.log("child stopped"); process.exit(0); });
  console.log("ready");
  setTimeout(() => {}, 60_000);
`;

function runParent(child: string): ReturnType<typeof spawn> {
  return spawn(process.execPath, ["--import", "tsx", "-e", PARENT, child], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

test("without a signal: the child's exit status", () => {
  const result = spawnSync(process.execPath, ["--import", "tsx", "-e", PARENT, "process.exit(3)"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  expect(result.status).toBe(3);
});

test("SIGTERM: passed to the child, and the process ends by it though the child exits 0", async () => {
  const parent = runParent(TRAPPING_CHILD);
  let stdout = "";
  await new Promise<void>((resolve) =>
    parent.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("ready")) resolve();
    }),
  );
  parent.kill("SIGTERM");
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    parent.on("close", (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
  );
  expect(stdout).toContain("child stopped");
  expect({ code, signal }).toEqual({ code: null, signal: "SIGTERM" });
}, 30_000);
