/** The command line of `da-manage-out deploy|destroy` (lib/deploy/deploy-arguments.ts). */
import * as path from "node:path";
import { parseDeployArguments } from "../../lib/deploy/deploy-arguments";

test("stacks, cdktf's options with their values, and the output folder", () => {
  expect(
    parseDeployArguments(
      ["corp-*", "--auto-approve", "--output", "out", "--var", "x=1", "lab", "--parallelism=2"],
      {},
    ),
  ).toEqual({
    stacks: ["corp-*", "lab"],
    options: ["--auto-approve", "--var", "x=1", "--parallelism=2"],
    outdir: path.resolve("out"),
  });
});

test.each<[string[], NodeJS.ProcessEnv, string]>([
  [["east"], {}, "cdktf.out"],
  [["east"], { CDKTF_OUTDIR: "elsewhere" }, "elsewhere"],
  [["east", "-o=short"], { CDKTF_OUTDIR: "elsewhere" }, "short"],
  // An option without its value at the end: handed to cdktf, which says so.
  [["east", "--output"], {}, "cdktf.out"],
])("%j with %j writes to %s", (args, env, outdir) => {
  expect(parseDeployArguments(args, env).outdir).toBe(path.resolve(outdir));
});

test("values of cdktf's other options are not stacks; --app is refused", () => {
  expect(
    parseDeployArguments(
      ["east", "--terraform-parallelism", "4", "--outputs-file", "o.json", "--log-level", "DEBUG"],
      {},
    ),
  ).toEqual({
    stacks: ["east"],
    options: ["--terraform-parallelism", "4", "--outputs-file", "o.json", "--log-level", "DEBUG"],
    outdir: path.resolve("cdktf.out"),
  });
  expect(parseDeployArguments(["east", "--app", "node other.js"], {}).refused).toBe("--app");
  expect(parseDeployArguments(["east", "-a=node other.js"], {}).refused).toBe("-a");
});
