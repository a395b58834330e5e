/** `da-manage-out adopt <inventory> --server <entry point>/<server> --pool ... --virtual ...`. */
import { realpathSync } from "node:fs";
import {
  crossFileProblems,
  formatKeyPath,
  formatProblem,
  hasErrors,
  parseInventory,
  parseKeyPath,
  readInventory,
  serverPath,
  type Inventory,
  type InventorySource,
  type Problem,
} from "../inventory";
import { showValue } from "../io/show-value";
import { writeFileAtomically } from "../io/write-file-atomically";
import {
  AdoptionError,
  adoptionProcedure,
  type Adoption,
  findServer,
  serverArgumentProblem,
  withAdoption,
  type ServerIndex,
} from "../tools/adopt";
import { deviceTarget } from "../device/connection-settings";
import { readNodes, readPartitionRouteDomains } from "../device/device-snapshot";
import { namedNodesByAddress, namedNodesHolding } from "../tools/doctor";
import { describeServer } from "../manage-out-objects";
import { UsageError, type Command, type CommandValues } from "./command";
import { DEVICE_HELP, DEVICE_OPTIONS, withDeviceSession } from "./device-session";
import { deviceLabel } from "../device/device-address";
import type { Output } from "./output";
import { EXIT } from "./exit-codes";

export const adoptCommand: Command = {
  name: "adopt",
  summary: "take hand-built pools and virtual servers over instead of creating new ones",
  help: `Usage: da-manage-out adopt <inventory> --server <entry point>/<server> [--pool <full path>] [--virtual <full path>] [--node <full path>]

Many sites built the Manage Out pools and virtual servers by hand. adopt writes the existing
objects' names into the server's "existing" key of the inventory: the stack then keeps those
names and emits Terraform import blocks, so the first deploy takes the objects over instead of
failing on "already exists". Only the keys given are set: an earlier adoption's other key stays,
and a key given again with another value is replaced (a line on stdout says so).
The file is edited as text and only the server's "existing" changes: comments, quoting, flow
style, a byte order mark, line endings and JSON stay as they were (JSON keeps its indentation,
or stays on one line). The inventory must be valid before; the edited one is checked and written
(whole, atomically) only when it is valid; on any failure the file is left unchanged. Then it
prints the steps of the first deploy.

Options:
  --server <ep>/<name>  the DA server, as <entry point>/<server> in the inventory
  --pool <full path>    the hand-built pool, e.g. /Common/DA1_pool
  --virtual <full path> the hand-built network virtual server, e.g. /Common/DA1_vs
  --node <full path>    an existing node with the server's internal address, e.g. /Common/DA2:
                        the pool member uses it (DA2:0) and destroy leaves it (doctor names it)
  --find-node           read the node from the inventory's device (bigip.host, BIGIP_USER...):
                        the one node of another name that holds the server's address
${DEVICE_HELP.options}
  -h, --help            show this help

Exit codes: 0 written, 1 the inventory is invalid (before or after the edit) or has no such
server, or --find-node finds no node or several, 2 usage or I/O error (a file that cannot be read
or written), or the device cannot be reached or refuses the login.
`,
  options: {
    server: { type: "string" },
    pool: { type: "string" },
    virtual: { type: "string" },
    node: { type: "string" },
    "find-node": { type: "boolean" },
    ...DEVICE_OPTIONS,
  },
  run(values, positionals, out) {
    const [file, ...extra] = positionals;
    const server = values.server as string | undefined;
    const adoption = {
      server: server ?? "",
      pool: values.pool as string | undefined,
      virtualServer: values.virtual as string | undefined,
      node: values.node as string | undefined,
    };
    if (!file || extra.length > 0) throw new UsageError("give exactly one inventory file");
    if (!server) throw new UsageError("--server <entry point>/<server> is required");
    const serverProblem = serverArgumentProblem(server);
    if (serverProblem) throw new UsageError(serverProblem);
    const findNode = values["find-node"] === true;
    if (findNode && adoption.node !== undefined) {
      throw new UsageError("give --node or --find-node, not both");
    }
    // An empty value is given, and refused by the inventory's rules like any other bad name.
    if (
      adoption.pool === undefined &&
      adoption.virtualServer === undefined &&
      adoption.node === undefined &&
      !findNode
    ) {
      throw new UsageError("give --pool, --virtual, --node, or several of them");
    }
    const shown = showValue(file);
    const read = readInventory(file);
    if (read.unreadable !== undefined) {
      out.stderr(`da-manage-out adopt: cannot read ${read.unreadable}\n`);
      return EXIT.usage;
    }
    // The file alone through the checks across files too (stack name length...).
    const before = [...read.problems, ...(read.checked ? crossFileProblems([read.checked]) : [])];
    for (const problem of before) out.stderr(formatProblem(problem) + "\n");
    if (!read.checked || read.text === undefined || hasErrors(before)) {
      out.stderr(
        `da-manage-out adopt: ${shown} is not a valid inventory; fix it first (npx da-manage-out validate), it is left unchanged\n`,
      );
      return EXIT.invalidInput;
    }
    const checked = {
      text: read.text,
      inventory: read.checked.inventory,
      source: read.checked.source,
    };
    if (!findNode) return writeAdoption(file, server, adoption, checked, before, out);
    return nodeOnDevice(checked.inventory, server, values, out).then((found) => {
      if (typeof found === "number") return found;
      return writeAdoption(file, server, { ...adoption, node: found }, checked, before, out);
    });
  },
};

/**
 * Writes the adoption into the (valid) inventory and prints the procedure.
 * @returns the exit code
 */
function writeAdoption(
  file: string,
  server: string,
  adoption: Adoption,
  read: { readonly text: string; readonly inventory: Inventory; readonly source: InventorySource },
  before: readonly Problem[],
  out: Output,
): number {
  const shown = showValue(file);
  let edit;
  try {
    edit = withAdoption(read.text, read.inventory, adoption);
  } catch (error) {
    if (!(error instanceof AdoptionError)) throw error;
    out.stderr(`da-manage-out adopt: ${shown}: ${error.message}; left unchanged\n`);
    return EXIT.invalidInput;
  }
  const { inventory, problems } = parseInventory(file, edit.text);
  const newProblems = problems.filter(
    (problem) => !before.some((old) => formatProblem(old) === formatProblem(problem)),
  );
  const index = findServer(read.inventory, server);
  for (const problem of newProblems) {
    out.stderr(formatProblem(locatedInFile(problem, read.source, index)) + "\n");
  }
  if (hasErrors(problems) || !inventory) {
    out.stderr(`da-manage-out adopt: ${shown} left unchanged\n`);
    return EXIT.invalidInput;
  }
  // Through a link inside the repository, the file it points at is written, not the link.
  writeFileAtomically(realpathSync(file), edit.text);
  for (const { key, before } of edit.replaced) {
    out.stdout(`${shown}: existing.${key} was ${showValue(before)}, now replaced\n`);
  }
  out.stdout(
    `${shown}: ${server} adopts ${[adoption.pool, adoption.virtualServer, adoption.node]
      .flatMap((name) => (name === undefined ? [] : [showValue(name)]))
      .join(" and ")}\n\n`,
  );
  out.stdout(adoptionProcedure(inventory, adoption) + "\n");
  return EXIT.ok;
}

/**
 * The node of another name that holds the server's address on the inventory's device (as
 * `doctor` finds it), or the exit code: 1 when none or several do, 2 when the device cannot be
 * read.
 */
async function nodeOnDevice(
  inventory: Inventory,
  server: string,
  values: CommandValues,
  out: Output,
): Promise<string | number> {
  let index;
  try {
    index = findServer(inventory, server);
  } catch (error) {
    if (!(error instanceof AdoptionError)) throw error;
    out.stderr(`da-manage-out adopt: ${error.message}\n`);
    return EXIT.invalidInput;
  }
  const entryPoint = inventory.entryPoints[index.entryPoint];
  const { node, pool } = describeServer(
    inventory.bigip,
    entryPoint,
    entryPoint.servers[index.server],
  );
  // The node a member by address would have; the member is written for its pool.
  const { address } = node;
  let found: readonly string[] = [];
  const code = await withDeviceSession(
    "adopt",
    values,
    out,
    deviceTarget(inventory.bigip),
    async (client) => {
      const [nodes, partitionRouteDomains] = await Promise.all([
        readNodes(client),
        readPartitionRouteDomains(client),
      ]);
      found = namedNodesHolding(
        namedNodesByAddress(nodes, partitionRouteDomains),
        address,
        partitionRouteDomains,
        pool.name.split("/")[1],
      );
      return EXIT.ok;
    },
  );
  if (code !== EXIT.ok) return code;
  if (found.length === 1) return found[0];
  out.stderr(
    found.length === 0
      ? `da-manage-out adopt: no node of another name holds ${address} on ${deviceLabel(inventory.bigip)}: the member is created by address, there is no node to adopt\n`
      : `da-manage-out adopt: ${found.length} nodes hold ${address} on ${deviceLabel(inventory.bigip)}: ${found.map((path) => showValue(path, 80)).join(", ")}; name one with --node\n`,
  );
  return EXIT.invalidInput;
}

/** The options that set each key of `existing`. */
const OPTIONS: Record<string, string> = {
  pool: "--pool",
  virtualServer: "--virtual",
  node: "--node",
};

/**
 * A problem of the edited text (which is never written) located in the file as it is: at the
 * same key when the file has it, else at the closest node that holds it (the server). A problem
 * of a key the adoption set names the option that gave the value.
 */
function locatedInFile(problem: Problem, source: InventorySource, index: ServerIndex): Problem {
  const { line, column } = source.locate(parseKeyPath(problem.path));
  const own = `${formatKeyPath([...serverPath(index.entryPoint, index.server), "existing"])}.`;
  const key = problem.path.startsWith(own) ? problem.path.slice(own.length) : undefined;
  const option = key === undefined ? undefined : OPTIONS[key];
  const names = [problem.names, option].filter((part) => part !== undefined).join(", ");
  return { ...problem, line, column, names: names || undefined };
}
