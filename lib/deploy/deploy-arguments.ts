/** The command line of `da-manage-out deploy|destroy <stack...> [cdktf options]`. */
import * as path from "node:path";

/**
 * cdktf options that take a value: the value is not a stack name (cdktf-cli 0.21's deploy and
 * destroy, and its global options).
 */
const OPTIONS_WITH_VALUE = new Set([
  "--output",
  "-o",
  "--var",
  "--var-file",
  "--parallelism",
  "--terraform-parallelism",
  "--outputs-file",
  "--log-level",
  "--log-file-directory",
]);

/**
 * Options the wrapper refuses: another app would skip the inventory check and the stacks it
 * made its decisions from (backend, tokens, the CA).
 */
const REFUSED_OPTIONS = new Set(["--app", "-a"]);

/**
 * Stack names (or cdktf's patterns), the options handed to cdktf, and the output folder, which
 * the deploy gives cdktf itself (`--output`): cdktf reads cdktf.json's, not CDKTF_OUTDIR.
 */
export interface DeployArguments {
  readonly stacks: string[];
  /** cdktf's options, without `--output`. */
  readonly options: string[];
  /** Absolute: `--output`/`-o`, else CDKTF_OUTDIR, else `cdktf.out`. */
  readonly outdir: string;
  /** An option the wrapper refuses, as given. */
  readonly refused?: string;
}

/** Splits the arguments into stacks and cdktf options, and finds the output folder. */
export function parseDeployArguments(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): DeployArguments {
  const stacks: string[] = [];
  const options: string[] = [];
  let outdir = env.CDKTF_OUTDIR || "cdktf.out";
  let refused: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const [flag, inline] = arg.split(/=(.*)/s);
    if (REFUSED_OPTIONS.has(flag)) {
      refused ??= flag;
    } else if (OPTIONS_WITH_VALUE.has(flag)) {
      const value = inline ?? args[++i];
      if ((flag === "--output" || flag === "-o") && value !== undefined) outdir = value;
      else options.push(...(inline !== undefined || value === undefined ? [arg] : [arg, value]));
    } else if (!arg.startsWith("-")) {
      stacks.push(arg);
    } else {
      options.push(arg);
    }
  }
  return { stacks, options, outdir: path.resolve(outdir), ...(refused && { refused }) };
}
