// SAM's errors, in the form the SAM translator reports them, which CloudFormation wraps as
// "Transform AWS::Serverless-2016-10-31 failed with: <SAM's message>".
import { AwsError } from '../../../protocol/errors.ts';

/** One invalid resource, event or section; collected, then reported together. */
export class SamCause extends Error {}

export const invalidResource = (logicalId: string, message: string) =>
  new SamCause(`Resource with id [${logicalId}] is invalid. ${message}`);

export const invalidEvent = (functionId: string, eventId: string, message: string) =>
  invalidResource(functionId, `Event with id [${eventId}] is invalid. ${message}`);

export const invalidGlobals = (message: string) => new SamCause(`'Globals' section is invalid. ${message}`);

/**
 * The whole document's failure, every cause found in template order: a CloudFormation
 * ValidationError whose message is CloudFormation's wrapping of `samMessage` (the SAM
 * translator's own text).
 */
export class SamTransformError extends AwsError {
  readonly causes: string[];
  readonly samMessage: string;
  constructor(causes: string[]) {
    const samMessage = `Invalid Serverless Application Specification document. Number of errors found: ${causes.length}. ${causes.join(' ')}`;
    super('ValidationError', `Transform AWS::Serverless-2016-10-31 failed with: ${samMessage}`, 400);
    this.name = 'SamTransformError';
    this.causes = causes;
    this.samMessage = samMessage;
  }
}

/** Python's repr of a list of strings, as SAM prints the allowed values in its messages. */
export const pythonList = (items: readonly string[]) => `[${items.map((s) => `'${s}'`).join(', ')}]`;
