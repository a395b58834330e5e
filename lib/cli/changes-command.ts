/** `da-manage-out changes --base <git-ref>`. */
import { stackChanges } from "../tools/changes";
import { checkedInventories, formatOption, UsageError, type Command } from "./command";
import { deviceLabel } from "../device/device-address";
import { EXIT } from "./exit-codes";

export const changesCommand: Command = {
  name: "changes",
  summary: "which stacks a change touches since a git ref (for CI: what to plan and deploy)",
  help: `Usage: da-manage-out changes --base <git-ref> [options]

Prints the stacks a change touches, compared with the inventories/ folder at the base ref:
"changed" are the stacks that are new or whose inventory differs in meaning (whitespace,
comments and the order of entry points and servers do not count), "removed" the stacks whose
inventory existed at the base and no longer does (a stack renamed with name: is both). When
configuration code changed, every stack is changed, and the reason says so: what npm run synth
executes, followed from cdktf.json's app (the script, what it requires, and the sources the
bundler recorded in dist/meta.json), plus package.json, package-lock.json and providers/; when
that cannot be followed, every file outside inventories/.

Options:
  --base <git-ref>     the commit to compare with, e.g. origin/main or the last deployed tag
  --format <format>    text (default): changed stacks one per line on stdout, removed stacks on
                       stderr with what to do; json: one object {base, changed, removed, reason,
                       localState, backendChanged, stacks}, where stacks lists every stack of inventories/
                       with its device: [{name, device}]
  --deploy             for a CI deploy: exit 1 when a stack was removed (its objects must be
                       destroyed on purpose), a changed stack keeps its state in a local file
                       (a fresh checkout has none; the deploy would re-create what exists), or
                       a stack's terraform.backend changed (its state must be moved first)
  -h, --help           show this help

Exit codes: 0 ok, 1 invalid inventory (or, with --deploy, a removed stack or local state), 2
usage error, unknown ref or not in a git repository.
`,
  options: { base: { type: "string" }, format: { type: "string" }, deploy: { type: "boolean" } },
  run(values, positionals, out) {
    const format = formatOption(values);
    const base = values.base as string | undefined;
    if (!base) throw new UsageError("--base <git-ref> is required");
    if (positionals.length > 0) throw new UsageError("changes reads inventories/ only: no files");
    const inventories = checkedInventories([], out);
    if (typeof inventories === "number") return inventories;
    let changes;
    try {
      changes = stackChanges(base, inventories, process.cwd());
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    for (const file of changes.unreadableAtBase) {
      out.stderr(
        `da-manage-out changes: ${file} at ${base} is not a valid inventory; its stack is not compared\n`,
      );
    }
    const refused =
      values.deploy === true &&
      (changes.removed.length > 0 ||
        changes.localState.length > 0 ||
        changes.backendChanged.length > 0);
    if (changes.reason) out.stderr(`da-manage-out changes: ${changes.reason}\n`);
    for (const stack of changes.removed) {
      out.stderr(
        `da-manage-out changes: stack ${stack} was removed; its objects stay on the BIG-IP until destroyed: check out ${base}, run npm run destroy -- ${stack}, then come back\n`,
      );
    }
    for (const stack of changes.backendChanged) {
      out.stderr(
        `da-manage-out changes: stack ${stack} keeps its state elsewhere than at ${base} (terraform.backend changed): move the state before it is deployed, or Terraform starts from an empty state and re-creates what exists: in cdktf.out/stacks/${stack}, initialised with the old backend, run terraform init -migrate-state (docs/terraform.md, "Changing the backend")\n`,
      );
    }
    if (values.deploy === true) {
      for (const stack of changes.localState) {
        out.stderr(
          `da-manage-out changes: stack ${stack} keeps its state in a local file, which a CI checkout does not have: set terraform.backend in its inventory before deploying it from CI\n`,
        );
      }
    }
    if (format === "json") {
      // Every stack of the working tree and the device it goes to: for a CI matrix.
      const stacks = inventories.map((inventory) => ({
        name: inventory.stackName,
        device: deviceLabel(inventory.bigip),
      }));
      out.stdout(JSON.stringify({ ...changes, stacks }, null, 2) + "\n");
      return refused ? EXIT.invalidInput : EXIT.ok;
    }
    out.stdout(changes.changed.map((stack) => `${stack}\n`).join(""));
    return refused ? EXIT.invalidInput : EXIT.ok;
  },
};
