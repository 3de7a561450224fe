// AWS::ECR::Repository through the ECR provider (the CDK bootstrap template declares one for
// container assets). Ref is the repository name; GetAtt Arn and RepositoryUri as ECR gives them.
import { AwsError } from '../../../protocol/errors.ts';
import type * as Ecr from '../../../models/ecr.types.ts';
import type { ResourceContext, ResourceProperties, ResourceResult, ResourceType } from '../../resource.ts';

const api = (ctx: ResourceContext) => ctx.services.ecr as Ecr.Operations;

const result = (repository: Ecr.Repository): ResourceResult => ({
  physicalId: repository.repositoryName!,
  attributes: { Arn: repository.repositoryArn, RepositoryUri: repository.repositoryUri },
});

async function create(props: ResourceProperties, ctx: ResourceContext): Promise<ResourceResult> {
  const { repository } = await api(ctx).createRepository(
    {
      // ECR names are lower case.
      repositoryName: props.RepositoryName ?? ctx.generateName(256).toLowerCase(),
      imageTagMutability: props.ImageTagMutability,
      imageScanningConfiguration: props.ImageScanningConfiguration ? { scanOnPush: String(props.ImageScanningConfiguration.ScanOnPush) === 'true' } : undefined,
      encryptionConfiguration: props.EncryptionConfiguration ? { encryptionType: props.EncryptionConfiguration.EncryptionType, kmsKey: props.EncryptionConfiguration.KmsKey } : undefined,
      tags: Array.isArray(props.Tags) ? props.Tags.map((t: { Key: unknown; Value: unknown }) => ({ Key: String(t.Key), Value: String(t.Value ?? '') })) : undefined,
    },
    ctx.request,
  );
  return result(repository!);
}

const repository: ResourceType = {
  type: 'AWS::ECR::Repository',
  replaceOn: ['RepositoryName', 'EncryptionConfiguration'],
  create,
  async update(name, _old, _props, ctx) {
    const { repositories } = await api(ctx).describeRepositories({ repositoryNames: [name] }, ctx.request);
    return result(repositories![0]);
  },
  async delete(name, props, ctx) {
    try {
      await api(ctx).deleteRepository({ repositoryName: name, force: String(props.EmptyOnDelete) === 'true' }, ctx.request);
    } catch (err) {
      if (!(err instanceof AwsError && err.code === 'RepositoryNotFoundException')) throw err;
    }
  },
};

export const resourceTypes: ResourceType[] = [repository];
