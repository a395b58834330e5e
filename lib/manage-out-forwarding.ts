/**
 * How a Manage Out network virtual server forwards, described once: the DA server is the next
 * hop of every packet to its clients' prefix, so the virtual server takes any protocol on any
 * port, translates neither address nor port, does no SNAT, and listens only on the listed
 * corporate VLANs. The virtual server of a DA server's description (manage-out-objects.ts) takes
 * these values, so the construct, the tmsh settings line and `audit` all derive from them.
 */
export const MANAGE_OUT_FORWARDING = {
  /** Every IP protocol: Manage Out is any traffic towards the clients. */
  ipProtocol: "any",
  /** The destination stays the client's address: the DA server routes it. */
  translateAddress: "disabled",
  translatePort: "disabled",
  /** SNAT type: the client sees the management system's own address. */
  sourceAddressTranslation: "none",
  /** Listening on the listed VLANs (false would mean all others). */
  vlansEnabled: true,
  /** Port 0: every port. */
  port: 0,
} as const;
