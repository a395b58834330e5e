/** `da-manage-out plan-comment --plans <folder> [--report <file>]`. */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { listInventoryFiles, loadInventories } from "../inventory";
import { OBJECT_NAME } from "../inventory/rules/object-names";
import { deviceLabel } from "../device/device-address";
import { InputFileError, readInputFile } from "../io/read-input-file";
import { showValue } from "../io/show-value";
import { byKey } from "../text";
import { codeBlock, escapeText, inlineCode } from "../tools/markdown";
import { PlanFormatError, summarizePlan, type PlanSummary } from "../tools/plan-summary";
import { UsageError, type Command } from "./command";
import { EXIT } from "./exit-codes";

/** First line of the comment: the workflow finds and updates the comment by it. */
export const PLAN_COMMENT_MARKER = "<!-- da-manage-out plan -->";

/** Plans of large stacks run to megabytes of JSON; more than this is not a plan of ours. */
const MAX_PLAN_BYTES = 256 * 1024 * 1024;

/** GitHub refuses comments over 65,536 characters; the plans share what is left. */
const PLAN_TEXT_BUDGET = 50_000;

export const planCommentCommand: Command = {
  name: "plan-comment",
  summary: "the pull-request comment for Terraform plans: summary per stack, then the full plans",
  help: `Usage: da-manage-out plan-comment --plans <folder> [--report <file>]

Prints the Markdown of the sticky pull-request comment for the plans of the changed stacks: every
virtual server that would be destroyed or replaced first, a line per stack (its device from
inventories/, add, change, destroy,
import), the change report (--report, the output of da-manage-out report), and each full plan in a
collapsed block. The folder holds, per stack, <stack>.json (terraform show -json <plan>) and
<stack>.txt (terraform show -no-color <plan>). The first line is ${PLAN_COMMENT_MARKER}, by which
the workflow finds the comment to update.

Options:
  --plans <folder>   the plans, <stack>.json and <stack>.txt per stack
  --report <file>    the change report to include
  -h, --help         show this help

Exit codes: 0 ok, 2 usage error or unreadable file.
`,
  options: { plans: { type: "string" }, report: { type: "string" } },
  run(values, positionals, out) {
    const folder = values.plans as string | undefined;
    if (!folder) throw new UsageError("--plans <folder> is required");
    if (positionals.length > 0) throw new UsageError("no positional arguments");
    const read = (file: string) => {
      try {
        return readInputFile(file, { maxBytes: MAX_PLAN_BYTES }).toString("utf8");
      } catch (error) {
        if (!(error instanceof InputFileError)) throw error;
        throw new UsageError(`cannot read ${showValue(file)}: ${error.message}`);
      }
    };
    let files: string[];
    try {
      files = readdirSync(folder);
    } catch (error) {
      throw new UsageError(
        `cannot read the folder ${showValue(folder)} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      );
    }
    const stacks = files
      .filter((file) => file.endsWith(".json"))
      .map((file) => file.slice(0, -".json".length))
      .filter((stack) => OBJECT_NAME.test(stack))
      .sort(byKey((stack) => stack));
    const plans = stacks.map((stack) => {
      let summary;
      try {
        summary = summarizePlan(stack, JSON.parse(read(path.join(folder, `${stack}.json`))));
      } catch (error) {
        if (error instanceof UsageError) throw error;
        const detail = error instanceof PlanFormatError ? `: ${error.message}` : "";
        throw new UsageError(`${stack}.json is not JSON from terraform show -json${detail}`);
      }
      return { summary, text: read(path.join(folder, `${stack}.txt`)) };
    });
    const report = values.report ? read(values.report as string) : undefined;
    out.stdout(planComment(plans, report, stackDevices()));
    return EXIT.ok;
  },
};

/**
 * The device of each stack of `inventories/`, as far as they can be read (the check job has
 * validated them; a plan of a stack without a readable inventory shows no device).
 */
function stackDevices(): Map<string, string> {
  let files: string[];
  try {
    files = listInventoryFiles("inventories");
  } catch {
    return new Map();
  }
  const { inventories } = loadInventories(files);
  return new Map(
    inventories.map((inventory) => [inventory.stackName, deviceLabel(inventory.bigip)]),
  );
}

/**
 * The comment's Markdown.
 * @param devices the device each stack goes to, shown in the summary table
 */
export function planComment(
  plans: readonly { summary: PlanSummary; text: string }[],
  report?: string,
  devices: ReadonlyMap<string, string> = new Map(),
): string {
  const lines = [PLAN_COMMENT_MARKER, "## Terraform plan", ""];
  const disruptive = plans.flatMap(({ summary }) =>
    summary.disruptive.map(
      (vs) => `- ${inlineCode(summary.stack)}: ${inlineCode(vs.name)} ${vs.action}`,
    ),
  );
  if (disruptive.length > 0) {
    lines.push(
      "**Virtual servers destroyed or replaced** (Manage Out to their clients stops while they are gone):",
      "",
      ...disruptive,
      "",
    );
  }
  if (plans.length === 0) {
    lines.push("No stack changed.", "");
  } else {
    lines.push(
      "| stack | device | add | change | destroy | import |",
      "| --- | --- | ---: | ---: | ---: | ---: |",
    );
    for (const { summary } of plans) {
      const device = devices.get(summary.stack);
      lines.push(
        `| ${inlineCode(summary.stack)} | ${device === undefined ? "unknown" : inlineCode(device)} | ${summary.add} | ${summary.change} | ${summary.destroy} | ${summary.import} |`,
      );
    }
    lines.push("");
  }
  if (report !== undefined) lines.push(report.trimEnd(), "");
  const budget = Math.floor(PLAN_TEXT_BUDGET / Math.max(1, plans.length));
  for (const { summary, text } of plans) {
    const shown =
      text.length > budget
        ? `${text.slice(0, budget)}\n... (${text.length - budget} more characters: see the job's log)`
        : text;
    lines.push(
      `<details><summary>Plan of ${escapeText(summary.stack)}</summary>`,
      "",
      codeBlock(shown),
      "",
      "</details>",
      "",
    );
  }
  return lines.join("\n");
}
