import {
  BACKEND_SECRETS,
  backendName,
  PG_PASSWORD_SOURCES,
  type BackendType,
} from "../backend-schema";
import { HIDDEN } from "../../io/show-value";
import { secretInArgument } from "../backend-secrets";
import type { KeyPath } from "../key-path";
import type { Problem } from "../problem";
import type { InventoryRule } from "./rule";

/** What to do with a private key or a URL's password found in a backend argument. */
function valueHint(type: BackendType, argument: string, found: string): string {
  const elsewhere = `give ${backendName(type)} its credentials through its environment variables (see its Terraform documentation)`;
  if (type === "pg" && found.includes("passphrase")) {
    return "remove it; lib/pq, the pg backend's driver, takes no passphrase: name a key file without one, readable by the runner only, with sslkey=<path> or PGSSLKEY";
  }
  if (type === "pg" && found.includes("private key")) {
    return "remove it; name the client key's file instead, with sslkey=<path> or PGSSLKEY on the machine that runs Terraform";
  }
  if (found.includes("private key")) {
    return type === "http" && argument === "client_certificate_pem"
      ? "keep only the certificate here; the http backend reads the private key from TF_HTTP_CLIENT_PRIVATE_KEY_PEM"
      : `remove it and ${elsewhere}`;
  }
  if (type === "pg") {
    return `remove the password; the pg backend's connection reads it from ${PG_PASSWORD_SOURCES}`;
  }
  const remove = "remove user:password@ from the URL";
  if (type === "http" && ["address", "lock_address", "unlock_address"].includes(argument)) {
    return `${remove}; the http backend reads the user name from username or TF_HTTP_USERNAME and the password from TF_HTTP_PASSWORD`;
  }
  if (type === "s3" && /^https?_proxy$/.test(argument)) {
    return `${remove}; give the proxy with its credentials in HTTPS_PROXY or HTTP_PROXY on the machine that runs Terraform`;
  }
  if (type === "s3" && /^endpoints\.|endpoint$/.test(argument)) {
    return `${remove}; the s3 backend signs its requests with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (an S3-compatible store such as MinIO takes its access key and secret key there)`;
  }
  return `${remove} and ${elsewhere}`;
}

/** Rule: no secret in `terraform.backend`; inventories live in git. */
export const backendCredentials: InventoryRule = {
  id: "backend-credentials",
  // Every secret argument (BACKEND_SECRETS) is listed in the backend section of docs/inventory.md;
  // the summary names the common ones and fits the rule table's width.
  summary:
    "terraform.backend holds no secret: no credential argument (access_key, secret_key, token, sas_token, client_secret, password, credentials, ...), no private key (PEM), no user:password@ in a URL, no password, passphrase or key in a pg connection string in any form lib/pq or libpq reads",
  check({ source, document }) {
    const backend = document.terraform?.backend;
    if (!backend) return [];
    const type = backend.type;
    const problems: Problem[] = [];
    // The value is never shown: it is the secret.
    const report = (path: KeyPath, message: string, hint: string) =>
      problems.push(
        source.problemAt(["terraform", "backend", ...path], {
          message: `${message}, and inventories are committed to git`,
          value: HIDDEN,
          hint,
        }),
      );

    /** Reports the secret at `path`, or looks for one below it. */
    const visit = (value: unknown, path: (string | number)[]): void => {
      const argument = path.join(".");
      const found = secretInArgument(type, argument, value);
      const where = BACKEND_SECRETS[type][argument];
      if (where !== undefined) {
        // A secret argument, whatever its value (the schema takes any form for it).
        const hint = `remove it; on the machine that runs Terraform, ${backendName(type)} reads it from ${where}`;
        report(path, found ?? "is a secret", hint);
      } else if (found !== undefined) {
        report(path, found, valueHint(type, argument, found));
      } else if (Array.isArray(value)) {
        value.forEach((item, index) => visit(item, [...path, index]));
      } else if (value !== null && typeof value === "object") {
        for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
      }
    };

    for (const [key, value] of Object.entries(backend)) {
      if (key !== "type") visit(value, [key]);
    }
    return problems;
  },
};
