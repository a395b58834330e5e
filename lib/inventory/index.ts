export * from "./inventory";
export * from "./inventory-schema";
export * from "./inventory-source";
export * from "./key-path";
export * from "./load-inventories";
export * from "./parse-inventory";
export * from "./problem";
