/** The command line of `da-manage-out deploy|destroy <stack...> [cdktf options]`. */
import * as path from "node:path";

/** cdktf options that take a value: the value is not a stack name. */
const OPTIONS_WITH_VALUE = new Set(["--output", "-o", "--var", "--var-file", "--parallelism"]);

/** Stack names (or cdktf's patterns), the options handed to cdktf, and the output folder. */
export interface DeployArguments {
  readonly stacks: string[];
  readonly options: string[];
  /** Absolute: `--output`/`-o`, else CDKTF_OUTDIR, else `cdktf.out`. */
  readonly outdir: string;
}

/** Splits the arguments into stacks and cdktf options, and finds the output folder. */
export function parseDeployArguments(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): DeployArguments {
  const stacks: string[] = [];
  const options: string[] = [];
  let outdir = env.CDKTF_OUTDIR || "cdktf.out";
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const [flag, inline] = arg.split(/=(.*)/s);
    if (OPTIONS_WITH_VALUE.has(flag)) {
      const value = inline ?? args[++i];
      options.push(...(inline !== undefined || value === undefined ? [arg] : [arg, value]));
      if ((flag === "--output" || flag === "-o") && value !== undefined) outdir = value;
    } else if (!arg.startsWith("-")) {
      stacks.push(arg);
    } else {
      options.push(arg);
    }
  }
  return { stacks, options, outdir: path.resolve(outdir) };
}
