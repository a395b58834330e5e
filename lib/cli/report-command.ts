/** `da-manage-out report [--base <git-ref>] [inventory...]`. */
import { inventoriesAtRef } from "../tools/git-inventories";
import { reportMarkdown } from "../tools/report";
import { checkedInventories, UsageError, type Command } from "./command";
import { EXIT } from "./exit-codes";

export const reportCommand: Command = {
  name: "report",
  summary: "a Markdown summary of the inventories and their change, for a pull-request comment",
  help: `Usage: da-manage-out report [options] [inventory...]

Prints a Markdown summary for a pull-request comment: per stack, a table of entry points, DA
servers, client prefixes, pools and virtual servers, and a Mermaid diagram of the path corporate
network → BIG-IP → virtual server per prefix → DA server. With --base, the table marks what the
change adds, removes and modifies compared with the inventories/ folder at that git ref.
Inventories default to every file in inventories/.

Options:
  --base <git-ref>  compare with inventories/ at this ref, e.g. origin/main
  -h, --help        show this help

Exit codes: 0 ok, 1 invalid inventory, 2 usage error or unknown ref.
`,
  options: { base: { type: "string" } },
  run(values, positionals, out) {
    const inventories = checkedInventories(positionals, out);
    if (typeof inventories === "number") return inventories;
    const ref = values.base as string | undefined;
    let base;
    if (ref !== undefined) {
      try {
        base = { ref, ...inventoriesAtRef(ref, "inventories", process.cwd()) };
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    }
    out.stdout(reportMarkdown(inventories, base));
    return EXIT.ok;
  },
};
