/** `da-manage-out validate [files...]`: check inventories and print every problem. */
import { formatProblem, hasErrors, loadInventories, type Problem } from "../inventory";
import { formatOption, inventoryFiles, type Command } from "./command";
import { showValue } from "../io/show-value";
import { count } from "../text";
import { EXIT } from "./exit-codes";

export const VALIDATE_HELP = `Usage: da-manage-out validate [options] [files...]

Checks inventory files (default: every .yaml, .yml and .json file in inventories/, or in the
folder DA_MANAGE_OUT_INVENTORIES names) and prints
every problem as <file>:<line>:<column>: <severity>: <what is wrong>, got '<value>'; <what to do>.

Options:
  --format <text|json>  text (default): problems on stderr, one summary line per valid file on
                        stdout; json: the problems as a JSON array on stdout
  -h, --help            show this help

Exit codes: 0 valid (warnings allowed), 1 an inventory has errors, 2 usage or I/O error.
`;

/** `da-manage-out validate`. */
export const validateCommand: Command = {
  name: "validate",
  summary: "check inventory files and print every problem",
  help: VALIDATE_HELP,
  options: { format: { type: "string" } },
  run(values, positionals, out) {
    const format = formatOption(values);
    const { inventories, problems, unreadable } = loadInventories(inventoryFiles(positionals));
    for (const reason of unreadable) out.stderr(`da-manage-out validate: cannot read ${reason}\n`);
    if (format === "json") {
      out.stdout(JSON.stringify(problems.map(toJson), null, 2) + "\n");
    } else {
      for (const problem of problems) out.stderr(formatProblem(problem) + "\n");
      const failed = new Set(problems.filter((p) => p.severity === "error").map((p) => p.file));
      for (const inventory of inventories) {
        if (failed.has(inventory.file)) continue;
        const servers = inventory.entryPoints.reduce((sum, e) => sum + e.servers.length, 0);
        out.stdout(
          `${showValue(inventory.file)}: ok, stack ${inventory.stackName}, ${count(inventory.entryPoints.length, "entry point")}, ${count(servers, "server")}\n`,
        );
      }
    }
    if (unreadable.length > 0) return EXIT.usage;
    return hasErrors(problems) ? EXIT.invalidInput : EXIT.ok;
  },
};

function toJson(problem: Problem) {
  return { ...problem, text: formatProblem(problem) };
}
