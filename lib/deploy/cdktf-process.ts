/**
 * The project's cdktf CLI (cdktn's with DA_MANAGE_OUT_ENGINE=cdktn, scripts/engine.cjs), started
 * with HashiCorp's version checkpoint off (CHECKPOINT_DISABLE=1): without it, every cdktf and
 * terraform call in a closed network prints "[ERROR] default - getaddrinfo ENOTFOUND
 * checkpoint-api.hashicorp.com". Piped (a CI log, `| tee`), cdktf is told it runs unattended
 * (CI=1), so it prints its result instead of redrawing a spinner with ANSI codes; cdktf's ink
 * renderer and its interactive check both read CI.
 */
import { spawn, type ChildProcess } from "node:child_process";

// The engine switch is build tooling too (jest.config.js, the app script): one CommonJS module.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { engineCli, selectedEngine } = require("../../scripts/engine.cjs") as {
  selectedEngine(env?: NodeJS.ProcessEnv): string;
  engineCli(engine: string): [string, string];
};

/** `[node, cli]` of the engine DA_MANAGE_OUT_ENGINE names, or why not. */
export function cdktfCli(env: NodeJS.ProcessEnv): [string, string] | { error: string } {
  try {
    return engineCli(selectedEngine(env));
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The environment every cdktf run gets: the checkpoint off, and CI=1 when not on a terminal. */
export function cdktfEnvironment(
  env: NodeJS.ProcessEnv,
  onTerminal: boolean = process.stdout.isTTY === true,
): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { CHECKPOINT_DISABLE: "1", ...env };
  if (!onTerminal && result.CI === undefined) result.CI = "1";
  return result;
}

/** Starts the cdktf CLI `[node, cli]` with `args`, its output on this process's own. */
export function startCdktf(
  [node, cli]: [string, string],
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): ChildProcess {
  return spawn(node, [cli, ...args], { cwd, env: cdktfEnvironment(env), stdio: "inherit" });
}
