// Token counts for prompt budgets, with the o200k tokenizer of current OpenAI models (a fair estimate for others).
import { countTokens as count } from 'gpt-tokenizer';

/**
 * @example
 * countTokens('aws_sqs_queue.orders -consumes-> aws_lambda_function.worker') // ≈ 14
 */
export function countTokens(text: string): number {
  return count(text);
}
