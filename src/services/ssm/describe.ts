// Listing parameters: DescribeParameters (metadata, with Filters and ParameterFilters) and
// GetParametersByPath (values under a hierarchy).
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/ssm.types.ts';
import { AwsError } from '../../protocol/errors.ts';
import { parameterArn, underPath, validation } from './names.ts';
import { pageOf, versionDetails, type SsmParameters } from './provider.ts';
import { current, type ParameterRecord } from './store.ts';

type Test = (p: ParameterRecord) => boolean;

const badOption = (key: string, options: string[]) =>
  new AwsError('InvalidFilterOption', `The following filter option is not valid: ${key}. Valid options include: [${options.join(', ')}].`, 400);

/** One ParameterStringFilter as a test; `allowed` lists the keys the operation accepts. */
function stringFilter(f: T.ParameterStringFilter, allowed: string[]): Test {
  const values = f.Values ?? [];
  const isTag = f.Key.startsWith('tag:');
  if (!isTag && !allowed.includes(f.Key)) {
    throw new AwsError('InvalidFilterKey', `The following filter key is not valid: ${f.Key}. Valid filter keys include: [${allowed.join(', ')}].`, 400);
  }
  if (isTag) {
    const key = f.Key.slice(4);
    return (p) => p.Tags.some((t) => t.Key === key && (!values.length || values.includes(t.Value)));
  }
  const option = f.Option ?? (f.Key === 'Path' ? 'OneLevel' : 'Equals');
  const eq = (actual: string | undefined) => actual !== undefined && values.includes(actual);
  switch (f.Key) {
    case 'Name': {
      if (!['Equals', 'BeginsWith', 'Contains'].includes(option)) throw badOption(option, ['Equals', 'BeginsWith', 'Contains']);
      const names = (p: ParameterRecord) => [p.Name, p.Name.startsWith('/') ? p.Name.slice(1) : `/${p.Name}`];
      if (option === 'BeginsWith') return (p) => names(p).some((n) => values.some((v) => n.startsWith(v)));
      if (option === 'Contains') return (p) => values.some((v) => p.Name.includes(v));
      return (p) => names(p).some((n) => values.includes(n));
    }
    case 'Path': {
      if (!['Recursive', 'OneLevel'].includes(option)) throw badOption(option, ['Recursive', 'OneLevel']);
      return (p) => values.some((v) => underPath(p.Name, v, option === 'Recursive'));
    }
    case 'Label':
      return (p) => p.versions.some((v) => v.Labels.some((l) => values.includes(l)));
    default: {
      if (option !== 'Equals') throw badOption(option, ['Equals']);
      const field = f.Key as 'Type' | 'KeyId' | 'Tier' | 'DataType';
      return (p) => eq(current(p)[field]);
    }
  }
}

/** The deprecated Filters of DescribeParameters: Name begins with, Type and KeyId equal. */
function legacyFilter(f: T.ParametersFilter): Test {
  if (f.Key === 'Name') return (p) => f.Values.some((v) => p.Name.startsWith(v));
  return (p) => f.Values.includes(current(p)[f.Key as 'Type' | 'KeyId'] ?? '');
}

export class DescribeProvider {
  constructor(private readonly ssm: SsmParameters) {}

  private sorted(ctx: RequestContext): ParameterRecord[] {
    return [...this.ssm.scope(ctx).values()].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  }

  describeParameters(input: T.DescribeParametersRequest, ctx: RequestContext): T.DescribeParametersResult {
    if (input.Filters?.length && input.ParameterFilters?.length) {
      throw validation('You can use either Filters or ParameterFilters in a single request.');
    }
    const tests = [
      ...(input.Filters ?? []).map(legacyFilter),
      ...(input.ParameterFilters ?? []).map((f) => stringFilter(f, ['Name', 'Path', 'Type', 'KeyId', 'Tier', 'DataType', 'Label'])),
    ];
    const matching = this.sorted(ctx).filter((p) => tests.every((t) => t(p)));
    const page = pageOf(matching, input.NextToken, input.MaxResults ?? 50);
    return {
      Parameters: page.items.map((p): T.ParameterMetadata => ({ Name: p.Name, ARN: parameterArn(ctx.region, ctx.account, p.Name), ...versionDetails(current(p)) })),
      NextToken: page.next,
    };
  }

  getParametersByPath(input: T.GetParametersByPathRequest, ctx: RequestContext): T.GetParametersByPathResult {
    if (!input.Path.startsWith('/')) {
      throw validation('The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/".');
    }
    const tests = (input.ParameterFilters ?? []).map((f) => stringFilter(f, ['Type', 'KeyId', 'Label']));
    const matching = this.sorted(ctx).filter((p) => underPath(p.Name, input.Path, input.Recursive ?? false) && tests.every((t) => t(p)));
    const page = pageOf(matching, input.NextToken, input.MaxResults ?? 10);
    return { Parameters: page.items.map((p) => this.ssm.view(ctx, { name: p.Name }, current(p), input.WithDecryption)), NextToken: page.next };
  }
}
