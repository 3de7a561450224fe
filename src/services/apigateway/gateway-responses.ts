// Gateway responses: the 21 response types API Gateway has, with their default status
// codes (DEFAULT_4XX and DEFAULT_5XX have none) and default body template.
import type { GatewayResponse, GatewayResponseType } from '../../models/apigateway.types.ts';
import { compact } from './lookup.ts';

const DEFAULT_STATUS: Record<GatewayResponseType, string | undefined> = {
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  RESOURCE_NOT_FOUND: '404',
  UNAUTHORIZED: '401',
  INVALID_API_KEY: '403',
  ACCESS_DENIED: '403',
  AUTHORIZER_FAILURE: '500',
  AUTHORIZER_CONFIGURATION_ERROR: '500',
  INVALID_SIGNATURE: '403',
  EXPIRED_TOKEN: '403',
  MISSING_AUTHENTICATION_TOKEN: '403',
  INTEGRATION_FAILURE: '504',
  INTEGRATION_TIMEOUT: '504',
  API_CONFIGURATION_ERROR: '500',
  UNSUPPORTED_MEDIA_TYPE: '415',
  BAD_REQUEST_PARAMETERS: '400',
  BAD_REQUEST_BODY: '400',
  REQUEST_TOO_LARGE: '413',
  THROTTLED: '429',
  QUOTA_EXCEEDED: '429',
  WAF_FILTERED: '403',
};

export const RESPONSE_TYPES = Object.keys(DEFAULT_STATUS) as GatewayResponseType[];

export const defaultStatus = (type: GatewayResponseType) => DEFAULT_STATUS[type];

export function isResponseType(s: string): s is GatewayResponseType {
  return Object.hasOwn(DEFAULT_STATUS, s);
}

/** The response API Gateway answers for a type nobody customised. */
export const DEFAULT_TEMPLATES = { 'application/json': '{"message":$context.error.messageString}' };

export function defaultGatewayResponse(type: GatewayResponseType): GatewayResponse {
  const response: GatewayResponse = {
    defaultResponse: true,
    responseParameters: {},
    responseTemplates: { ...DEFAULT_TEMPLATES },
    responseType: type,
  };
  const status = DEFAULT_STATUS[type];
  if (status) response.statusCode = status;
  return response;
}

/**
 * The response for `type` (as the data plane renders it and Get answers it): the type's own
 * customisation if any; else the DEFAULT_4XX / DEFAULT_5XX customisation (by the type's
 * default status class), keeping the type's status code unless the fallback set one and
 * still reported as a default response; else the default.
 */
export function effectiveGatewayResponse(
  customised: Partial<Record<GatewayResponseType, GatewayResponse>>,
  type: GatewayResponseType,
): GatewayResponse {
  const own = customised[type];
  if (own) return compact({ ...structuredClone(own), statusCode: own.statusCode ?? DEFAULT_STATUS[type] });
  const status = DEFAULT_STATUS[type];
  const fallbackType: GatewayResponseType | undefined = status?.startsWith('4') ? 'DEFAULT_4XX' : status?.startsWith('5') ? 'DEFAULT_5XX' : undefined;
  const fallback = fallbackType && customised[fallbackType];
  if (fallback) return { ...structuredClone(fallback), defaultResponse: true, responseType: type, statusCode: fallback.statusCode ?? status };
  return defaultGatewayResponse(type);
}
