/**
 * Marks hand-built BIG-IP objects for adoption in an inventory: sets a server's `existing` key,
 * keeping the file's comments and layout.
 */
import { parseDocument } from "yaml";
import { poolMemberNode } from "../address/bigip-addressing";
import type { Inventory } from "../inventory";

/** What to adopt for one server. */
export interface Adoption {
  /** `<entry point>/<server>` as in the inventory. */
  readonly server: string;
  readonly pool?: string;
  readonly virtualServer?: string;
}

/**
 * The inventory text with `existing` set for the server.
 * @throws Error when the server is not in the inventory
 */
export function withAdoption(text: string, adoption: Adoption): string {
  const document = parseDocument(text);
  const data = document.toJS() as {
    entryPoints?: { name?: string; servers?: { name?: string }[] }[];
  };
  const [entryPointName, serverName] = adoption.server.split("/");
  const e = (data.entryPoints ?? []).findIndex((entryPoint) => entryPoint.name === entryPointName);
  const s =
    e < 0
      ? -1
      : (data.entryPoints![e].servers ?? []).findIndex((server) => server.name === serverName);
  if (s < 0)
    throw new Error(
      `the inventory has no server '${adoption.server}' (write <entry point>/<server>)`,
    );
  const existing: Record<string, string> = {};
  if (adoption.pool) existing.pool = adoption.pool;
  if (adoption.virtualServer) existing.virtualServer = adoption.virtualServer;
  document.setIn(["entryPoints", e, "servers", s, "existing"], document.createNode(existing));
  return document.toString();
}

/**
 * The steps to take the adopted objects over, for one server of a checked inventory: the pool and
 * the virtual server are imported by the first deploy; the pool member cannot be imported (the
 * provider has no import for IP-literal pool attachments), so it is removed by hand right before
 * that deploy, which adds it again.
 */
export function adoptionProcedure(inventory: Inventory, adoption: Adoption): string {
  const [entryPointName, serverName] = adoption.server.split("/");
  const entryPoint = inventory.entryPoints.find((candidate) => candidate.name === entryPointName)!;
  const server = entryPoint.servers.find((candidate) => candidate.name === serverName)!;
  // tmsh names an IPv6 member <address>.<port>, the same form as the provider's node.
  const member = poolMemberNode(server.internalAddress, inventory.bigip.routeDomain);
  const steps = [
    `1. npx cdktf diff ${inventory.stackName}: the plan must show ${[
      adoption.pool && `"${adoption.pool}" will be imported`,
      adoption.virtualServer && `"${adoption.virtualServer}" will be imported`,
    ]
      .filter(Boolean)
      .join(" and ")}, no destroy; updates in place (description, VLANs, profiles) are expected.`,
  ];
  if (adoption.pool) {
    steps.push(
      `2. Right before deploying, remove the hand-built pool member (the provider cannot import it; Manage Out to ${server.name}'s clients pauses until the deploy adds it again):`,
      `   tmsh modify ltm pool ${adoption.pool} members delete { ${member} }`,
      `3. npx cdktf deploy ${inventory.stackName}`,
    );
  } else {
    steps.push(`2. npx cdktf deploy ${inventory.stackName}`);
  }
  steps.push(
    `${steps.filter((step) => /^\d/.test(step)).length + 1}. npx cdktf diff ${inventory.stackName} must then show no changes.`,
  );
  return steps.join("\n");
}
