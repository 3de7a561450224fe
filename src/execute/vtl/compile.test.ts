import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTemplate, renderTemplate, TemplateError, type TemplateVariables } from './index.ts';

const reads = (template: string) => {
  const r = compileTemplate(template).reads;
  return { input: r.input, stageVariables: r.stageVariables, context: r.context === 'all' ? 'all' : [...r.context].sort() };
};

test('reads: what a template reads of the request, from its syntax tree', () => {
  const none = { input: false, stageVariables: false, context: [] };
  assert.deepEqual(reads('{"statusCode": 200}'), none);
  assert.deepEqual(reads('#set($x = 2)#foreach($i in [1..$x])$i#end $util.escapeJavaScript("a\'b")'), none);
  // "$" in plain text that is not a reference, and a string literal without one
  assert.deepEqual(reads('price: 5$ #set($s = "no refs")$s'), none);
  assert.deepEqual(reads('{"id": "$context.requestId", "ip": "$context.identity.sourceIp"}'), { input: false, stageVariables: false, context: ['identity', 'requestId'] });
  assert.deepEqual(reads('$!{context.stage}'), { input: false, stageVariables: false, context: ['stage'] });
  assert.deepEqual(reads("$input.path('$.a')"), { input: true, stageVariables: false, context: [] });
  assert.deepEqual(reads('$stageVariables.alias'), { input: false, stageVariables: true, context: [] });
  // overrides are context keys too
  assert.deepEqual(reads('#set($context.responseOverride.status = 404)'), { input: false, stageVariables: false, context: ['responseOverride'] });
  // references inside a double-quoted string (Velocity re-parses it), a condition, a map literal and a macro body
  assert.deepEqual(reads('#set($a = "x$context.path")'), { input: false, stageVariables: false, context: ['path'] });
  assert.deepEqual(reads('#if($context.httpMethod == "GET")g#end'), { input: false, stageVariables: false, context: ['httpMethod'] });
  assert.deepEqual(reads('#set($m = {"k": $context.stage})$m'), { input: false, stageVariables: false, context: ['stage'] });
  assert.deepEqual(reads('#macro(m)$context.apiId#end#m()'), { input: false, stageVariables: false, context: ['apiId'] });
  // $context used whole, a method on it, or text evaluated at run time: everything
  assert.equal(reads('#set($c = $context)$c.stage').context, 'all');
  assert.equal(reads("$context.get('stage')").context, 'all');
  assert.equal(reads('#foreach($k in $context.keySet())$k#end').context, 'all');
  assert.deepEqual(reads("#evaluate('$context.stage')"), { input: true, stageVariables: true, context: 'all' });
});

const vars: TemplateVariables = {
  body: '{"a":1}',
  params: { path: {}, querystring: {}, header: {} },
  context: { requestId: 'r-1', stage: 'prod' },
  stageVariables: { v: 'x' },
};

test('a template that reads nothing renders once; its result is the interpreted one', () => {
  for (const template of ['{"statusCode": 200}', '#set($n = 3)#foreach($i in [1..$n])$i#end', '$util.base64Encode("hi") $util.escapeJavaScript(\'"\')', '']) {
    const compiled = compileTemplate(template);
    assert.equal(compiled.fixed, true, template);
    assert.deepEqual(compiled.render(vars), renderTemplate(template, vars), template);
    // the same answer whatever the request
    assert.deepEqual(compiled.render({ ...vars, body: 'other', context: {} }), compiled.render(vars));
  }
  assert.equal(compileTemplate('$context.stage').fixed, false);
  assert.equal(compileTemplate('$context.stage').render(vars).output, 'prod');
});

test('a request-independent template that fails fails every render with a TemplateError', () => {
  const compiled = compileTemplate("$util.parseJson('{nope')");
  assert.equal(compiled.fixed, true);
  assert.throws(() => compiled.render(vars), TemplateError);
  assert.throws(() => compiled.render(vars), TemplateError);
  // bad syntax fails at render time, as on AWS
  assert.throws(() => compileTemplate('#if(').render(vars), TemplateError);
});
