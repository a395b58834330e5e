/** An error the fake device answers with: an HTTP status and the device's own message. */
export class DeviceError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
