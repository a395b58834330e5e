/** A recording process runner and output for the deploy's steps: no terraform needed. */
import type { Output } from "../../lib/cli/output";
import type { RunOptions, RunProcess, RunResult } from "../../lib/deploy/process-runner";

/** One recorded call of the runner. */
export interface RunCall {
  readonly command: string;
  readonly args: string[];
  readonly options: RunOptions;
}

/** A runner that answers each call with the next of `results` (the last one repeated). */
export function recordingRunner(...results: Partial<RunResult>[]): {
  run: RunProcess;
  calls: RunCall[];
} {
  const calls: RunCall[] = [];
  const run: RunProcess = (command, args, options) => {
    calls.push({ command, args, options });
    const result = results[Math.min(calls.length - 1, results.length - 1)] ?? {};
    return { status: 0, stdout: "", stderr: "", ...result };
  };
  return { run, calls };
}

/** An output that keeps what was written. */
export function recordingOutput(): Output & { written: { stdout: string; stderr: string } } {
  const written = { stdout: "", stderr: "" };
  return {
    written,
    stdout: (text) => void (written.stdout += text),
    stderr: (text) => void (written.stderr += text),
  };
}
