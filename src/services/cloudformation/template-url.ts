// TemplateURL: a template stored in localgate's S3, named by any of the URL forms S3 answers
// to (virtual-hosted or path style, AWS's hostnames or localgate's own), read through the S3
// provider as a client would.
import type { Readable } from 'node:stream';
import { validationError } from '../../cloudformation/errors.ts';
import { MAX_TEMPLATE_URL_BYTES } from '../../cloudformation/template.ts';
import type { ResourceServices } from '../../cloudformation/resource.ts';
import type { RequestContext } from '../../protocol/engine.ts';

const INVALID = 'TemplateURL must be a supported URL.';
const UNREADABLE = 'TemplateURL must reference a valid S3 object to which you have access.';

/** The bucket and key a TemplateURL names, or undefined when it is not an S3 URL. */
export function s3Location(templateUrl: string, baseUrl: string): { Bucket: string; Key: string } | undefined {
  let url: URL;
  try {
    url = new URL(templateUrl);
  } catch {
    return undefined;
  }
  if (url.protocol === 's3:') return split(url.hostname, url.pathname.slice(1));
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const path = decodeURIComponent(url.pathname.slice(1));
  const host = url.hostname;
  // bucket.s3.amazonaws.com, bucket.s3.us-east-1.amazonaws.com, bucket.s3-us-west-2.amazonaws.com
  const virtual = /^(.+)\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com(\.cn)?$/.exec(host) ?? /^(.+)\.s3\.amazonaws\.com(\.cn)?$/.exec(host);
  if (virtual) return split(virtual[1], path);
  // s3.amazonaws.com/bucket/key, s3.us-east-1.amazonaws.com/bucket/key, and localgate itself
  if (/^s3([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/.test(host) || url.origin === new URL(baseUrl).origin || host === 'localhost' || host === '127.0.0.1') {
    const slash = path.indexOf('/');
    return slash > 0 ? split(path.slice(0, slash), path.slice(slash + 1)) : undefined;
  }
  return undefined;
}

function split(bucket: string, key: string) {
  return bucket && key ? { Bucket: bucket, Key: key } : undefined;
}

/** Reads the template a TemplateURL names from the S3 store. */
export async function readTemplateUrl(templateUrl: string, services: ResourceServices, ctx: RequestContext): Promise<string> {
  // AWS::Include takes s3:// locations; TemplateURL must be an https (or here, http) URL.
  const s3Bucket = /^s3:\/\/([^/]*)/.exec(templateUrl)?.[1];
  if (s3Bucket !== undefined) throw validationError(`S3 error: Domain name specified in ${s3Bucket} is not a valid S3 domain`);
  const location = /^https?:\/\//.test(templateUrl) ? s3Location(templateUrl, ctx.baseUrl) : undefined;
  if (!location) throw validationError(INVALID);
  return readS3Text(location, services, ctx, UNREADABLE);
}

/** An S3 object's text, at most a template's size (`unreadable` is the error's message when it cannot be read). */
export async function readS3Text(location: { Bucket: string; Key: string }, services: ResourceServices, ctx: RequestContext, unreadable: string): Promise<string> {
  let body: Readable | undefined;
  try {
    body = (await services.s3.getObject!(location, ctx)).Body as Readable | undefined;
  } catch {
    throw validationError(unreadable);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body ?? []) {
    size += chunk.length;
    if (size > MAX_TEMPLATE_URL_BYTES) {
      body?.destroy();
      throw validationError(`Template may not exceed ${MAX_TEMPLATE_URL_BYTES} bytes in size.`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}
