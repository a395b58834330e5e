/**
 * The inventory of one site for the integration scenarios: `servers` DA servers `da-<name>-<n>`,
 * server n at `2001:db8:<site>0::<n>` with the n-th /64 of the site's client prefix
 * `2001:db8:8000:<site>000::/59`, on VLAN /Common/internal.
 */
export interface SiteInventory {
  readonly name: string;
  /** 1 to 9: the site's digit in its addresses. */
  readonly site: number;
  readonly servers: number;
  /** More lines under `bigip:` (host, credentials...), without their indentation. */
  readonly bigip?: readonly string[];
  /** Top-level lines before `entryPoints:` (a `terraform:` backend...). */
  readonly top?: readonly string[];
}

/** The inventory's YAML text. */
export function siteInventory(options: SiteInventory): string {
  const { name, site, servers } = options;
  return [
    `name: ${name}`,
    "bigip:",
    ...(options.bigip ?? []).map((line) => `  ${line}`),
    "  vlans: [/Common/internal]",
    ...(options.top ?? []),
    "entryPoints:",
    `  - name: ${name}`,
    `    clientPrefix: "2001:db8:8000:${site}000::/59"`,
    "    servers:",
    ...Array.from(
      { length: servers },
      (_, i) =>
        `      - { name: da-${name}-${i + 1}, internalAddress: "2001:db8:${site}0::${i + 1}", clientPrefix: "2001:db8:8000:${site}00${i}::/64" }`,
    ),
    "",
  ].join("\n");
}
