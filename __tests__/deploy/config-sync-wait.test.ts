/** After the deploy: `da-manage-out sync-status --wait` for its stacks (lib/deploy/config-sync-wait.ts). */
import * as path from "node:path";
import { waitForConfigSync } from "../../lib/deploy/config-sync-wait";
import { recordingRunner } from "./recorder";

test("runs sync-status --wait for the stacks, with the provider's CA and inventories", () => {
  const { run, calls } = recordingRunner({ status: 1 });
  const env = { BIGIP_TRUSTED_CERT_PATH: "/ca.pem", DA_MANAGE_OUT_INVENTORIES: "/inv" };
  expect(waitForConfigSync(["east", "west"], env, "/repo", run)).toBe(1);
  expect(calls).toEqual([
    {
      command: process.execPath,
      args: [
        path.join("/repo", "bin", "da-manage-out.js"),
        "sync-status",
        "--wait",
        "--stack",
        "east",
        "--stack",
        "west",
        "--ca-file",
        "/ca.pem",
        "--",
        "/inv",
      ],
      options: { cwd: "/repo", env, inherit: true },
    },
  ]);
});

test("without a CA, inventories/; a signal's end is a failure", () => {
  const { run, calls } = recordingRunner({ status: null });
  expect(waitForConfigSync(["east"], {}, "/repo", run)).toBe(1);
  expect(calls[0].args.slice(-4)).toEqual(["--stack", "east", "--", "inventories"]);
});
