import { parseInventory } from "../../lib/inventory";
import { reportMarkdown } from "../../lib/tools/report";
import { CLUSTER_AND_BRANCH, validInventory } from "../stack-helpers";

const lab = validInventory(`name: lab\n${CLUSTER_AND_BRANCH}`);

test("lists changed settings above the table", () => {
  const changed = validInventory(
    `name: lab\n${CLUSTER_AND_BRANCH.replace("  vlans: [/Common/internal]\n", "  vlans: [/Common/internal]\n  routeDomain: 2\n")}`,
  );
  const report = reportMarkdown([changed], { ref: "main", inventories: [lab], unreadable: [] });
  expect(report).toContain("Settings changed: routeDomain: (none) → `2`.");
  expect(report).toContain("Compared with `main`: 0 servers added, 0 removed, 0 modified.");
});

test("marks a new stack and a removed stack", () => {
  const other = validInventory(`name: other\n${CLUSTER_AND_BRANCH}`, "inventories/other.yaml");
  const report = reportMarkdown([other], { ref: "main", inventories: [lab], unreadable: [] });
  expect(report).toContain("## other (new stack)");
  expect(report).toContain("## lab (stack removed)");
  expect(report).toContain(
    "`inventories/lab.yaml` is gone; its objects stay on the BIG-IP until `npm run destroy -- lab` runs on the base revision.",
  );
  expect(report).toContain("Compared with `main`: 4 servers added, 4 removed, 0 modified.");
});

test("says which base files could not be compared", () => {
  const report = reportMarkdown([lab], {
    ref: "main",
    inventories: [],
    unreadable: ["inventories/broken.yaml"],
  });
  expect(report).toContain(
    "> Not compared: `inventories/broken.yaml` at `main` is not a valid inventory.",
  );
});

describe("hides the backend's secrets in changed settings (a base may predate the rule)", () => {
  test.each<[string, Record<string, unknown>, string]>([
    [
      "a pg password in the URL",
      { type: "pg", conn_str: "postgres://tf:CANARY@db.corp/tf", schema_name: "s" },
      '{"type":"pg","conn_str":"(hidden)","schema_name":"s"}',
    ],
    [
      "a pg password after a quoted value",
      { type: "pg", conn_str: "host=db.corp user='tf'password=CANARY" },
      '{"type":"pg","conn_str":"(hidden)"}',
    ],
    [
      "a pg conn_str that lib/pq cannot read",
      { type: "pg", conn_str: "host=db.corp CANARY" },
      '{"type":"pg","conn_str":"(hidden)"}',
    ],
    [
      "s3 keys and token",
      {
        type: "s3",
        bucket: "b",
        key: "k",
        region: "r",
        access_key: "AKIACANARY",
        secret_key: "CANARY",
        token: "CANARY",
      },
      '{"type":"s3","bucket":"b","key":"k","region":"r","access_key":"(hidden)","secret_key":"(hidden)","token":"(hidden)"}',
    ],
    [
      "a nested s3 web identity token, and a proxy's password",
      {
        type: "s3",
        bucket: "b",
        key: "k",
        region: "r",
        https_proxy: "https://u:CANARY@proxy.corp:3128",
        assume_role_with_web_identity: { role_arn: "arn:x", web_identity_token: "CANARY" },
        skip_credentials_validation: true,
      },
      '{"type":"s3","bucket":"b","key":"k","region":"r","https_proxy":"(hidden)","assume_role_with_web_identity":{"role_arn":"arn:x","web_identity_token":"(hidden)"},"skip_credentials_validation":true}',
    ],
    [
      "azurerm keys",
      {
        type: "azurerm",
        resource_group_name: "g",
        storage_account_name: "a",
        container_name: "c",
        key: "k",
        access_key: "CANARY",
        client_certificate_password: "CANARY",
        client_secret_file_path: "/run/secret",
      },
      '{"type":"azurerm","resource_group_name":"g","storage_account_name":"a","container_name":"c","key":"k","access_key":"(hidden)","client_certificate_password":"(hidden)","client_secret_file_path":"/run/secret"}',
    ],
    [
      "an http password and private key",
      {
        type: "http",
        address: "https://state.corp/lab",
        password: "CANARY",
        client_private_key_pem: "CANARY",
      },
      '{"type":"http","address":"https://state.corp/lab","password":"(hidden)","client_private_key_pem":"(hidden)"}',
    ],
    [
      "a cloud token",
      { type: "cloud", organization: "corp", workspaces: { name: "lab" }, token: "CANARY" },
      '{"type":"cloud","organization":"corp","workspaces":{"name":"lab"},"token":"(hidden)"}',
    ],
  ])("%s", (_, backend, shown) => {
    const before = { ...lab, backend } as typeof lab;
    const report = reportMarkdown([lab], { ref: "main", inventories: [before], unreadable: [] });
    expect(report).toContain(`Settings changed: backend: \`${shown}\` → (none).`);
    expect(report).not.toContain("CANARY");
  });

  test("a changed secret shows as changed, still hidden", () => {
    const pg = (password: string) =>
      ({
        ...lab,
        backend: { type: "pg", conn_str: `postgres://tf:${password}@db/tf` },
      }) as typeof lab;
    const report = reportMarkdown([pg("CANARY-new")], {
      ref: "main",
      inventories: [pg("CANARY-old")],
      unreadable: [],
    });
    expect(report).toContain(
      'Settings changed: backend: `{"type":"pg","conn_str":"(hidden)"}` → `{"type":"pg","conn_str":"(hidden)"}`.',
    );
    expect(report).not.toContain("CANARY");
  });
});

test("shows route domain 0 as none: the stack writes no %0, and a change from none is none", () => {
  // parseInventory: routeDomain: 0 is valid, with a warning.
  const withRouteDomain = (routeDomain: number) =>
    parseInventory(
      "inventories/lab.yaml",
      `name: lab\n${CLUSTER_AND_BRANCH.replace("  vlans: [/Common/internal]\n", `  vlans: [/Common/internal]\n  routeDomain: ${routeDomain}\n`)}`,
    ).inventory!;
  const facts = (report: string) => report.split("\n").find((line) => line.includes("partition"));
  const base = { ref: "main", inventories: [lab], unreadable: [] };
  const zero = reportMarkdown([withRouteDomain(0)], base);
  expect(facts(zero)).toBe(facts(reportMarkdown([lab], base)));
  expect(zero).not.toContain("route domain");
  expect(zero).not.toContain("Settings changed");
  expect(facts(reportMarkdown([withRouteDomain(2)], base))).toContain("route domain 2");
});
