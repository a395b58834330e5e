/** The inventory text of stack corp-east with one DA server, da-east-1, and the given bigip lines. */
export function oneServerInventory(bigip: readonly string[]): string {
  return [
    "name: corp-east",
    "bigip:",
    ...bigip.map((line) => `  ${line}`),
    "entryPoints:",
    "  - name: east",
    '    clientPrefix: "2001:db8:8000:1000::/64"',
    "    servers:",
    '      - { name: da-east-1, internalAddress: "2001:db8:10::11" }',
    "",
  ].join("\n");
}
