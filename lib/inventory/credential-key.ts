/**
 * Whether a setting's name says that it holds a credential: a password (`password`,
 * `sslpassword`, `PGPASSWORD`, `passwd`, `pwd`, a passphrase), a secret, a token, credentials, an
 * API, access or private key. Not a name that points at one (`passfile`,
 * `client_secret_file_path`, `web_identity_token_file`), names an id, or switches a check
 * (`skip_credentials_validation`): those hold no secret. Case and `_`, `-`, `.` do not matter.
 */
export function isCredentialKey(key: string): boolean {
  const name = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (/(file|files|path|id|validation)$/.test(name)) return false;
  return /pass|pwd|secret|token|credential|apikey|accesskey|privatekey/.test(name);
}
