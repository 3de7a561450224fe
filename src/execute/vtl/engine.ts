/**
 * velocityjs, adjusted to evaluate like the Java Velocity 1.7 engine API Gateway runs:
 * references print their Java toString (a null prints nothing), `#if` treats only null and
 * false as false, `==` compares numbers by value and anything else by toString, `+` joins
 * strings, integer `/` and `%` truncate. A step budget and a range cap keep a runaway template
 * from stalling the single-threaded server.
 */
import velocity from 'velocityjs';
import { TemplateError } from './errors.ts';
import { isTruthy, javaEquals, toJavaString } from './json-model.ts';

type Ast = { type?: string; [k: string]: unknown };
type MathAst = { type: 'math'; operator: string; expression: Ast[] };

const MAX_RANGE = 100_000;
const MAX_STEPS = 5_000_000;

export class ApiGatewayVelocity extends velocity.Compile {
  private steps = 0;

  override renderAstList(asts?: Parameters<velocity.Compile['renderAstList']>[0], contextId?: string): string {
    this.steps += (asts ?? this.asts).length;
    if (this.steps > MAX_STEPS) throw new TemplateError('Template evaluation exceeded its step budget');
    return super.renderAstList(asts, contextId);
  }

  protected override getReferences(ast: Parameters<velocity.Compile['getReferences']>[0], isVal?: boolean): string {
    const value: unknown = super.getReferences(ast, isVal);
    return isVal ? toJavaString(value) : (value as string);
  }

  protected override getExpression(ast: Parameters<velocity.Compile['getExpression']>[0]): string {
    return this.evaluate(ast as unknown as Ast) as string;
  }

  private evaluate(ast: Ast): unknown {
    if (ast.type !== 'math') return super.getExpression(ast as never);
    const { operator, expression } = ast as unknown as MathAst;
    const at = (i: number): unknown => this.evaluate(expression[i]!);
    switch (operator) {
      case '&&':
        return isTruthy(at(0)) && isTruthy(at(1));
      case '||':
        return isTruthy(at(0)) || isTruthy(at(1));
      case 'not':
        return !isTruthy(at(0));
      case '==':
        return javaEquals(at(0), at(1));
      case '!=':
        return !javaEquals(at(0), at(1));
      case '+': {
        const a = at(0);
        const b = at(1);
        if (typeof a === 'number' && typeof b === 'number') return a + b;
        return typeof a === 'string' || typeof b === 'string' ? toJavaString(a) + toJavaString(b) : null;
      }
      case '/':
      case '%': {
        const a = at(0);
        const b = at(1);
        if (typeof a !== 'number' || typeof b !== 'number' || b === 0) return null;
        if (operator === '%') return a % b;
        return Number.isInteger(a) && Number.isInteger(b) ? Math.trunc(a / b) : a / b;
      }
      default:
        return super.getExpression(ast as never);
    }
  }

  getBlockIf(block: Ast[]): string {
    let chosen = false;
    const body: Ast[] = [];
    for (const ast of block) {
      const hasCondition = ast.type === 'if' || ast.type === 'elseif';
      if (!hasCondition && ast.type !== 'else') {
        if (chosen) body.push(ast);
        continue;
      }
      if (chosen) break;
      chosen = hasCondition ? isTruthy(this.evaluate(ast.condition as Ast)) : true;
    }
    return this.renderAstList(body as never, this.contextId);
  }

  getArray(literal: { value: Ast[]; isRange?: boolean }): unknown[] {
    if (literal.isRange !== true) return literal.value.map((exp) => this.getLiteral(exp as never));
    const [begin, end] = literal.value.map((exp) => {
      if (typeof exp === 'string') return Number.parseInt(exp, 10);
      if (typeof exp === 'number') return exp;
      return Number(this.getLiteral(exp as never));
    }) as [number, number];
    if (!Number.isInteger(begin) || !Number.isInteger(end)) return [];
    if (Math.abs(end - begin) >= MAX_RANGE) throw new TemplateError(`Range [${begin}..${end}] is too large`);
    const out: number[] = [];
    const stepBy = begin <= end ? 1 : -1;
    for (let i = begin; i !== end + stepBy; i += stepBy) out.push(i);
    return out;
  }
}
