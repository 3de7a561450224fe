// AwsError is how providers and the protocol layer report a fault. The engine renders it
// as the service does: the HTTP status from the model's error shape (or `status`), the
// `x-amzn-ErrorType` header and a JSON body with the message.
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
    /** Extra members of the error shape, e.g. Lambda's `Type: "User"`. */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (message: string) => new AwsError('NotFoundException', message);
export const badRequest = (message: string) => new AwsError('BadRequestException', message);
export const conflict = (message: string) => new AwsError('ConflictException', message);
