// ECR repositories: create, describe, delete. localgate runs zip functions and stores no
// images, so a repository is its settings only; the slice exists because deploy tools ask
// for repositories (`serverless remove` describes the service's image repository, the CDK
// bootstrap template declares one). Repositories live in the registry of their account
// (`registryId`, the caller's account when absent), per region.
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/ecr.types.ts';
import { AwsError } from '../../protocol/errors.ts';
import { AccountRegionStore } from '../../state/store.ts';

interface RepositoryRecord {
  repository: T.Repository;
  tags: T.Tag[];
}

export class EcrStore extends AccountRegionStore<Map<string, RepositoryRecord>> {
  constructor() {
    super(() => new Map());
  }
}

const invalidParameter = (message: string) => new AwsError('InvalidParameterException', message, 400);
const notFound = (name: string, registry: string) =>
  new AwsError('RepositoryNotFoundException', `The repository with name '${name}' does not exist in the registry with id '${registry}'`, 400);

/** DescribeRepositories' page size when maxResults is absent (ECR's documented default). */
const DEFAULT_PAGE = 100;

export class EcrProvider {
  constructor(readonly store: EcrStore) {}

  reset() {
    this.store.clear();
  }

  private registry(input: { registryId?: string }, ctx: RequestContext) {
    const registryId = input.registryId ?? ctx.account;
    return { registryId, repositories: this.store.get(registryId, ctx.region) };
  }

  createRepository(input: T.CreateRepositoryRequest, ctx: RequestContext): T.CreateRepositoryResponse {
    const { registryId, repositories } = this.registry(input, ctx);
    const name = input.repositoryName;
    if (repositories.has(name)) {
      throw new AwsError('RepositoryAlreadyExistsException', `The repository with name '${name}' already exists in the registry with id '${registryId}'`, 400);
    }
    const repository: T.Repository = {
      repositoryArn: `arn:aws:ecr:${ctx.region}:${registryId}:repository/${name}`,
      registryId,
      repositoryName: name,
      repositoryUri: `${registryId}.dkr.ecr.${ctx.region}.amazonaws.com/${name}`,
      createdAt: new Date(Math.floor(Date.now() / 1000) * 1000),
      imageTagMutability: input.imageTagMutability ?? 'MUTABLE',
      imageScanningConfiguration: { scanOnPush: input.imageScanningConfiguration?.scanOnPush ?? false },
      encryptionConfiguration: input.encryptionConfiguration ?? { encryptionType: 'AES256' },
    };
    if (input.imageTagMutabilityExclusionFilters) repository.imageTagMutabilityExclusionFilters = input.imageTagMutabilityExclusionFilters;
    repositories.set(name, { repository, tags: input.tags ?? [] });
    return { repository };
  }

  describeRepositories(input: T.DescribeRepositoriesRequest, ctx: RequestContext): T.DescribeRepositoriesResponse {
    const { registryId, repositories } = this.registry(input, ctx);
    if (input.repositoryNames) {
      if (input.maxResults !== undefined || input.nextToken !== undefined) {
        throw invalidParameter('maxResults and nextToken cannot be used together with repositoryNames');
      }
      return {
        repositories: input.repositoryNames.map((name) => {
          const found = repositories.get(name);
          if (!found) throw notFound(name, registryId);
          return found.repository;
        }),
      };
    }
    const all = [...repositories.values()].map((r) => r.repository);
    const start = input.nextToken === undefined ? 0 : Number(Buffer.from(input.nextToken, 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0 || start > all.length) throw invalidParameter('Invalid parameter at \'nextToken\': the token is not valid');
    const end = start + (input.maxResults ?? DEFAULT_PAGE);
    const out: T.DescribeRepositoriesResponse = { repositories: all.slice(start, end) };
    if (end < all.length) out.nextToken = Buffer.from(String(end)).toString('base64');
    return out;
  }

  deleteRepository(input: T.DeleteRepositoryRequest, ctx: RequestContext): T.DeleteRepositoryResponse {
    const { registryId, repositories } = this.registry(input, ctx);
    const found = repositories.get(input.repositoryName);
    if (!found) throw notFound(input.repositoryName, registryId);
    // No images are ever stored, so there is nothing `force` would have to remove.
    repositories.delete(input.repositoryName);
    return { repository: found.repository };
  }
}
