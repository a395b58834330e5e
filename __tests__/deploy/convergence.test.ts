/**
 * Terraform's proof that a run finished (lib/deploy/convergence.ts), with a recorded runner: after
 * a deploy the plan finds no changes, after a destroy the state holds nothing.
 */
import * as path from "node:path";
import { checkConverged, checkDestroyed } from "../../lib/deploy/convergence";
import { recordingOutput, recordingRunner } from "./recorder";

const where = { stack: "east", outdir: "/out", env: { TF_CLI_ARGS_plan: "-lock-timeout=15m" } };

describe("checkConverged", () => {
  test("exit 0: converged, from terraform plan -detailed-exitcode in the stack's folder", () => {
    const { run, calls } = recordingRunner({ status: 0 });
    const out = recordingOutput();
    expect(checkConverged({ ...where, run }, out)).toBe(true);
    expect(calls).toEqual([
      {
        command: "terraform",
        args: ["plan", "-detailed-exitcode", "-input=false", "-no-color"],
        options: { cwd: path.join("/out", "stacks", "east"), env: where.env },
      },
    ]);
    expect(out.written).toEqual({
      stdout:
        "da-manage-out deploy: east: converged (the plan after the deploy finds no changes)\n",
      stderr: "",
    });
  });

  test("exit 2: NOT converged, with the resources Terraform still plans", () => {
    const plan = [
      "Terraform will perform the following actions:",
      "",
      "  # bigip_ltm_pool.p will be updated in-place",
      "  # bigip_ltm_node.n must be replaced",
      "    name = x",
      "Plan: 1 to add, 1 to change, 1 to destroy.",
    ].join("\n");
    const { run } = recordingRunner({ status: 2, stdout: plan });
    const out = recordingOutput();
    expect(checkConverged({ ...where, run }, out)).toBe(false);
    expect(out.written.stderr).toBe(
      "da-manage-out deploy: east: NOT converged: after the deploy Terraform still plans changes\n" +
        "  # bigip_ltm_pool.p will be updated in-place\n" +
        "  # bigip_ltm_node.n must be replaced\n" +
        "  Plan: 1 to add, 1 to change, 1 to destroy.\n",
    );
  });

  test("another exit: the plan failed, with its last lines", () => {
    const { run } = recordingRunner({
      status: 1,
      stderr: "Error: Error acquiring the state lock\n",
    });
    const out = recordingOutput();
    expect(checkConverged({ ...where, run }, out)).toBe(false);
    expect(out.written.stderr).toBe(
      "da-manage-out deploy: east: the plan after the deploy failed (exit 1):\nError: Error acquiring the state lock\n",
    );
  });
});

describe("checkDestroyed", () => {
  test("an empty state: destroyed", () => {
    const { run, calls } = recordingRunner({ status: 0, stdout: "\n" });
    const out = recordingOutput();
    expect(checkDestroyed({ ...where, run }, out)).toBe(true);
    expect(calls[0].args).toEqual(["state", "list", "-no-color"]);
    expect(out.written.stdout).toBe(
      "da-manage-out destroy: east: destroyed (the state holds nothing)\n",
    );
  });

  test("resources left: NOT destroyed, the first three named", () => {
    const { run } = recordingRunner({ status: 0, stdout: "a.1\nb.2\nc.3\nd.4\n" });
    const out = recordingOutput();
    expect(checkDestroyed({ ...where, run }, out)).toBe(false);
    expect(out.written.stderr).toBe(
      "da-manage-out destroy: east: NOT destroyed: the state still holds 4 resources, e.g. a.1, b.2, c.3\n",
    );
  });

  test("an unreadable state, or no terraform at all", () => {
    const { run } = recordingRunner({
      status: null,
      error: new Error("spawnSync terraform ENOENT"),
    });
    const out = recordingOutput();
    expect(checkDestroyed({ ...where, run }, out)).toBe(false);
    expect(out.written.stderr).toBe(
      "da-manage-out destroy: east: cannot read the state:\nspawnSync terraform ENOENT\n",
    );
  });
});
