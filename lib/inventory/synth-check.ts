/**
 * The one check of the inventories before a synth, used by the app (main.ts) and by
 * `da-manage-out cdktf` before it starts cdktf: every inventory in the folder is read and checked
 * (the checks of `da-manage-out validate`); on an error nothing is synthesized.
 */
import type { Inventory } from "./inventory";
import { listInventoryFiles, loadInventories } from "./load-inventories";
import { formatProblem, hasErrors } from "./problem";

/** The outcome of the check before a synth. */
export interface SynthCheck {
  /** The valid inventories (none when `failed`). */
  readonly inventories: readonly Inventory[];
  /** The lines to print on stderr: every problem (warnings too), then why nothing is synthesized. */
  readonly messages: readonly string[];
  /** True when nothing may be synthesized. */
  readonly failed: boolean;
}

/** Reads and checks every inventory in `folder` before a synth. */
export function checkInventoriesForSynth(folder: string): SynthCheck {
  let files: string[];
  try {
    files = listInventoryFiles(folder);
  } catch {
    return {
      inventories: [],
      messages: [`da-manage-out: no inventory folder ${folder}/, nothing synthesized`],
      failed: true,
    };
  }
  const { inventories, problems, unreadable } = loadInventories(files);
  const messages = [
    ...unreadable.map((reason) => `da-manage-out: cannot read ${reason}`),
    ...problems.map(formatProblem),
  ];
  if (hasErrors(problems) || unreadable.length > 0) {
    messages.push("da-manage-out: inventory errors, nothing synthesized");
    return { inventories: [], messages, failed: true };
  }
  return { inventories: [...inventories], messages, failed: false };
}
