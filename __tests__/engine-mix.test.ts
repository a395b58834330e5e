// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
/**
 * A construct of this library in an app of the other engine fails at once, naming the import to
 * use, instead of crashing inside `App.synth`. The suite runs on either engine (jest.config.js);
 * the other engine is loaded by its path, past jest's `cdktf` → `cdktn` map.
 */
import * as path from "node:path";
import { App, TerraformStack } from "cdktf";
import { DaManageOutEntry } from "../lib/constructs/da-manage-out-entry";
import { ENGINE } from "../lib/constructs/engine";
import { ManageOutStack } from "../lib/constructs/manage-out-stack";
import { CLUSTER_AND_BRANCH, validInventory } from "./stack-helpers";

const OTHER = ENGINE === "cdktf" ? "cdktn" : "cdktf";
const IMPORTS = { cdktf: "da-manage-out", cdktn: "da-manage-out/cdktn" };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const other = require(path.resolve("node_modules", OTHER)) as typeof import("cdktf");

const entryProps = {
  entryPointName: "east",
  serverName: "da-east-2",
  internalAddress: "2001:db8:10::12",
  clientPrefix: "2131:0:0:1001::/64",
  vlans: ["/Common/internal"],
};

test("the library knows the engine it runs on", () => {
  expect(ENGINE).toBe(process.env.DA_MANAGE_OUT_ENGINE);
});

test("rejects a DaManageOutEntry in a stack of the other engine, naming the import to use", () => {
  const stack = new other.TerraformStack(new other.App(), "foreign");

  expect(() => new DaManageOutEntry(stack, "da-east-2", entryProps)).toThrow(
    `DaManageOutEntry comes from "${IMPORTS[ENGINE]}" (built for ${ENGINE}), but its app is a ${OTHER} App: import it from "${IMPORTS[OTHER]}"`,
  );
});

test("rejects a ManageOutStack in an app of the other engine", () => {
  const inventory = validInventory(CLUSTER_AND_BRANCH);

  expect(() => new ManageOutStack(new other.App(), "lab", { inventory })).toThrow(
    `ManageOutStack comes from "${IMPORTS[ENGINE]}" (built for ${ENGINE}), but its app is a ${OTHER} App: import it from "${IMPORTS[OTHER]}"`,
  );
});

test("accepts a stack of its own engine", () => {
  const own = new TerraformStack(new App(), "own");

  expect(new DaManageOutEntry(own, "da-east-2", entryProps).node.path).toBe("own/da-east-2");
});
