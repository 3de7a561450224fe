// The contract of a template transform (AWS::Serverless-2016-10-31, AWS::Include,
// AWS::LanguageExtensions): a template in, a plain CloudFormation template out.
export type Template = Record<string, any>;

export interface TransformContext {
  account: string;
  region: string;
  stackName: string;
  /** Parameter values the caller passed (transforms such as SAM's read a few). */
  parameters: Record<string, string>;
}

export type Transform = (template: Template, ctx: TransformContext) => Promise<Template>;
