import { TMSH_ERROR_PATTERN } from "../lib/constructs/tmsh-command";

/** The pattern as JavaScript reads it: RE2's inline `(?im)` flags become RegExp flags. */
const failed = new RegExp(TMSH_ERROR_PATTERN.replace("(?im)", ""), "im");

test.each([
  "01070333:3: Virtual Server /Common/a illegally shares destination address, source address, service port, ip-protocol, and vlan with Virtual Server /Common/b.\n",
  "01020036:3: The requested Virtual Server (/Common/a) was not found.\n",
  'Syntax Error: "mask" unexpected argument',
  "01070734:3: Configuration error: The requested device group (/Common/x) was not found\n",
])("tmsh output %j fails the command's postcondition", (output) => {
  expect(failed.test(output)).toBe(true);
});

test.each(["", "\n"])("tmsh output %j (tmsh printed nothing) passes", (output) => {
  expect(failed.test(output)).toBe(false);
});
