/**
 * The inventory rules, one table: each invalid fixture and the exact problems it must produce,
 * with the rule that finds each. Every rule has at least one row, and passes the example
 * inventories (its compliant case).
 */
import { readdirSync, readFileSync } from "node:fs";
import {
  CROSS_FILE_RULES,
  formatProblem,
  INVENTORY_RULES,
  InventoryAddresses,
  InventorySource,
  inventorySchema,
  listInventoryFiles,
  parseInventory,
} from "../../lib/inventory";
import { INVALID, parseFixture, VALID } from "./helpers";

/** Fixture, then `[rule id, problem without the file name]` in the order printed. */
const NON_COMPLIANT: [string, [string, string][]][] = [
  [
    "backend-text.yaml",
    [
      [
        "backend-text",
        "4:32: error: terraform.backend.bucket holds a control, invisible or bidirectional formatting character, which would make it read otherwise than Terraform uses it, got '(hidden)'; retype the value; it is plain text",
      ],
    ],
  ],
  [
    "state-path.yaml",
    [
      [
        "state-path",
        "4:33: error: terraform.backend.path must name a .tfstate file, got 'inventories/corp-east.yaml'; Terraform writes the whole state there on every run, over what the file held; e.g. state/lab.tfstate",
      ],
      [
        "state-path",
        "4:33: error: terraform.backend.path lies in the inventories folder, got 'inventories/corp-east.yaml'; Terraform would write its state among the inventories (and over one of the same name); keep state files elsewhere, e.g. state/lab.tfstate",
      ],
    ],
  ],
  [
    "template-text.yaml",
    [
      [
        "template-text",
        "3:12: error: bigip.monitor holds ${, %{, #{ or TfToken[, which cdktf or Terraform would read as a reference or an expression, not as text, got '#{TfToken[TOKEN.3]}'; write the value itself; an inventory holds plain values only",
      ],
      [
        "full-paths",
        "3:12: error: bigip.monitor must be a full path or \"none\", got '#{TfToken[TOKEN.3]}'; e.g. /Common/gateway_icmp",
      ],
      [
        "template-text",
        "5:32: error: terraform.backend.bucket holds ${, %{, #{ or TfToken[, which cdktf or Terraform would read as a reference or an expression, not as text, got '(hidden)'; write the value itself; an inventory holds plain values only",
      ],
    ],
  ],
  [
    "device-host.yaml",
    [
      [
        "device-host",
        "2:9: error: bigip.host holds a user name or password, and inventories are committed to git, got '(hidden)'; remove user:password@; the provider reads BIGIP_USER and BIGIP_PASSWORD (or bigip.credentials names the variables)",
      ],
      [
        "device-host",
        "3:47: error: bigip.deviceHostname[1] is not a host name, got 'bigip east 2'; give the host name the device shows (tmsh list sys global-settings hostname), e.g. bigip-east-1.corp.example",
      ],
    ],
  ],
  [
    "device-credentials.yaml",
    [
      [
        "device-credentials",
        "4:19: error: bigip.credentials.userVariable starts with TF_VAR_, got 'TF_VAR_bigip_east_user'; give the variable's name, bigip_east_user; Terraform reads it from the environment variable TF_VAR_bigip_east_user",
      ],
      [
        "device-credentials",
        "5:23: error: bigip.credentials.passwordVariable must name a Terraform variable (letters, digits and '_', at most 64), not hold a value, got '(hidden)'; e.g. bigip_east_password, set on the machine that deploys as TF_VAR_bigip_east_password; never write the credential itself into the inventory",
      ],
    ],
  ],
  [
    "device-credentials-reserved.yaml",
    [
      [
        "device-credentials",
        "4:19: error: bigip.credentials.userVariable is a name Terraform reserves for module blocks, which no variable may have, got 'count'; terraform init would fail; choose another name, e.g. bigip_east_user",
      ],
    ],
  ],
  [
    "device-credentials-case.yaml",
    [
      [
        "device-credentials",
        "5:23: error: bigip.credentials.passwordVariable differs from bigip.credentials.userVariable only in case: on Windows both read one environment variable, got 'BIGIP_EAST_LOGIN'; name two variables, e.g. bigip_east_user and bigip_east_password",
      ],
    ],
  ],
  [
    "node-prefix-single-long.yaml",
    [
      [
        "node-prefix",
        "9:23: error: entryPoints[0].servers[0].clientPrefix (branch/da-branch-1) is longer than /64: IP-HTTPS clients get their addresses from a whole /64, got '2131:0:0:2000::/80'; leave clientPrefix out for a single server (it owns its entry point's prefix), or give its /64, 2131:0:0:2000::/64",
      ],
    ],
  ],
  [
    "self-address-is-server.yaml",
    [
      [
        "self-address",
        "3:16: error: bigip.selfAddress is the internal address of entryPoints[0].servers[0] (da-east-1), got '2001:db8:10:0::11'; give the BIG-IP's own self IP on the corporate network (the floating self IP on an HA pair)",
      ],
    ],
  ],
  [
    "self-address.yaml",
    [
      [
        "self-address",
        "3:16: error: bigip.selfAddress lies inside entryPoints[0].clientPrefix (2131:0:0:1000::/64), got '2131:0:0:1000::1'; the self IP is on the corporate network, not in a DirectAccess client prefix",
      ],
    ],
  ],
  [
    "adopted-names.yaml",
    [
      [
        "adopted-names",
        "13:27: error: entryPoints[0].servers[1].existing.pool (east/da-east-2) is the name of the pool entryPoints[0].servers[0] (da-east-1) creates, got '/Common/da_mo_east_da-east-1_pool'; both servers would manage one object; check which DA server the hand-built object serves, or adopt it on that server",
      ],
      [
        "adopted-names",
        "18:77: error: entryPoints[0].servers[2].existing.virtualServer (east/da-east-3) is the name of the virtual server entryPoints[0].servers[0] (da-east-1) creates, got '/Common/da_mo_east_da-east-1_vs'; both servers would manage one object; check which DA server the hand-built object serves, or adopt it on that server",
      ],
    ],
  ],
  [
    "adoption.yaml",
    [
      [
        "full-paths",
        "10:27: error: entryPoints[0].servers[0].existing.pool (east/da-east-1) must be a full path, got 'DA1_pool'; give the hand-built object's name with its partition, e.g. /Common/DA1_pool (tmsh list ltm pool)",
      ],
      [
        "unique-names",
        "14:36: error: entryPoints[0].servers[1].existing.virtualServer (east/da-east-2) is also adopted by entryPoints[0].servers[0], got '/Common/DA1_vs'; each hand-built object belongs to one DA server",
      ],
    ],
  ],
  [
    "backend-credentials.yaml",
    [
      [
        "backend-credentials",
        "9:17: error: terraform.backend.secret_key is a secret, and inventories are committed to git, got '(hidden)'; remove it; on the machine that runs Terraform, the s3 backend reads it from AWS_SECRET_ACCESS_KEY (or a shared credentials file, profile or role)",
      ],
    ],
  ],
  [
    "pg-password.yaml",
    [
      [
        "backend-credentials",
        "6:15: error: terraform.backend.conn_str holds a password, and inventories are committed to git, got '(hidden)'; remove the password; the pg backend's connection reads it from PGPASSWORD (or a ~/.pgpass file) on the machine that runs Terraform, or the whole connection string from PG_CONN_STR",
      ],
    ],
  ],
  [
    "pg-connection.yaml",
    [
      [
        "pg-connection",
        "6:15: error: terraform.backend.conn_str is not a connection string that lib/pq, the pg backend's driver, reads (unterminated quoted string); terraform init would stop with an error that prints it, got '(hidden)'; write postgres://host:port/database?sslmode=verify-full with '%', '@', ':', '/', '?', '#' and spaces inside a part percent-encoded (%25, %40, %3A, %2F, %3F, %23, %20), or host=... port=... dbname=... with a value holding spaces in single quotes",
      ],
    ],
  ],
  [
    "pg-schema.yaml",
    [
      [
        "pg-schema",
        "7:18: error: terraform.backend.schema_name is empty, which PostgreSQL refuses as a schema name; leave schema_name out for da_manage_out_<stack>, a schema of this stack's own",
      ],
    ],
  ],
  [
    "bigip-options.yaml",
    [
      [
        "object-names",
        "4:30: error: bigip.configSync.deviceGroup is not a valid BIG-IP name, got 'Sync-Failover; delete ltm virtual all'; use letters, digits, '_', '-' and '.', starting with a letter",
      ],
      [
        "full-paths",
        "5:18: error: bigip.fastL4Profile must be a full path, or { loose: true }, got 'fastL4_loose'; e.g. /Common/fastL4_loose",
      ],
    ],
  ],
  [
    "entry-point-prefix-length.yaml",
    [
      [
        "entry-point-prefix-length",
        "5:19: error: entryPoints[0].clientPrefix (east) must be /48 to /64, got '2131::/40'; use the ClientIPv6Prefix that Get-DAServer shows for the entry point (a /64 for one server, usually a /59 for a cluster)",
      ],
      [
        "entry-point-prefix-length",
        "10:19: error: entryPoints[1].clientPrefix (west) must be /48 to /64, got '2132:0:0:1000::/80'; use the ClientIPv6Prefix that Get-DAServer shows for the entry point (a /64 for one server, usually a /59 for a cluster)",
      ],
    ],
  ],
  [
    "full-paths.yaml",
    [
      [
        "full-paths",
        "2:11: error: bigip.vlans[0] must be a full path, got 'internal'; write it with its partition, e.g. /Common/internal",
      ],
      [
        "full-paths",
        "2:39: error: bigip.vlans[2] repeats bigip.vlans[1], got '/Common/internal'; list each VLAN once",
      ],
      [
        "full-paths",
        "3:12: error: bigip.monitor must be a full path or \"none\", got 'gateway_icmp'; e.g. /Common/gateway_icmp",
      ],
    ],
  ],
  [
    "internal-address-placement.yaml",
    [
      [
        "internal-address-outside-client-prefixes",
        "8:26: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) lies inside entryPoints[0].servers[1].clientPrefix (2131:0:0:1001::/64), got '2131:0:0:1001::11'; the internal address is the DA server's corporate-side address, not an address of its IP-HTTPS clients",
      ],
      [
        "internal-address-unique",
        "14:26: error: entryPoints[0].servers[2].internalAddress (east/da-east-3) is also the internal address of entryPoints[0].servers[1] (da-east-2), got '2001:db8:10::12'; each DA server has its own corporate-facing address",
      ],
    ],
  ],
  [
    "internal-address-translated.yaml",
    [
      [
        "internal-address-translated",
        "8:26: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) is not the DA server's own IPv6 address, got '64:ff9b::c000:221'; a NAT64 address (64:ff9b::/96, 64:ff9b:1::/48) stands for an IPv4 host behind a NAT64 translator; give the native IPv6 address of the DA server's corporate interface (Get-NetIPAddress on the server)",
      ],
      [
        "internal-address-translated",
        "11:26: error: entryPoints[0].servers[1].internalAddress (east/da-east-2) is not the DA server's own IPv6 address, got '64:ff9b:1::a00:11'; a NAT64 address (64:ff9b::/96, 64:ff9b:1::/48) stands for an IPv4 host behind a NAT64 translator; give the native IPv6 address of the DA server's corporate interface (Get-NetIPAddress on the server)",
      ],
      [
        "internal-address-translated",
        "14:26: error: entryPoints[0].servers[2].internalAddress (east/da-east-3) is not the DA server's own IPv6 address, got '::ffff:0:a00:12'; an IPv4-translated address (::ffff:0:0:0/96) belongs to a stateless translator; give the native IPv6 address of the DA server's corporate interface (Get-NetIPAddress on the server)",
      ],
      [
        "internal-address-translated",
        "17:26: error: entryPoints[0].servers[3].internalAddress (east/da-east-4) is not the DA server's own IPv6 address, got '2001:0:4136:e378::13'; a Teredo address (2001::/32) is a tunnel address; give the native IPv6 address of the DA server's corporate interface (Get-NetIPAddress on the server)",
      ],
      [
        "internal-address-translated",
        "20:26: error: entryPoints[0].servers[4].internalAddress (east/da-east-5) is not the DA server's own IPv6 address, got '2001:0:4136:e378::14'; a Teredo address (2001::/32) is a tunnel address; give the native IPv6 address of the DA server's corporate interface (Get-NetIPAddress on the server)",
      ],
      [
        "internal-address-translated",
        "23:26: error: entryPoints[0].servers[5].internalAddress (east/da-east-6) is not the DA server's own IPv6 address, got '::a00:15'; an IPv4-compatible address (::a.b.c.d, deprecated by RFC 4291) stands for an IPv4 host; give the native IPv6 address of the DA server's corporate interface (Get-NetIPAddress on the server)",
      ],
      [
        "ipv6-syntax",
        "26:26: error: entryPoints[0].servers[6].internalAddress (east/da-east-7) must not be an IPv4-mapped address, got '::ffff:a00:16'; Manage Out runs over IPv6: ::ffff:a00:16 is the IPv4 address 10.0.0.22 in IPv6 notation",
      ],
    ],
  ],
  [
    "internal-address-unicast.yaml",
    [
      [
        "internal-address-unicast",
        "8:26: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) must be a routable unicast address, got 'fe80::11'; a link-local address is not routable from the BIG-IP; give the DA server's corporate-facing global or unique-local IPv6 address",
      ],
      [
        "internal-address-unicast",
        "11:26: error: entryPoints[0].servers[1].internalAddress (east/da-east-2) must be a routable unicast address, got 'ff02::1'; a multicast address cannot be a pool member; give the DA server's corporate-facing global or unique-local IPv6 address",
      ],
      [
        "internal-address-unicast",
        "14:26: error: entryPoints[0].servers[2].internalAddress (east/da-east-3) must be a routable unicast address, got '::1'; the loopback address names the BIG-IP itself; give the DA server's corporate-facing global or unique-local IPv6 address",
      ],
      [
        "internal-address-unicast",
        "17:26: error: entryPoints[0].servers[3].internalAddress (east/da-east-4) must be a routable unicast address, got '::'; the unspecified address :: names no host; give the DA server's corporate-facing global or unique-local IPv6 address",
      ],
    ],
  ],
  [
    "ipv6-syntax.yaml",
    [
      [
        "ipv6-syntax",
        "5:19: error: entryPoints[0].clientPrefix (east) must be in CIDR form <address>/<length>, got '2131:0:0:1000::'; add the prefix length, e.g. /64 for a node or /59 for a cluster",
      ],
      [
        "ipv6-syntax",
        "8:26: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) must not be an IPv4-mapped address, got '::ffff:10.1.0.11'; Manage Out runs over IPv6: ::ffff:10.1.0.11 is the IPv4 address 10.1.0.11 in IPv6 notation",
      ],
      [
        "ipv6-syntax",
        "11:26: error: entryPoints[0].servers[1].internalAddress (east/da-east-2) is a link-local address, which never leaves its link, got 'fe80::12%eth0'; '%eth0' names a local interface; give the DA server's global or unique-local address of the corporate interface (Get-NetIPAddress -AddressFamily IPv6, not fe80::)",
      ],
      [
        "ipv6-syntax",
        "12:23: error: entryPoints[0].servers[1].clientPrefix (east/da-east-2) must have a prefix length from 0 to 128, got '2131:0:0:1001::/129'; write it as <address>/<length>, e.g. 2131:0:0:1000::/59",
      ],
      [
        "ipv6-syntax",
        "14:26: error: entryPoints[0].servers[2].internalAddress (east/da-east-3) must not carry a route domain suffix, got '2001:db8:10::13%2'; set bigip.routeDomain: 2 once for the whole inventory instead",
      ],
      [
        "ipv6-syntax",
        "15:23: error: entryPoints[0].servers[2].clientPrefix (east/da-east-3) is not an IPv6 prefix, got '2131:0:0:10zz::/64'; check for typos: eight groups of up to four hex digits, '::' at most once",
      ],
      [
        "ipv6-syntax",
        "17:26: error: entryPoints[0].servers[3].internalAddress (east/da-east-4) must be a single address, without a prefix length, got '2001:db8:10::14/64'; drop '/64'",
      ],
    ],
  ],
  [
    "missing-node-prefix.yaml",
    [
      [
        "server-prefix-required",
        "10:9: error: entryPoints[0].servers[1].clientPrefix (east/da-east-2) is missing, and entry point 'east' has 2 servers; give each node of a load-balanced cluster its own /64 IP-HTTPS prefix from inside the entry point's prefix",
      ],
    ],
  ],
  [
    "name-too-long.yaml",
    [
      [
        "unique-names",
        "7:15: error: entryPoints[0].servers[0].name (east) gives a pool name of 275 characters (/Common/da_mo_east_daaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa… (215 more characters)), longer than 255, got 'daaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa… (131 more characters)'; shorten bigip.namePrefix, the entry point name or the server name",
      ],
    ],
  ],
  [
    "node-count.yaml",
    [
      [
        "remote-access-prefix-length",
        "5:19: warning: entryPoints[0].clientPrefix (east) is a /58; Remote Access gives an entry point a /59 (load-balanced) or a /64 (single server), got '2131:0:0:1000::/58'; check the entry point's Get-DAServer ClientIPv6Prefix and copy it as shown",
      ],
      [
        "node-count",
        "7:7: error: entryPoints[0].servers (east) lists more than 32 servers, got '33'; a load-balanced DA cluster has at most 32 nodes (a /59 holds 32 /64s); split it into entry points",
      ],
    ],
  ],
  [
    "node-prefix.yaml",
    [
      [
        "node-prefix",
        "9:23: error: entryPoints[0].servers[0].clientPrefix (east/da-east-1) must be a /64: the entry point is a cluster of 2 servers, got '2131:0:0:1000::/60'; use the /64 IP-HTTPS route the node publishes (Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface), likely 2131:0:0:1000::/64",
      ],
      [
        "node-prefix",
        "12:23: error: entryPoints[0].servers[1].clientPrefix (east/da-east-2) lies outside its entry point's prefix 2131:0:0:1000::/59, got '2131:0:0:2000::/64'; a node's prefix is carved from the entry point's prefix; use the /64 IP-HTTPS route the node publishes (Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface)",
      ],
    ],
  ],
  [
    "not-ipv6.json",
    [
      [
        "ipv6-syntax",
        "6:23: error: entryPoints[0].clientPrefix (east) must be IPv6, not IPv4, got '10.20.0.0/16'; IP-HTTPS client prefixes are IPv6: take the value from the DA server's IPv6 configuration",
      ],
      [
        "ipv6-syntax",
        "7:61: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) must be IPv6, not IPv4, got '10.1.0.11'; Manage Out runs over IPv6: take the value from the DA server's IPv6 configuration",
      ],
    ],
  ],
  [
    "object-names.yaml",
    [
      [
        "object-names",
        "1:7: error: name is not a valid BIG-IP name, got 'corp east'; use letters, digits, '_', '-' and '.', starting with a letter",
      ],
      [
        "object-names",
        "3:14: error: bigip.partition is not a valid BIG-IP name, got '1Common'; use letters, digits, '_', '-' and '.', starting with a letter",
      ],
      [
        "object-names",
        "4:15: error: bigip.namePrefix is not a valid BIG-IP name, got 'da/mo'; use letters, digits, '_', '-' and '.', starting with a letter",
      ],
      [
        "object-names",
        "7:11: error: entryPoints[0].name is not a valid BIG-IP name, got 'east site'; use letters, digits, '_', '-' and '.', starting with a letter",
      ],
      [
        "object-names",
        "10:15: error: entryPoints[0].servers[0].name (east site) is not a valid BIG-IP name, got '_da-east-1'; use letters, digits, '_', '-' and '.', starting with a letter",
      ],
    ],
  ],
  [
    "prefix-host-bits.yaml",
    [
      [
        "prefix-host-bits",
        "5:19: error: entryPoints[0].clientPrefix (east) has host bits set, got '2131:0:0:1001::/59'; did you mean 2131:0:0:1000::/59?",
      ],
    ],
  ],
  [
    "prefix-overlap.yaml",
    [
      [
        "prefix-overlap",
        "14:19: error: entryPoints[1].clientPrefix (branch) is the same prefix as entryPoints[0].servers[1].clientPrefix (2131:0:0:1001::/64), got '2131:0:0:1001::/64'; every DA server needs its own IP-HTTPS prefix",
      ],
    ],
  ],
  [
    "route-domain.yaml",
    [
      [
        "route-domain",
        "3:16: error: bigip.routeDomain must be a whole number from 0 to 65534, got '70000'; use the id of the route domain the corporate VLANs belong to (tmsh list net route-domain)",
      ],
    ],
  ],
  [
    "same-prefix-on-nodes.yaml",
    [
      [
        "node-prefix",
        "10:23: error: entryPoints[0].servers[0].clientPrefix (east/da-east-1) must be a /64: the entry point is a cluster of 2 servers, got '2131:0:0:1000::/59'; it is the entry point's prefix: in a load-balanced DA cluster Get-DAServer returns the cluster's prefix on every node; give each node its own /64, the IP-HTTPS route it publishes (Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface)",
      ],
      [
        "node-prefix",
        "13:23: error: entryPoints[0].servers[1].clientPrefix (east/da-east-2) must be a /64: the entry point is a cluster of 2 servers, got '2131:0:0:1000::/59'; it is the entry point's prefix: in a load-balanced DA cluster Get-DAServer returns the cluster's prefix on every node; give each node its own /64, the IP-HTTPS route it publishes (Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface)",
      ],
    ],
  ],
  [
    "indented-one-space-short.yaml",
    [
      [
        "yaml",
        "24:1: error: the line is indented 5 spaces, which matches no level of the lines above (4 or 6 nearby); YAML reads the structure from indentation: indent the line as far as the other keys of its map or items of its list, with spaces",
      ],
    ],
  ],
  [
    "missing-colon.yaml",
    [
      [
        "yaml",
        "25:9: error: the key internalAddress has no ':' after it, got 'internalAddress 2001:db8:10::12'; write 'internalAddress: ' and then the value",
      ],
    ],
  ],
  [
    "cluster-node-length.yaml",
    [
      [
        "node-prefix",
        "14:23: error: entryPoints[0].servers[1].clientPrefix (east/da-east-2) must be a /64: the entry point is a cluster of 4 servers, got '2001:db8:8000:1001::/60'; use the /64 IP-HTTPS route the node publishes (Get-NetRoute -AddressFamily IPv6 | Where-Object Publish -eq Yes, on the IP-HTTPS interface), likely 2001:db8:8000:1001::/64",
      ],
      [
        "prefix-host-bits",
        "24:19: error: entryPoints[1].clientPrefix (branch) has host bits set, got '2001:db8:8000:1003::5/64'; its network, 2001:db8:8000:1003::/64, overlaps entryPoints[0].clientPrefix (2001:db8:8000:1000::/59); check the address and the length against Get-DAServer",
      ],
    ],
  ],
  [
    "client-prefix-global.yaml",
    [
      [
        "client-prefix-global",
        "5:19: error: entryPoints[0].clientPrefix (east) is a link-local prefix (fe80::/10), which never leaves its link, got 'fe80::/64'; give the IP-HTTPS client prefix the DA server hands out (Get-DAServer ClientIPv6Prefix, or the /64 the node publishes)",
      ],
      [
        "client-prefix-global",
        "10:19: error: entryPoints[1].clientPrefix (west) is the unspecified prefix ::, got '::/64'; give the IP-HTTPS client prefix the DA server hands out (Get-DAServer ClientIPv6Prefix, or the /64 the node publishes)",
      ],
      [
        "client-prefix-global",
        "15:19: error: entryPoints[2].clientPrefix (nat) is the NAT64 prefix 64:ff9b::/96, got '64:ff9b::/64'; give the IP-HTTPS client prefix the DA server hands out (Get-DAServer ClientIPv6Prefix, or the /64 the node publishes)",
      ],
    ],
  ],
  [
    "teredo-prefix.yaml",
    [
      [
        "teredo-prefix",
        "5:19: error: entryPoints[0].clientPrefix (east) lies in 2001::/32, the Teredo prefix, got '2001:0:4136:e378::/64'; Teredo clients cannot be reached by Manage Out behind load balancers; give the IP-HTTPS prefix instead",
      ],
    ],
  ],
  [
    "unique-names.yaml",
    [
      [
        "unique-names",
        "10:15: error: entryPoints[0].servers[1].name (east) is also the name of entryPoints[0].servers[0], got 'da_1'; each DA server appears once in an inventory",
      ],
      [
        "object-names",
        "16:15: error: entryPoints[1].servers[0].name (east_da) is not a valid BIG-IP name, got '1'; use letters, digits, '_', '-' and '.', starting with a letter",
      ],
      [
        "unique-names",
        "16:15: error: entryPoints[1].servers[0].name (east_da) gives the pool name /Common/da_mo_east_da_1_pool, which entryPoints[0].servers[0] also gets, got '1'; '_' joins entry point and server names; rename one so the names differ",
      ],
      [
        "unique-names",
        "18:11: error: entryPoints[2].name is also the name of entryPoints[0], got 'east'; entry point names must be unique; merge the two entries or rename one",
      ],
    ],
  ],
];

describe.each(NON_COMPLIANT)("%s", (name, expected) => {
  test("produces exactly these problems", () => {
    const file = `${INVALID}/${name}`;
    const { inventory, problems } = parseFixture(file);
    expect(inventory).toBeUndefined();
    expect(
      problems.map((problem) => [problem.rule, formatProblem(problem).replace(`${file}:`, "")]),
    ).toEqual(expected);
  });
});

/** Valid fixture, then `[rule id, warning without the file name]`: it deploys, with these printed. */
const WITH_WARNINGS: [string, [string, string][]][] = [
  [
    "cluster-prefix-56.yaml",
    [
      [
        "remote-access-prefix-length",
        "7:19: warning: entryPoints[0].clientPrefix (east) is a /56; Remote Access gives an entry point a /59 (load-balanced) or a /64 (single server), got '2131:0:0:1000::/56'; check the entry point's Get-DAServer ClientIPv6Prefix and copy it as shown",
      ],
    ],
  ],
  [
    "pg-dbname-twice.yaml",
    [
      [
        "pg-connection",
        "6:15: warning: terraform.backend.conn_str gives dbname more than once, and lib/pq, the pg backend's driver, takes this one (psql may take another), got 'terraform'; give dbname once (in a URL: in its path or its query, not both)",
      ],
    ],
  ],
  [
    "pg-schema-default.yaml",
    [
      [
        "pg-schema",
        "7:18: warning: terraform.backend.schema_name is the pg backend's default schema, shared by every Terraform configuration in that database that names none: one of them would write this stack's state row, got 'terraform_remote_state'; leave schema_name out for da_manage_out_<stack>, a schema of this stack's own",
      ],
    ],
  ],
  [
    "lab-unverified-certificate.yaml",
    [
      [
        "device-certificate",
        "3:18: warning: bigip.validateCerts is false: plan and apply do not verify the BIG-IP's TLS certificate, and send its login to whatever answers at bigip.host; only for a lab; give the device a certificate for its management address, its CA in BIGIP_CA_FILE, and remove validateCerts (docs/terraform.md#the-big-ips-tls-certificate)",
      ],
    ],
  ],
  [
    "route-domain-zero.yaml",
    [
      [
        "route-domain",
        "3:16: warning: bigip.routeDomain is 0, which the stack writes as no route domain: the objects are in the partition's default route domain, route domain 0 only where that is the default, got '0'; remove routeDomain (the same configuration); doctor names the partition's default route domain",
      ],
    ],
  ],
  [
    "isatap-single-server.yaml",
    [
      [
        "isatap-address",
        "8:26: warning: entryPoints[0].servers[0].internalAddress (branch/da-branch-1) is an ISATAP address, got '2001:db8:20:0:0:5efe:10.2.0.11'; it works for a single DA server, but native IPv6 on the corporate network is the supported design",
      ],
    ],
  ],
  [
    "isatap-in-cluster.yaml",
    [
      [
        "isatap-address",
        "8:26: warning: entryPoints[0].servers[0].internalAddress (east/da-east-1) is an ISATAP address, and entry point 'east' is a cluster of 2 servers, got '2001:db8:10:0:0:5efe:10.1.0.11'; ISATAP Manage Out is not supported behind external load balancers; if the node has a native IPv6 address on the corporate network, give that one",
      ],
      [
        "isatap-address",
        "11:26: warning: entryPoints[0].servers[1].internalAddress (east/da-east-2) is an ISATAP address, and entry point 'east' is a cluster of 2 servers, got '2001:db8:10:0:200:5efe:10.1.0.12'; ISATAP Manage Out is not supported behind external load balancers; if the node has a native IPv6 address on the corporate network, give that one",
      ],
    ],
  ],
];

describe.each(WITH_WARNINGS)("%s", (name, expected) => {
  test("is valid and prints exactly these warnings", () => {
    const file = `${VALID}/${name}`;
    const { inventory, problems } = parseFixture(file);
    expect(inventory).toBeDefined();
    expect(
      problems.map((problem) => [problem.rule, formatProblem(problem).replace(`${file}:`, "")]),
    ).toEqual(expected);
  });
});

test.each(INVENTORY_RULES.map((rule) => rule.id))("rule %s has a non-compliant fixture", (id) => {
  const tables = [...NON_COMPLIANT, ...WITH_WARNINGS];
  expect(tables.some(([, problems]) => problems.some(([rule]) => rule === id))).toBe(true);
});

describe.each(listInventoryFiles("inventories"))("example %s", (file) => {
  const source = new InventorySource(file, readFileSync(file, "utf8"));
  const document = inventorySchema.parse(source.data);
  const context = { source, document, addresses: new InventoryAddresses(document) };

  test.each(INVENTORY_RULES.map((rule) => [rule.id, rule] as const))(
    "passes rule %s",
    (_, rule) => {
      expect(rule.check(context)).toEqual([]);
    },
  );
});

test("a 6to4-numbered intranet, as DirectAccess setup derives it without native IPv6, is accepted", () => {
  // 2002:836b:1::/48 from the DA server's public IPv4 address 131.107.0.1; the DA server is the
  // intranet's ISATAP router; the IP-HTTPS prefix is a /64 of the same /48.
  const text = `
bigip: { vlans: [/Common/internal], selfAddress: "2002:836b:1:1::1" }
entryPoints:
  - { name: corp, clientPrefix: "2002:836b:1:1000::/64", servers: [{ name: da-1, internalAddress: "2002:836b:1:1::5" }] }
`;
  expect(parseInventory("inventories/sixtofour.yaml", text).problems).toEqual([]);
});

test("6to4-derived and unique-local client prefixes are accepted", () => {
  const text = `
bigip: { vlans: [/Common/internal] }
entryPoints:
  - { name: sixtofour, clientPrefix: "2002:c000:204:1::/64", servers: [{ name: da-1, internalAddress: "fd00:10::11" }] }
  - { name: ula, clientPrefix: "fd00:aaaa:0:1000::/59", servers: [{ name: da-2, internalAddress: "fd00:10::12", clientPrefix: "fd00:aaaa:0:1000::/64" }] }
`;
  expect(parseInventory("inventories/mixed.yaml", text).problems).toEqual([]);
});

test("the rule table of docs/inventory.md lists every rule with its summary", () => {
  const readme = readFileSync("docs/inventory.md", "utf8");
  for (const rule of INVENTORY_RULES) {
    const row = readme.split("\n").find((line) => line.startsWith(`| \`${rule.id}\``));
    expect([
      rule.id,
      row
        ?.replace(/\s+\|$/, "")
        .split("|")[2]
        ?.trim(),
    ]).toEqual([rule.id, rule.summary.replace(/\|/g, "\\|")]);
  }
});

test("each rule lives in the file named by its id, per-file and cross-file rules alike", () => {
  const ruleFiles = readdirSync("lib/inventory/rules")
    .filter((file) => !["rule.ts", "rule-set.ts"].includes(file))
    .map((file) => file.replace(/\.ts$/, ""))
    .sort();
  const ids = [...INVENTORY_RULES, ...CROSS_FILE_RULES].map((rule) => rule.id).sort();
  expect(ids).toEqual(ruleFiles);
});

test("the rule table of docs/inventory.md lists the cross-file rules with their summaries", () => {
  const readme = readFileSync("docs/inventory.md", "utf8");
  for (const rule of CROSS_FILE_RULES) {
    const row = readme
      .split("\n")
      .find((line) => line.startsWith(`| \`${rule.id}\` (across files)`));
    expect([rule.id, row?.split("|")[2]?.trim()]).toEqual([rule.id, rule.summary]);
  }
});

test("a link-local address written as Windows shows it (%12) is refused as link-local, not as a route domain", () => {
  const text = `
bigip: { vlans: [/Common/internal] }
entryPoints:
  - { name: east, clientPrefix: "2131:0:0:1000::/64", servers: [{ name: da-1, internalAddress: "fe80::20c:29ff:fe12:3456%12" }] }
`;
  expect(parseInventory("inventories/lab.yaml", text).problems.map(formatProblem)).toEqual([
    "inventories/lab.yaml:4:96: error: entryPoints[0].servers[0].internalAddress (east/da-1) is a link-local address, which never leaves its link, got 'fe80::20c:29ff:fe12:3456%12'; '%12' is the interface index Windows shows; give the DA server's global or unique-local address of the corporate interface (Get-NetIPAddress -AddressFamily IPv6, not fe80::)",
  ]);
});
