// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
/**
 * ManageOutStack builds its Terraform JSON with each element resolved once
 * (lib/constructs/stack-document.ts); cdktf's own toTerraform() resolves the merged document a
 * second time. The two must give the same document for every kind of stack.
 */
import { readFileSync } from "node:fs";
import { TerraformStack, Testing } from "cdktf";
import { hasErrors, listInventoryFiles, parseInventory } from "../lib/inventory";
import { ManageOutStack } from "../lib/constructs/manage-out-stack";
import { CLUSTER_AND_BRANCH } from "./stack-helpers";

const withBigip = (lines: string) => CLUSTER_AND_BRANCH.replace("bigip:\n", `bigip:\n${lines}\n`);

/** Inventories covering every element a stack can hold, by name. */
const INVENTORIES: [string, string][] = [
  ...[
    ...listInventoryFiles("inventories"),
    ...listInventoryFiles("__tests__/fixtures/valid"),
    ...listInventoryFiles("__tests__/fixtures/hostile/accepted"),
  ].map((file): [string, string] => [file, readFileSync(file, "utf8")]),
  // cdktf reads 1e5 in a string as a possible number token: resolved by cdktf, not copied.
  [
    "a name that reads as a number with an exponent",
    CLUSTER_AND_BRANCH.replace(/da-branch-1/g, "da-1e5"),
  ],
  [
    "adopted objects, a tmsh mask, credentials and an s3 backend",
    withBigip(
      [
        "  maskWorkaround: tmsh",
        "  credentials: { userVariable: east_user, passwordVariable: east_password }",
      ].join("\n"),
    )
      .replace(
        `clientPrefix: "2131:0:0:1000::/64" }`,
        `clientPrefix: "2131:0:0:1000::/64", existing: { pool: /Common/DA1_pool, virtualServer: /Common/DA1_vs } }`,
      )
      .concat(
        "terraform:\n  backend: { type: s3, bucket: corp-tf, key: east.tfstate, region: eu-west-1 }\n",
      ),
  ],
];

/** A stack of the inventory (which may have warnings, no error), as the app builds it. */
function stackOf(name: string, text: string): ManageOutStack {
  const file = name.endsWith(".json") ? name : "inventories/lab.yaml";
  const { inventory, problems } = parseInventory(file, text);
  expect(hasErrors(problems)).toBe(false);
  return new ManageOutStack(Testing.app(), inventory!.stackName, { inventory: inventory! });
}

test.each(INVENTORIES)("%s: the same document as cdktf's own toTerraform()", (name, text) => {
  const stack = stackOf(name, text);
  const cdktfs = TerraformStack.prototype.toTerraform.call(stack);
  expect(stack.toTerraform()).toStrictEqual(cdktfs);
});

test("the adopted objects' case holds what it is meant to cover", () => {
  const document = stackOf(...INVENTORIES.at(-1)!).toTerraform() as {
    import: unknown[];
    terraform: { backend: { s3: unknown } };
    variable: Record<string, unknown>;
  };
  expect(document.import).toHaveLength(2);
  expect(document.terraform.backend.s3).toBeDefined();
  expect(Object.keys(document.variable)).toEqual(["east_user", "east_password"]);
});

test("overrides of the stack itself, a token and a deletion, reach the document as in cdktf's", () => {
  const stack = stackOf("inventories/lab.yaml", CLUSTER_AND_BRANCH);
  const description = stack.entries[0].pool.description!;
  stack.addOverride("locals.pool_description", description);
  stack.addOverride("terraform.required_providers.bigip.version", undefined);
  const document = stack.toTerraform() as {
    locals: unknown;
    terraform: { required_providers: { bigip: object } };
  };
  expect(document.locals).toEqual({
    pool_description: expect.stringMatching(
      /^\$\{bigip_ltm_pool\.branch_da-branch-1_pool_\w+\.description\}$/,
    ),
  });
  expect(document.terraform.required_providers.bigip).not.toHaveProperty("version");
  expect(document).toStrictEqual(TerraformStack.prototype.toTerraform.call(stack));
});
