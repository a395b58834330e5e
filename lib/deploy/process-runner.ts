/**
 * How the deploy starts the programs it waits for (terraform, the app, sync-status): one function
 * type, so that its steps are tested with a recorded runner and no terraform on the machine.
 */
import { spawnSync } from "node:child_process";

/** What a finished program left. */
export interface RunResult {
  /** Its exit code; `null` when a signal ended it or it never started. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Why it could not start (ENOENT...). */
  readonly error?: Error;
}

/** Where and how a program runs. */
export interface RunOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Its output goes to this process's own (not captured). @default false */
  readonly inherit?: boolean;
}

/** Runs a program to its end. */
export type RunProcess = (command: string, args: string[], options: RunOptions) => RunResult;

/** The real runner: `spawnSync`, text output, up to 256 MiB of it. */
export const runProcess: RunProcess = (command, args, { cwd, env, inherit = false }) => {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    ...(inherit ? { stdio: "inherit" } : {}),
  });
  return {
    status: result.status,
    stdout: result.stdout ?? "",
    stderr: result.stderr ?? "",
    ...(result.error ? { error: result.error } : {}),
  };
};

/** The last 15 lines of what a program printed, for a message about its failure. */
export function lastLines(result: RunResult): string {
  const text = `${result.stdout}${result.stderr}${result.error ? result.error.message : ""}`;
  return text.trim().split("\n").slice(-15).join("\n");
}
