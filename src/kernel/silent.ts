import type { Kernel, KernelMessage } from '@jupyterlab/services';

/**
 * Evaluates one Python expression in a kernel without a trace: a silent execution (no output,
 * no execution count, no history), whose answer comes back as a user expression. Returns the
 * expression's JSON value (it must have `_repr_json_`), or null when the kernel is not Python,
 * the package does not import there, or anything else fails. Never stops queued cells.
 */
export async function evaluateSilently(
  kernel: Kernel.IKernelConnection,
  expression: string
): Promise<Record<string, unknown> | null> {
  try {
    const info = await kernel.info;
    if (info.language_info?.name !== 'python') {
      return null;
    }
    const future = kernel.requestExecute(
      {
        code: '',
        silent: true,
        store_history: false,
        allow_stdin: false,
        stop_on_error: false,
        user_expressions: { result: expression }
      },
      true
    );
    const reply = (await future.done) as KernelMessage.IExecuteReplyMsg;
    const content = reply.content;
    if (content.status !== 'ok') {
      return null;
    }
    const result = content.user_expressions?.result as
      { status: string; data?: Record<string, unknown> } | undefined;
    const value =
      result?.status === 'ok' ? result.data?.['application/json'] : null;
    return value && typeof value === 'object'
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null; // the kernel went away or restarted meanwhile
  }
}

/** A Python literal for a string or None (JSON strings are valid Python strings). */
export function pyLiteral(value: string | null): string {
  return value === null ? 'None' : JSON.stringify(value);
}
