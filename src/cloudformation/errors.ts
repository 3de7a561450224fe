// CloudFormation answers every template and request fault with one error code,
// `ValidationError` (HTTP 400), and a message naming what is wrong.
import { AwsError } from '../protocol/errors.ts';

export const validationError = (message: string) => new AwsError('ValidationError', message, 400);

/** A template fault as CloudFormation words it: "Template format error: ...". */
export const formatError = (message: string) => validationError(`Template format error: ${message}`);
