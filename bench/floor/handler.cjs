// The bench's handler, shared by the isolation floors (the same one localgate and
// serverless-offline run in the bench).
exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ path: event.rawPath }) });
