// AWS::ECR::Repository, recorded in the stack only (the CDK bootstrap template declares
// one for container assets; localgate runs zip functions and serves no ECR API). Ref is the
// repository name; GetAtt Arn and RepositoryUri as ECR forms them.
import type { ResourceContext, ResourceResult, ResourceType } from '../../resource.ts';

function result(ctx: ResourceContext, name: string): ResourceResult {
  const { account, region } = ctx.request;
  return { physicalId: name, attributes: { Arn: `arn:aws:ecr:${region}:${account}:repository/${name}`, RepositoryUri: `${account}.dkr.ecr.${region}.amazonaws.com/${name}` } };
}

const repository: ResourceType = {
  type: 'AWS::ECR::Repository',
  replaceOn: ['RepositoryName'],
  // ECR names are lower case.
  create: async (props, ctx) => result(ctx, props.RepositoryName ?? ctx.generateName(256).toLowerCase()),
  update: async (name, _old, _props, ctx) => result(ctx, name),
  async delete() {},
};

export const resourceTypes: ResourceType[] = [repository];
