/** `da-manage-out explain <ipv6-address> [inventory...]`. */
import { parseIpv6Address } from "../address/ipv6";
import { showValue } from "../io/show-value";
import { explain, formatExplanation } from "../tools/explain";
import { checkedInventories, formatOption, UsageError, type Command } from "./command";
import { EXIT } from "./exit-codes";

export const explainCommand: Command = {
  name: "explain",
  summary: "which DA server handles Manage Out traffic to a client address, or why none does",
  help: `Usage: da-manage-out explain [options] <ipv6-address> [inventory...]

Tells which entry point, DA server, client prefix, pool and virtual server handle Manage Out
traffic to a DirectAccess client's address (the longest matching client prefix wins), or why none
does: outside every prefix, or a Teredo address (2001::/32), whose Teredo server and client
public IPv4 address and port are decoded. Inventories default to every file in inventories/.

Options:
  --format <text|json>  text (default) or a JSON object
  -h, --help            show this help

Exit codes: 0 matched, 1 invalid address or inventory, 2 usage or I/O error, 3 no entry matches.
`,
  options: { format: { type: "string" } },
  run(values, positionals, out) {
    const format = formatOption(values);
    const [address, ...files] = positionals;
    if (address === undefined) throw new UsageError("give the client's IPv6 address");
    if (!parseIpv6Address(address)) {
      out.stderr(
        `da-manage-out explain: '${showValue(address)}' is not an IPv6 address; give the client's IP-HTTPS address, e.g. 2131:0:0:1001::2c\n`,
      );
      return EXIT.invalidInput;
    }
    const inventories = checkedInventories(files, out);
    if (typeof inventories === "number") return inventories;
    const result = explain(address, inventories);
    out.stdout(
      format === "json" ? JSON.stringify(result, null, 2) + "\n" : formatExplanation(result) + "\n",
    );
    return result.kind === "match" ? EXIT.ok : EXIT.noMatch;
  },
};
