import { main } from "../../lib/cli/main";

/** Runs the command line in-process, recording what it writes. */
export function runCli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const written = { stdout: "", stderr: "" };
  const code = main(args, {
    stdout: (text) => void (written.stdout += text),
    stderr: (text) => void (written.stderr += text),
  });
  return { code, ...written };
}
