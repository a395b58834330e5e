import { main } from "../../lib/cli/main";

/** What a command wrote and how it ended. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command line that finishes synchronously, in-process, recording what it writes. */
export function runCli(...args: string[]): CliResult {
  const written = { stdout: "", stderr: "" };
  const code = main(args, {
    stdout: (text) => void (written.stdout += text),
    stderr: (text) => void (written.stderr += text),
  });
  if (typeof code !== "number") throw new Error(`${args[0]} is asynchronous: use runCliAsync`);
  return { code, ...written };
}

/** Runs any command line (doctor and audit talk to the device), in-process. */
export async function runCliAsync(...args: string[]): Promise<CliResult> {
  const written = { stdout: "", stderr: "" };
  const code = await main(args, {
    stdout: (text) => void (written.stdout += text),
    stderr: (text) => void (written.stderr += text),
  });
  return { code, ...written };
}
