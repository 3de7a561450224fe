import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTemplate, TemplateError, type TemplateVariables } from './index.ts';

const pets = [
  { id: 1, type: 'dog', price: 249.99 },
  { id: 2, type: 'cat', price: 124.99 },
  { id: 3, type: 'fish', price: 0.99 },
];

function vars(over: Partial<TemplateVariables> = {}): TemplateVariables {
  return {
    body: JSON.stringify({ pets, s: 'x', n: 5, t: true, z: null, o: { a: 1, l: [{ foo: 'bar' }] }, things: { '1': {}, '2': {}, '3': {} } }),
    params: { path: { id: 'abc' }, querystring: { name: 'me', id: 'q' }, header: { 'Content-Type': 'application/json', Host: 'h.example' } },
    context: { requestId: 'req-1', stage: 'prod', httpMethod: 'POST', identity: { sourceIp: '192.0.2.1' }, authorizer: { principalId: 'u1', numKey: '1' } },
    stageVariables: { alias: 'live', 'b-c': 'BC' },
    ...over,
  };
}

const render = (template: string, over?: Partial<TemplateVariables>): string => renderTemplate(template, vars(over)).output;

// template -> exact output
const cases: Array<[string, string, Partial<TemplateVariables>?]> = [
  // $input.json: a JSON string of the selection
  [`$input.json('$.n')`, '5'],
  [`$input.json('$.s')`, '"x"'],
  [`$input.json('$.t')`, 'true'],
  [`$input.json('$.z')`, 'null'],
  [`$input.json('$.o')`, '{"a":1,"l":[{"foo":"bar"}]}'],
  [`$input.json('$.missing')`, '""'],
  [`$input.json("$.pets[0]")`, '{"id":1,"type":"dog","price":249.99}'],
  [`$input.json('$.pets[*].type')`, '["dog","cat","fish"]'],
  [`$input.json('$..id')`, '[1,2,3]'],
  [`$input.json('$.pets[-1].type')`, '"fish"'],
  [`$input.json('$.pets[0,2].id')`, '[1,3]'],
  [`$input.json('$.pets[1:].id')`, '[2,3]'],
  [`$input.json("$['o']['a']")`, '1'],
  [`$input.json('$.pets[?(@.price < 200)].type')`, '["cat","fish"]'],
  [`$input.json("$.pets[?(@.type == 'dog')].id")`, '[1]'],
  [`$input.json('$.pets[?(@.nope)]')`, '[]'],
  [`$input.json('pets[1].type')`, '"cat"'],
  // $input.path: the value itself
  [`$input.path('$.s')`, 'x'],
  [`$input.path('$.n')`, '5'],
  [`[$input.path('$.missing')]`, '[]'],
  [`$input.path('$.pets').size()`, '3'],
  [`$input.path('$.pets')[1].type`, 'cat'],
  [`$input.path('$.o')`, '{a=1, l=[{"foo":"bar"}]}'],
  [`$input.path('$.o.l')`, '[{"foo":"bar"}]'],
  [`#foreach($p in $input.path('$.pets'))$p.id#if($foreach.hasNext),#end#end`, '1,2,3'],
  [`$input.path('$.o').keySet() $input.path('$.o').containsKey('a') $input.path('$.o').get('a') $input.path('$.o').isEmpty()`, '[a, l] true 1 false'],
  [`$input.body`, '{"a":1}', { body: '{"a":1}' }],
  [`$input.body`, '{}', { body: '' }],
  [`$input.json('$')`, '"plain text"', { body: 'plain text' }],
  // $input.params
  [`$input.params('id')`, 'abc'],
  [`$input.params('name')`, 'me'],
  [`$input.params('host')`, 'h.example'],
  [`[$input.params('nope')]`, '[]'],
  [`$input.params().header.get('Content-Type')`, 'application/json'],
  [`$input.params().querystring.name`, 'me'],
  [`$input.params().keySet()`, '[path, header, querystring]'],
  // $context, $stageVariables
  [`$context.requestId $context.stage $context.identity.sourceIp $context.authorizer.principalId`, 'req-1 prod 192.0.2.1 u1'],
  [`[$context.identity.apiKey]`, '[]'],
  [`$stageVariables.alias $stageVariables['b-c'] \${stageVariables['alias']}`, 'live BC live'],
  // $util
  [`$util.escapeJavaScript("it's")`, "it\\'s"],
  [`$util.escapeJavaScript($input.path('$.q'))`, 'say \\"hi\\"\\nnext\\ttab \\\\ \\/ \\u00E9\\u20AC', { body: JSON.stringify({ q: 'say "hi"\nnext\ttab \\ / é€' }) }],
  [`$util.escapeJavaScript("it's").replaceAll("\\\\'","'")`, "it's"],
  [`$util.urlEncode("a b&c=d/é*")`, 'a+b%26c%3Dd%2F%C3%A9*'],
  [`$util.urlDecode("a+b%26c%3Dd%2F%C3%A9")`, 'a b&c=d/é'],
  [`$util.base64Encode("hello é")`, 'aGVsbG8gw6k='],
  [`$util.base64Decode("aGVsbG8gw6k=")`, 'hello é'],
  [`#set($e = $util.parseJson($input.path('$.errorMessage')))$e.key2.arr[0] $e.key1`, '1 var1', { body: JSON.stringify({ errorMessage: '{"key1":"var1","key2":{"arr":[1,2,3]}}' }) }],
  // Velocity as Java evaluates it
  [`#set($a = "x")#if($a == "x")yes#elseif($a == "y")y#{else}no#end`, 'yes'],
  [`#if("")t#end#if(0)z#end#if($none)n#{else}e#end#if(!$none)!#end`, 'tze!'],
  [`#if($input.path('$.n') == 5 && $input.path('$.s') != "y")ok#end`, 'ok'],
  [`#set($x = "a" + 1)#set($y = 7 / 2)#set($m = 7 % 4)$x $y $m`, 'a1 3 3'],
  [`#foreach($i in [1..3])$i:$velocityCount:$foreach.hasNext #end`, '1:1:true 2:2:true 3:3:false '],
  [`#set($l = [])#set($ok = $l.add("a"))$l.add("b") $l $l.size() $l.get(1) $l.contains("a") $l.isEmpty()`, 'true [a, b] 2 b true false'],
  [`#set($m = {})$m.put("k", 1)$m.put("k", 2) $m $m.size()`, '1 {k=2} 1'],
  [`#set($s = "  Hello World  ")$s.trim().toLowerCase() $s.length() $s.trim().substring(6) $s.indexOf("o") $s.contains("World") $s.trim().startsWith("He") $s.trim().endsWith("ld")`, 'hello world 15 World 6 true true true'],
  [`#set($s = "a,b,,c,,")$s.split(",") $s.split(",").size() $s.replace(",", ";") $s.toUpperCase() $s.equals("a,b,,c,,") $s.matches("[a-c,]+")`, '[a, b, , c] 4 a;b;;c;; A,B,,C,, true true'],
  [`"$input.path('$.s').replaceAll('(x)', 'y$1')"`, '"yx"'],
  [`$input.path('$.s').unknownMethod()|$input.path('$.o').nope`, '|'],
  [`## a comment\n#* block *#ok`, 'ok'],
  // whitespace as Velocity 1.7 gobbles it: the newline after a directive, the indentation before #set
  [`a\n  #set($x = 1)\n  b`, 'a\n  b'],
  [`a\n#if(true)\n  b\n#end\nc`, 'a\n  b\nc'],
  [`a #set($x = 1) b`, 'a b'],
  [`#set($inputRoot = $input.path('$'))\n{"s": "$inputRoot.s"}`, '{"s": "x"}'],
];

for (const [template, expected, over] of cases) {
  test(`renders ${JSON.stringify(template)}`, () => {
    assert.equal(render(template, over), expected);
  });
}

test('AWS example: pass all parameters through as JSON', () => {
  const template = `#set($allParams = $input.params())
{
  "params" : {
    #foreach($type in $allParams.keySet())
    #set($params = $allParams.get($type))
    "$type" : {
      #foreach($paramName in $params.keySet())
      "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
      #if($foreach.hasNext),#end
      #end
    }
    #if($foreach.hasNext),#end
    #end
  }
}`;
  assert.deepEqual(JSON.parse(render(template)), {
    params: {
      path: { id: 'abc' },
      header: { 'Content-Type': 'application/json', Host: 'h.example' },
      querystring: { name: 'me', id: 'q' },
    },
  });
});

test('AWS example: $input with params, size() and json()', () => {
  const template = `{
    "id" : "$input.params('id')",
    "count" : "$input.path('$.things').size()",
    "things" : $input.json('$.things'),
    "escaped" : "$util.escapeJavaScript($input.json('$.things'))"
}`;
  assert.deepEqual(JSON.parse(render(template)), { id: 'abc', count: '3', things: { '1': {}, '2': {}, '3': {} }, escaped: '{"1":{},"2":{},"3":{}}' });
});

test('AWS example: PetStore response template', () => {
  const template = `#set($inputRoot = $input.path('$'))
[
#foreach($elem in $inputRoot)
  {
    "description" : "Item $elem.id is a $elem.type.",
    "askingPrice" : $elem.price
  }#if($foreach.hasNext),#end

#end
]`;
  assert.deepEqual(JSON.parse(render(template, { body: JSON.stringify(pets) })), [
    { description: 'Item 1 is a dog.', askingPrice: 249.99 },
    { description: 'Item 2 is a cat.', askingPrice: 124.99 },
    { description: 'Item 3 is a fish.', askingPrice: 0.99 },
  ]);
});

test('AWS example: $context variables', () => {
  const out = render(`{ "stage" : "$context.stage", "request_id" : "$context.requestId", "http_method" : "$context.httpMethod", "source_ip" : "$context.identity.sourceIp" }`);
  assert.deepEqual(JSON.parse(out), { stage: 'prod', request_id: 'req-1', http_method: 'POST', source_ip: '192.0.2.1' });
});

test('response overrides: status and headers are returned', () => {
  const template = `#set($inputRoot = $input.path('$'))
$input.json("$")
#if($inputRoot.toString().contains("error"))
#set($context.responseOverride.status = 400)
#set($context.responseOverride.header.X-Reason = "bad")
#end`;
  const result = renderTemplate(template, vars({ body: '{"errors":[{"key":"k","message":"out of range"}]}' }));
  assert.deepEqual(result.responseOverride, { status: 400, header: { 'X-Reason': 'bad' } });
  assert.equal(result.requestOverride, undefined);
  assert.deepEqual(JSON.parse(result.output), { errors: [{ key: 'k', message: 'out of range' }] });
  assert.equal(renderTemplate(template, vars({ body: '{"ok":1}' })).responseOverride, undefined);
});

test('request overrides: AWS header example', () => {
  const template = `#set($header1Override = "foo")
#set($header3Value = "$input.params('header1')$input.params('header2')")
$input.json("$")
#set($context.requestOverride.header.header3 = $header3Value)
#set($context.requestOverride.header.header1 = $header1Override)
#set($context.requestOverride.querystring.q = "v")
#set($context.requestOverride.path.id = $input.params('id'))`;
  const result = renderTemplate(template, vars({ params: { path: { id: '7' }, querystring: {}, header: { header1: 'header1Val', header2: 'header2Val' } } }));
  assert.deepEqual(result.requestOverride, { header: { header3: 'header1Valheader2Val', header1: 'foo' }, querystring: { q: 'v' }, path: { id: '7' } });
});

test('an override set twice fails the template', () => {
  assert.throws(() => render(`#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 401)`), TemplateError);
  assert.throws(() => render(`#set($context.requestOverride.header.a = "1")#set($context.requestOverride.header.a = "2")`), TemplateError);
});

test('a response template sees the overrides the request template set, and may set each once more', () => {
  const context = { ...vars().context, requestOverride: { header: { 'X-Req': 'r' }, querystring: { q: 'v' }, path: {} }, responseOverride: { status: 404, header: { 'X-Res': 'a' } } };
  const seen = renderTemplate('$context.requestOverride.header.X-Req $context.requestOverride.querystring.q $context.responseOverride.status', vars({ context }));
  assert.equal(seen.output, 'r v 404');
  assert.deepEqual(seen.responseOverride, { status: 404, header: { 'X-Res': 'a' } });
  const again = renderTemplate('#set($context.responseOverride.status = 201)#set($context.responseOverride.header.X-Res = "b")', vars({ context }));
  assert.deepEqual(again.responseOverride, { status: 201, header: { 'X-Res': 'b' } });
});

test('map assignment and put, also on the override maps', () => {
  assert.equal(render('#set($m = {})#set($k = "x")#set($m[$k] = 1)#set($m["y"] = 2)$m.put("z", 3)$m'), '{x=1, y=2, z=3}');
  const result = renderTemplate('#set($h = "X-B")#set($context.responseOverride.header[$h] = "2")$context.responseOverride.header.put("X-C", "3")', vars());
  assert.deepEqual(result.responseOverride, { header: { 'X-B': '2', 'X-C': '3' } });
});

test('a null compares equal to "" (a missing $input.path), as in API Gateway', () => {
  assert.equal(render(`#if($input.path('$.missing') == "")empty#end`), 'empty');
  assert.equal(render(`#if($input.path('$.z') != "")set#{else}unset#end`), 'unset');
  assert.equal(render(`#if($input.path('$.s') == "")empty#{else}x#end`), 'x');
  assert.equal(render(`#if($input.path('$.missing'))set#{else}null#end`), 'null');
});

test('template errors are TemplateError, never anything else', () => {
  const bad = [
    `#foreach(`,
    `#if($x`,
    `$util.parseJson("{not json")`,
    `$util.urlDecode("%zz")`,
    `$input.path('$.[')`,
    `$input.path('$.s').substring(5)`,
    `$input.path('$.s').replaceAll("(", "")`,
    `#set($context.responseOverride.status = "abc")`,
    `#foreach($i in [1..100000000])#end`,
    `#macro(f)#f()#end#f()`,
  ];
  for (const template of bad) {
    assert.throws(() => render(template), TemplateError, template);
  }
});

test('the caller’s variables are not changed by a template', () => {
  const v = vars();
  renderTemplate(`#set($p = $input.params().header)$p.put("Injected", "1")#set($context.identity.sourceIp = "x")`, v);
  assert.deepEqual(v.params.header, { 'Content-Type': 'application/json', Host: 'h.example' });
  assert.deepEqual(v.context.identity, { sourceIp: '192.0.2.1' });
});
