/** The smallest inventory a scenario deploys: stack lab, one DA server, the device from BIGIP_HOST. */

/** Stack lab with DA server da-1; `bigip` lines (indented by two) added to the bigip map. */
export function labInventory(bigip = ""): string {
  return [
    "name: lab",
    "bigip:",
    "  vlans: [/Common/internal]",
    ...(bigip ? [bigip] : []),
    "entryPoints:",
    "  - name: lab",
    '    clientPrefix: "2001:db8:8000:1000::/64"',
    "    servers:",
    '      - { name: da-1, internalAddress: "2001:db8:10::11" }',
    "",
  ].join("\n");
}
