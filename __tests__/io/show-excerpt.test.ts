/** Values in messages: keys and tokens are never shown, names and addresses are. */
import { secretLooking, showExcerpt } from "../../lib/io/show-value";

test.each([
  ["-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5v", "a key or certificate"],
  ["-----BEGIN CERTIFICATE-----", "a key or certificate"],
  ["eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig", "a token"],
  ["AKIAIOSFODNN7EXAMPLE", "an access key"],
  ["b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ", "a key or token"],
  ["da4b9237bacccdf19c0760cab7aec4a8359010b0", "a key or token"],
])("hides %s as %s", (value, what) => {
  expect(secretLooking(value)).toBe(what);
  expect(showExcerpt(value)).toBe(`(hidden: it looks like ${what})`);
});

test.each([
  "da-east-cluster-node-with-a-very-long-name-1",
  "/Common/da_mo_branch-leeds_da-leeds-1_pool",
  "2001:db8:8000:1000::/64",
  "d".padEnd(100, "a"),
  "bigip-east.corp.example",
  "terraform_remote_state_for_the_east_data_centre",
])("shows %s", (value) => {
  expect(showExcerpt(value)).toBe(value);
});
