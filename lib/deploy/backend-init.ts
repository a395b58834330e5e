/**
 * The pg backend creates its table and the sequence `public.global_states_id_seq` (shared by every
 * schema of the database) with `CREATE ... IF NOT EXISTS`, which PostgreSQL does not make safe
 * against a second session doing the same at the same moment: two runners initialising their
 * first stacks in a new database at once failed with `pq: duplicate key value violates unique
 * constraint "pg_class_relname_nsp_index"` (seen in this project's shared-state test). So each
 * stack's backend is initialised here first, and that one race is retried; cdktf's own init then
 * finds it done. Any other init failure is cdktf's to report.
 */
import type { Output } from "../cli/output";
import { lastLines } from "./process-runner";
import { terraform, type TerraformStack } from "./terraform";

/** How often `terraform init` is tried on the catalog race. */
const ATTEMPTS = 3;

/**
 * `terraform init` in each stack's folder, retried on the PostgreSQL catalog race.
 * @returns what failed, or `undefined`
 */
export function initialiseBackends(
  names: readonly string[],
  where: Omit<TerraformStack, "stack">,
  out: Output,
): string | undefined {
  for (const stack of names) {
    for (let attempt = 1; ; attempt += 1) {
      const init = terraform({ ...where, stack }, ["init", "-input=false"]);
      const output = `${init.stdout}${init.stderr}`;
      if (init.status === 0 || !/duplicate key value violates unique constraint/.test(output)) {
        break;
      }
      if (attempt === ATTEMPTS) {
        return `${stack}: terraform init failed three times on a PostgreSQL catalog race:\n${lastLines(init)}`;
      }
      out.stderr(
        `da-manage-out: ${stack}: another runner created the pg backend's tables at the same moment; initialising again\n`,
      );
    }
  }
  return undefined;
}
