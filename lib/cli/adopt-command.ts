/** `da-manage-out adopt <inventory> --server <entry point>/<server> --pool ... --virtual ...`. */
import { readFileSync, writeFileSync } from "node:fs";
import { formatProblem, hasErrors, parseInventory } from "../inventory";
import { adoptionProcedure, withAdoption } from "../tools/adopt";
import { UsageError, type Command } from "./command";
import { EXIT } from "./exit-codes";

export const adoptCommand: Command = {
  name: "adopt",
  summary: "take hand-built pools and virtual servers over instead of creating new ones",
  help: `Usage: da-manage-out adopt <inventory> --server <entry point>/<server> [--pool <full path>] [--virtual <full path>]

Many sites built the Manage Out pools and virtual servers by hand. adopt writes the existing
objects' names into the server's "existing" key of the inventory (comments are kept): the stack
then keeps those names and emits Terraform import blocks, so the first deploy takes the objects
over instead of failing on "already exists". It checks the edited inventory, writes it only when
it is valid, and prints the steps of the first deploy.

Options:
  --server <ep>/<name>  the DA server, as <entry point>/<server> in the inventory
  --pool <full path>    the hand-built pool, e.g. /Common/DA1_pool
  --virtual <full path> the hand-built network virtual server, e.g. /Common/DA1_vs
  -h, --help            show this help

Exit codes: 0 written, 1 the edited inventory would be invalid, 2 usage or I/O error.
`,
  options: { server: { type: "string" }, pool: { type: "string" }, virtual: { type: "string" } },
  run(values, positionals, out) {
    const [file, ...extra] = positionals;
    const server = values.server as string | undefined;
    const adoption = {
      server: server ?? "",
      pool: values.pool as string | undefined,
      virtualServer: values.virtual as string | undefined,
    };
    if (!file || extra.length > 0) throw new UsageError("give exactly one inventory file");
    if (!server) throw new UsageError("--server <entry point>/<server> is required");
    if (!adoption.pool && !adoption.virtualServer)
      throw new UsageError("give --pool, --virtual or both");
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      out.stderr(
        `da-manage-out adopt: cannot read ${file}: ${(error as NodeJS.ErrnoException).code}\n`,
      );
      return EXIT.usage;
    }
    let edited: string;
    try {
      edited = withAdoption(text, adoption);
    } catch (error) {
      out.stderr(`da-manage-out adopt: ${file}: ${(error as Error).message}\n`);
      return EXIT.invalidInput;
    }
    const { inventory, problems } = parseInventory(file, edited);
    for (const problem of problems) out.stderr(formatProblem(problem) + "\n");
    if (hasErrors(problems) || !inventory) {
      out.stderr(`da-manage-out adopt: ${file} left unchanged\n`);
      return EXIT.invalidInput;
    }
    writeFileSync(file, edited);
    out.stdout(
      `${file}: ${server} adopts ${[adoption.pool, adoption.virtualServer].filter(Boolean).join(" and ")}\n\n`,
    );
    out.stdout(adoptionProcedure(inventory, adoption) + "\n");
    return EXIT.ok;
  },
};
