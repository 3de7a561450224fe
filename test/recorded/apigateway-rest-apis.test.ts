// REST API (v1) control plane: REST APIs and resources, as recorded on AWS.
import { recordedCases, ANY, ABSENT, type RecordedStep } from './harness.ts';
import { call, error, patch } from './apigateway-steps.ts';

const API_SNAPSHOT = 'localstack/localstack tests/aws/services/apigateway/test_apigateway_api.snapshot.json';

/** A request to the apigateway control plane. */
/** The error body API Gateway sends for a modeled error (NotFound, BadRequest, Conflict). */
const createApi = (name = 'api', extra: Record<string, unknown> = {}): RecordedStep => ({
  request: call('POST', '/restapis', { name, description: 'this is my api', ...extra }),
  expect: { status: 201 },
  save: { api: 'id', root: 'rootResourceId' },
});
/** A collection on the wire: AWS sends `item` (the model's locationName); localgate also
 * sends `items`, the member's own name, for clients that read that. */
const list = (items: unknown[]) => ({ item: items, items: ANY });
const restApi = (extra: Record<string, unknown>) => ({
  apiKeySource: 'HEADER', createdDate: ANY, disableExecuteApiEndpoint: false,
  endpointConfiguration: { ipAddressType: 'ipv4', types: ['EDGE'] }, id: ANY, name: 'api', rootResourceId: ANY, ...extra,
});

recordedCases('API Gateway REST APIs', [
  {
    name: 'CreateRestApi with a name and a description',
    source: `${API_SNAPSHOT}#TestApiGatewayApiRestApi::test_get_api_case_insensitive`,
    steps: [
      {
        request: { method: 'POST', path: '/restapis', service: 'apigateway', body: { name: 'lower', description: 'lower case api' } },
        expect: {
          status: 201,
          body: {
            apiKeySource: 'HEADER', createdDate: ANY, description: 'lower case api', disableExecuteApiEndpoint: false,
            endpointConfiguration: { ipAddressType: 'ipv4', types: ['EDGE'] }, id: ANY, name: 'lower', rootResourceId: ANY,
          },
        },
      },
      // Ids are case-sensitive; the unknown id is named with the account.
      { request: call('GET', '/restapis/UPPER1234'), expect: error(404, 'Invalid API identifier specified 000000000000:UPPER1234') },
    ],
  },
  {
    name: 'CreateRestApi optional parameters',
    source: `${API_SNAPSHOT}#TestApiGatewayApiRestApi::test_create_rest_api_with_optional_params`,
    steps: [
      { request: call('POST', '/restapis', { name: 'api' }), expect: { status: 201, body: restApi({}) } },
      { request: call('POST', '/restapis', { name: 'api', description: '' }), expect: error(400, 'Description cannot be an empty string') },
      { request: call('POST', '/restapis', { name: 'api', version: 'v1' }), expect: { status: 201, body: restApi({ version: 'v1' }) } },
      // An empty binaryMediaTypes list is left out of the answer.
      { request: call('POST', '/restapis', { name: 'api', binaryMediaTypes: [] }), expect: { status: 201, body: restApi({ binaryMediaTypes: ABSENT }) } },
    ],
  },
  {
    name: 'UpdateRestApi adds, replaces and removes binary media types; the answer carries tags',
    source: `${API_SNAPSHOT}#TestApiGatewayApiRestApi::test_update_rest_api_operation_add_remove`,
    steps: [
      createApi(),
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'add', path: '/binaryMediaTypes/image~1png' }, { op: 'add', path: '/binaryMediaTypes/image~1jpeg' })),
        expect: { status: 200, body: restApi({ description: 'this is my api', binaryMediaTypes: ['image/png', 'image/jpeg'], tags: {} }) },
      },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'replace', path: '/binaryMediaTypes/image~1png', value: 'image/gif' })),
        expect: { status: 200, body: restApi({ description: 'this is my api', binaryMediaTypes: ['image/jpeg', 'image/gif'], tags: {} }) },
      },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'remove', path: '/binaryMediaTypes/image~1gif' }, { op: 'remove', path: '/description' })),
        expect: { status: 200, body: restApi({ binaryMediaTypes: ['image/jpeg'], tags: {} }) },
      },
    ],
  },
  {
    name: 'UpdateRestApi minimumCompressionSize',
    source: `${API_SNAPSHOT}#TestApiGatewayApiRestApi::test_update_rest_api_compression`,
    steps: [
      createApi(),
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'replace', path: '/minimumCompressionSize', value: '10' })),
        expect: { status: 200, body: restApi({ description: 'this is my api', minimumCompressionSize: 10, tags: {} }) },
      },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'replace', path: '/minimumCompressionSize', value: '' })),
        expect: { status: 200, body: restApi({ description: 'this is my api', tags: {} }) },
      },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'replace', path: '/minimumCompressionSize', value: '0' })),
        expect: { status: 200, body: restApi({ description: 'this is my api', minimumCompressionSize: 0, tags: {} }) },
      },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'replace', path: '/minimumCompressionSize', value: '-1' })),
        expect: error(400, 'Invalid minimum compression size, must be between 0 and 10485760'),
      },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'replace', path: '/minimumCompressionSize', value: 'string' })),
        expect: error(400, 'Invalid minimum compression size, must be between 0 and 10485760'),
      },
      {
        request: call('PATCH', '/restapis/${api}', patch({ op: 'add', path: '/minimumCompressionSize', value: '10' })),
        expect: error(400, 'Invalid patch operation specified. Must be one of: [replace]'),
      },
    ],
  },
  {
    name: 'UpdateRestApi refuses the binaryMediaTypes list as a whole, and an unknown API',
    source: `${API_SNAPSHOT}#TestApiGatewayApiRestApi::test_update_rest_api_behaviour + test_update_rest_api_invalid_api_id`,
    steps: [
      createApi(),
      ...['add', 'replace', 'remove'].map((op) => ({
        request: call('PATCH', '/restapis/${api}', patch({ op, path: '/binaryMediaTypes', value: 'image/png' })),
        expect: error(400, 'Invalid patch path /binaryMediaTypes'),
      })),
      {
        request: call('PATCH', '/restapis/api_id', patch({ op: 'replace', path: '/description', value: 'x' })),
        expect: error(404, 'Invalid API identifier specified 000000000000:api_id'),
      },
    ],
  },
  {
    name: 'UpdateResource validation: unknown ids, paths, conflicts, cycles',
    source: `${API_SNAPSHOT}#TestApiGatewayApiResource::test_update_resource_behaviour`,
    steps: [
      createApi(),
      { request: call('POST', '/restapis/${api}/resources/${root}', { pathPart: 'pets' }), expect: { status: 201 }, save: { pets: 'id' } },
      {
        request: call('PATCH', '/restapis/${api}/resources/invalid', patch({ op: 'replace', path: '/pathPart', value: 'dogs' })),
        expect: error(404, 'Invalid Resource identifier specified'),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${pets}', patch({ op: 'replace', path: '/invalid', value: 'dogs' })),
        expect: error(400, "Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]"),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${pets}', patch({ op: 'replace', path: '/parentId', value: 'invalid' })),
        expect: error(404, 'Invalid Resource identifier specified'),
      },
      {
        request: call('POST', '/restapis/${api}/resources/${pets}', { pathPart: 'subpets' }),
        expect: { status: 201, body: { id: ANY, parentId: ANY, path: '/pets/subpets', pathPart: 'subpets' } },
        save: { subpets: 'id' },
      },
      {
        request: call('POST', '/restapis/${api}/resources/${subpets}', { pathPart: 'pets' }),
        expect: { status: 201, body: { id: ANY, parentId: ANY, path: '/pets/subpets/pets', pathPart: 'pets' } },
        save: { child: 'id' },
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${child}', patch({ op: 'replace', path: '/parentId', value: '${root}' })),
        expect: error(409, 'Another resource with the same parent already has this name: pets'),
      },
      { request: call('DELETE', '/restapis/${api}/resources/${child}'), expect: { status: 202 } },
      {
        request: call('PATCH', '/restapis/${api}/resources/${pets}', patch({ op: 'replace', path: '/parentId', value: '${subpets}' })),
        expect: error(400, 'Resources cannot be cyclical.'),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${subpets}', patch({ op: 'replace', path: '/parentId', value: '${root}' })),
        expect: { status: 200, body: { id: ANY, parentId: ANY, path: '/subpets', pathPart: 'subpets' } },
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${subpets}', patch({ op: 'remove', path: '/pathPart' })),
        expect: error(400, "Invalid patch path  '/pathPart' specified for op 'remove'. Please choose supported operations"),
      },
      {
        request: call('PATCH', '/restapis/${api}/resources/${subpets}', patch({ op: 'add', path: '/pathPart', value: 'x' })),
        expect: error(400, "Invalid patch path  '/pathPart' specified for op 'add'. Please choose supported operations"),
      },
    ],
  },
  {
    name: 'CreateResource: greedy and variable path parts',
    source: `${API_SNAPSHOT}#TestApiGatewayApiResource::test_create_proxy_resource_validation`,
    steps: [
      createApi(),
      {
        request: call('POST', '/restapis/${api}/resources/${root}', { pathPart: '{proxy+}' }),
        expect: { status: 201, body: { id: ANY, parentId: ANY, path: '/{proxy+}', pathPart: '{proxy+}' } },
        save: { proxy: 'id' },
      },
      {
        request: call('POST', '/restapis/${api}/resources/${root}', { pathPart: '{dynamic}' }),
        expect: error(400, 'A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed'),
      },
      {
        request: call('POST', '/restapis/${api}/resources/${proxy}', { pathPart: 'static' }),
        expect: error(400, 'Cannot create a child of a resource with a greedy path variable: {proxy+}'),
      },
      {
        request: call('POST', '/restapis/${api}/resources/${proxy}', { pathPart: '{dynamic}' }),
        expect: error(400, 'Cannot create a child of a resource with a greedy path variable: {proxy+}'),
      },
      { request: call('POST', '/restapis/${api}/resources/${root}', { pathPart: 'parent' }), expect: { status: 201 }, save: { parent: 'id' } },
      {
        request: call('POST', '/restapis/${api}/resources/${parent}', { pathPart: '{child+}' }),
        expect: { status: 201, body: { id: ANY, parentId: ANY, path: '/parent/{child+}', pathPart: '{child+}' } },
      },
    ],
  },
  {
    name: 'DeleteResource and CreateResource under an unknown parent',
    source: `${API_SNAPSHOT}#TestApiGatewayApiResource::test_delete_resource + test_create_resource_parent_invalid`,
    steps: [
      createApi(),
      { request: call('POST', '/restapis/${api}/resources/${root}', { pathPart: 'pets' }), expect: { status: 201 }, save: { pets: 'id' } },
      { request: call('POST', '/restapis/${api}/resources/${pets}', { pathPart: 'subpets' }), expect: { status: 201 }, save: { subpets: 'id' } },
      { request: call('DELETE', '/restapis/${api}/resources/${pets}'), expect: { status: 202 } },
      { request: call('GET', '/restapis/${api}/resources'), expect: { status: 200, body: list([{ id: ANY, path: '/' }]) } },
      { request: call('DELETE', '/restapis/${api}/resources/${subpets}'), expect: error(404, 'Invalid Resource identifier specified') },
      { request: call('POST', '/restapis/${api}/resources/nope12', { pathPart: 'x' }), expect: error(404, 'Invalid Resource identifier specified') },
    ],
  },
]);
