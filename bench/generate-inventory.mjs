/**
 * Writes a valid inventory with `entryPoints` load-balanced entry points of `nodes` servers each
 * (a single server owns its entry point's /64; a cluster's nodes own /64s of a /59).
 */
export function inventoryText(name, entryPoints, nodes) {
  const lines = [`name: ${name}`, "bigip:", "  vlans: [/Common/internal]", "entryPoints:"];
  for (let e = 0; e < entryPoints; e++) {
    const site = e.toString(16);
    lines.push(`  - name: site${e}`);
    lines.push(`    clientPrefix: 2131:0:${site}:1000::/${nodes > 1 ? 59 : 64}`);
    lines.push("    servers:");
    for (let n = 0; n < nodes; n++) {
      lines.push(`      - name: da-${e}-${n + 1}`);
      lines.push(`        internalAddress: 2001:db8:${site}::${(n + 1).toString(16)}`);
      if (nodes > 1)
        lines.push(
          `        clientPrefix: 2131:0:${site}:10${n.toString(16).padStart(2, "0")}::/64`,
        );
    }
  }
  return lines.join("\n") + "\n";
}
