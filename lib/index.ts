export * from "./address/bigip-addressing";
export * from "./address/ipv6";
export * from "./bigip-names";
export * from "./da-manage-out-entry";
export * from "./defaults";
export * from "./inventory";
export * from "./manage-out-stack";
