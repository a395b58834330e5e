/**
 * A Terraform plan (`terraform show -json`) summed up for a reviewer: how many resources are
 * added, changed, destroyed and imported, and, first, every virtual server that would be
 * destroyed or replaced (Manage Out to its clients stops while it is gone).
 */

import { z } from "zod";
import { formatKeyPath } from "../inventory/key-path";

/** The part of `terraform show -json <plan>` this reads; anything else in it is ignored. */
const planJsonSchema = z.looseObject({
  format_version: z.string(),
  resource_changes: z
    .array(
      z.looseObject({
        address: z.string(),
        type: z.string(),
        change: z.looseObject({
          actions: z.array(z.string()),
          before: z.unknown().optional(),
          importing: z.unknown().optional(),
        }),
      }),
    )
    .optional(),
});

/** The JSON is not a plan from `terraform show -json`; the message says where. */
export class PlanFormatError extends Error {}

/** The summary of one stack's plan. */
export interface PlanSummary {
  readonly stack: string;
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  readonly import: number;
  /** Virtual servers destroyed or replaced: full path and what happens to it. */
  readonly disruptive: readonly {
    readonly name: string;
    readonly action: "destroyed" | "replaced";
  }[];
}

/**
 * Sums up a plan the way Terraform's own "Plan:" line counts (a replacement is 1 add, 1 destroy).
 * @throws PlanFormatError when `plan` is not the JSON of `terraform show -json <plan>`
 */
export function summarizePlan(stack: string, plan: unknown): PlanSummary {
  const parsed = planJsonSchema.safeParse(plan);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const where = formatKeyPath(
      issue.path.map((part) => (typeof part === "number" ? part : String(part))),
    );
    throw new PlanFormatError(`${where || "(top)"}: ${issue.message.toLowerCase()}`);
  }
  const changes = parsed.data.resource_changes ?? [];
  let add = 0;
  let change = 0;
  let destroy = 0;
  let imported = 0;
  const disruptive: { name: string; action: "destroyed" | "replaced" }[] = [];
  for (const resource of changes) {
    const actions = resource.change.actions;
    const creates = actions.includes("create");
    const deletes = actions.includes("delete");
    if (creates) add += 1;
    if (deletes) destroy += 1;
    if (actions.includes("update")) change += 1;
    if (resource.change.importing) imported += 1;
    if (resource.type === "bigip_ltm_virtual_server" && deletes) {
      const before = resource.change.before as { name?: unknown } | null | undefined;
      const name = before?.name;
      disruptive.push({
        name: typeof name === "string" ? name : resource.address,
        action: creates ? "replaced" : "destroyed",
      });
    }
  }
  return { stack, add, change, destroy, import: imported, disruptive };
}
