// A function's tags (TagResource / UntagResource / ListTags, and CreateFunction's Tags), with
// Lambda's rules as recorded on AWS (test_lambda_api.snapshot.json, TestLambdaTags): tags
// belong to the unqualified function, at most 50 of them, and TagResource needs at least one.
import { lambdaErrors } from '../../models/lambda.errors.ts';
import type { LambdaFunction } from './store.ts';

/** Lambda's limit of tags on one function. */
const MAX_TAGS = 50;

/** Refuses an ARN with a version or alias ($LATEST included). */
export function checkTaggable(qualifier: string | undefined) {
  if (qualifier !== undefined) {
    throw lambdaErrors.invalidParameterValue('Tags on function aliases and versions are not supported. Please specify a function ARN.');
  }
}

/** The tags a function starts with (CreateFunction). */
export function initialTags(tags: Record<string, string> | undefined): Record<string, string> {
  if (tags && Object.keys(tags).length > MAX_TAGS) throw tooMany();
  return { ...tags };
}

/** Adds or overwrites tags; the whole call fails when the result would pass the limit. */
export function addTags(fn: LambdaFunction, tags: Record<string, string> | undefined) {
  // Lambda answers an empty Tags map with a generic message.
  if (!tags || !Object.keys(tags).length) throw lambdaErrors.invalidParameterValue('An error occurred and the request cannot be processed.');
  if (Object.keys({ ...fn.tags, ...tags }).length > MAX_TAGS) throw tooMany();
  Object.assign(fn.tags, tags);
}

const tooMany = () => lambdaErrors.invalidParameterValue('Number of tags exceeds resource tag limit.');
